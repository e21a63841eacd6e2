// The search splicer (lib/server/search-splice.ts) of this app: its
// templates from Next.js itself, each query's results region read as the
// page reads it (getSearchPage) and written as the page writes it
// (searchResultsHtml). The primary's front server has one; so can each front
// worker (given Next.js's address in its config: FrontWorkerConfig.next),
// which then answers its search misses itself, from its own read connection,
// instead of asking the primary's front server over HTTP for each.
import { searchResultsHtml } from "../components/search/search-results-html";
import { getSearchPage } from "../lib/queries/search-page";
import { createSearchSplicer } from "../lib/server/search-splice";
import { getFromUpstream } from "../lib/server/upstream";

export function createAppSearchSplicer(next: { host: string; port: number }): ReturnType<typeof createSearchSplicer> {
  return createSearchSplicer({
    fetchPage: (pathname) => getFromUpstream(next, pathname),
    region: async (query, page) => {
      const data = await getSearchPage(query, page);
      return { html: searchResultsHtml(data), redirect: data.outcome.redirect };
    },
  });
}
