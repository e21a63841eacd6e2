// What the search page shows for a query and a page number: the outcome of
// searchAll, the window of at most SEARCH_PAGE_SIZE results shown, the
// release badges of only those, and (for an unknown CVE ID) which sources
// were imported. One function for the page and for anything else that
// renders its results, so that they cannot disagree.
import { pageWindow, type PageWindow } from "./paginate";
import { listReleaseTags, type ReleaseTag } from "./release-tags";
import { searchAll, type SearchOutcome, type SearchResult } from "./search";
import { getImportedSources } from "./source";

/** Results a page: a search's page costs the same however many results it has. */
export const SEARCH_PAGE_SIZE = 20;

export interface SearchPageData {
  /** The query as the page's links keep it (trimmed, at most 200 characters). */
  query: string;
  outcome: SearchOutcome;
  window: PageWindow;
  /** The results of this page only. */
  shown: SearchResult[];
  /** The release badges of the bulletins shown, by number. */
  releases: Map<number, ReleaseTag[]>;
  /** Only for a CVE ID found nowhere: whether Xen's XSA index was imported (the page says what was searched). */
  xenIndexImported: boolean | null;
}

export async function getSearchPage(query: string, page: number | undefined): Promise<SearchPageData> {
  const outcome = await searchAll(query);
  const unknownCve = outcome.interpretation === "cve" && outcome.results.length === 0;
  const window = pageWindow(outcome.results.length, page, SEARCH_PAGE_SIZE);
  const shown = outcome.results.slice(window.skip, window.skip + window.take);
  const bulletins = shown.filter((r) => r.kind === "bulletin").map((r) => r.number);
  const [releases, sources] = await Promise.all([
    bulletins.length ? listReleaseTags(bulletins) : new Map<number, ReleaseTag[]>(),
    unknownCve ? getImportedSources() : null,
  ]);
  return { query, outcome, window, shown, releases, xenIndexImported: sources ? sources["xen-index"] : null };
}
