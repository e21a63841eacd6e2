import Link from "next/link";

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
  const linkClass = "rounded-md border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link className={linkClass} href={href(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-zinc-600 dark:text-zinc-400">
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
