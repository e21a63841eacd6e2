import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { listReleaseTags } from "@/lib/queries/release-tags";
import { getImportedSources } from "@/lib/queries/source";
import { searchAll } from "@/lib/queries/search";
import { ReleaseBadges } from "@/components/release/release-badges";
import { hrefWith, intParam, param, type SearchParams } from "@/lib/search-params";
import { pageWindow } from "@/lib/queries/paginate";
import { Pagination } from "@/components/ui/pagination";
import { count, NOUNS } from "@/lib/text/plural";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const query = param(await searchParams, "q");
  return { title: query ? `Search: ${query}` : "Search" };
}

/** Results a page: a search's page costs the same however many results it has. */
const SEARCH_PAGE_SIZE = 20;

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = param(params, "q") ?? "";
  const outcome = await searchAll(query);
  if (outcome.redirect) redirect(outcome.redirect);
  const sources = outcome.interpretation === "cve" && outcome.results.length === 0 ? await getImportedSources() : null;
  const window = pageWindow(outcome.results.length, intParam(params, "page"), SEARCH_PAGE_SIZE);
  const shown = outcome.results.slice(window.skip, window.skip + window.take);
  const releases = await listReleaseTags(shown.filter((r) => r.kind === "bulletin").map((r) => r.number));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
      <form action="/search" method="get" role="search" aria-label="Search again" className="flex gap-2">
        <label htmlFor="search-page-q" className="sr-only">Search</label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          defaultValue={query}
          placeholder="306, XSA-306, QSB-054, #54, CVE-2019-19579, words…"
          className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900">
          Search
        </button>
      </form>
      {outcome.interpretation === "empty" ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          Search by XSA number (306, XSA-306, xsa306), QSB number (QSB-054, qsb 54, #54), CVE ID, or words from titles and texts.
        </p>
      ) : (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {outcome.results.length === 0 && sources
              ? `${outcome.query.toUpperCase()} is not known here. Searched: the bulletins' texts (and the XSA titles and CVE IDs they quote)${sources["xen-index"] ? " and Xen's XSA index" : "; Xen's XSA index was not imported, so a CVE only it lists cannot be found"}.`
              : outcome.results.length === 0
                ? `Nothing matches “${outcome.query}”.`
                : `${count(outcome.results.length, NOUNS.result)} for “${outcome.query}”${window.pages > 1 ? `, ${window.skip + 1} to ${window.skip + shown.length} shown` : ""}`}
          </p>
          <ol className="space-y-3">
            {shown.map((r) => (
              <li key={`${r.kind}-${r.id}`} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
                <div className="flex flex-wrap items-baseline gap-2">
                  <Link className={`${textLink} font-mono font-semibold`} href={r.href}>{r.id}</Link>
                  <span>{r.title ?? ""}</span>
                  {r.date && <span className="text-sm text-zinc-600 dark:text-zinc-400">{r.date}</span>}
                  {r.kind === "bulletin" && <ReleaseBadges releases={releases.get(r.number) ?? []} />}
                  {r.exact && <Badge tone="good">exact match</Badge>}
                </div>
                <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">Matched: it {r.why}.</p>
                {r.snippet && (
                  <p className="mt-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">
                    {r.snippet.map((part, i) =>
                      part.match ? (
                        <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-zinc-950 dark:bg-amber-300">
                          {part.text}
                        </mark>
                      ) : (
                        part.text
                      ),
                    )}
                  </p>
                )}
              </li>
            ))}
          </ol>
          <Pagination page={window.page} pages={window.pages} href={(page) => hrefWith("/search", { q: query, page })} labels={{ previous: "← Previous", next: "Next →" }} />
        </>
      )}
    </div>
  );
}
