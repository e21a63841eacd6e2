// The pagination bar's classes, apart from its component (which imports
// next/link): markup written as HTML text (the search results) uses them too.
/** The classes of the pagination bar, its links and its "Page n of m" (shared with markup written as HTML text). */
export const PAGINATION_CLASSES = {
  nav: "mt-4 flex items-center justify-between gap-2",
  link: "rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800",
  status: "text-sm text-zinc-600 dark:text-zinc-400",
} as const;
