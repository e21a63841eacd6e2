import Link from "next/link";

/** The classes of the pagination bar, its links and its "Page n of m" (shared with markup written as HTML text). */
export const PAGINATION_CLASSES = {
  nav: "mt-4 flex items-center justify-between gap-2",
  link: "rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800",
  status: "text-sm text-zinc-600 dark:text-zinc-400",
} as const;

/** Previous / next links that keep the other query parameters ("Newer" and "Older" for lists by date). */
export function Pagination({
  page,
  pages,
  href,
  labels = { previous: "← Newer", next: "Older →" },
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels?: { previous: string; next: string };
}) {
  if (pages <= 1) return null;
  const linkClass = PAGINATION_CLASSES.link;
  return (
    <nav aria-label="Pagination" className={PAGINATION_CLASSES.nav}>
      {page > 1 ? (
        <Link className={linkClass} href={href(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className={PAGINATION_CLASSES.status}>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className={linkClass} href={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
