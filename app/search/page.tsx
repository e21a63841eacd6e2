import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { searchResultsHtml } from "@/components/search/search-results-html";
import { getSearchPage } from "@/lib/queries/search-page";
import { intParam, param, type SearchParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const query = param(await searchParams, "q");
  return { title: query ? `Search: ${query}` : "Search" };
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = param(params, "q") ?? "";
  const data = await getSearchPage(query, intParam(params, "page"));
  if (data.outcome.redirect) redirect(data.outcome.redirect);
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
      {/* The results region, as HTML text (components/search/search-results-html.ts): one string, not an element tree. */}
      <div id="search-results" className="space-y-4" dangerouslySetInnerHTML={{ __html: searchResultsHtml(data) }} />
    </div>
  );
}
