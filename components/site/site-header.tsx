import Link from "next/link";
import { NavLinks } from "@/components/site/nav-links";
import { SearchShortcut } from "@/components/search/search-shortcut";
import { site } from "@/lib/site";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          {site.name}
        </Link>
        <NavLinks />
        <form action="/search" method="get" role="search" aria-label="Site search" className="ml-auto flex w-full max-w-sm gap-2 sm:w-auto">
          <label htmlFor="site-search" className="sr-only">
            Search bulletins and advisories
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            placeholder="XSA-306, QSB-054, CVE…"
            title="Search by XSA, QSB or CVE ID, or words (press / to come here)"
            className="w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm sm:w-64 text-zinc-900 placeholder:text-zinc-500 focus:outline-2 focus:outline-offset-1 focus:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
          <button type="submit" className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300">
            Search
          </button>
        </form>
        <SearchShortcut inputId="site-search" />
      </div>
    </header>
  );
}
