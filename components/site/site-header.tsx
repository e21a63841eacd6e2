import Link from "next/link";
import { SearchShortcut } from "@/components/search/search-shortcut";
import { CANARIES_PATH } from "@/lib/ids";
import { site } from "@/lib/site";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          {site.name}
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
          <Link href="/qsb" className="hover:underline">Bulletins</Link>
          <Link href="/xsa" className="hover:underline">XSA tracker</Link>
          <Link href="/releases" className="hover:underline">Releases</Link>
          <Link href={CANARIES_PATH} className="hover:underline">Canaries</Link>
          <Link href="/subscribe" className="hover:underline">Subscribe</Link>
        </nav>
        <form action="/search" method="get" role="search" className="ml-auto flex w-full max-w-sm gap-2 sm:w-auto">
          <label htmlFor="site-search" className="sr-only">
            Search bulletins and advisories
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            placeholder="XSA-306, QSB-054, CVE, text…  (press /)"
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 focus:outline-2 focus:outline-offset-1 focus:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
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
