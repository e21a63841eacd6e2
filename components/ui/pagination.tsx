import Link from "next/link";
import { PAGINATION_CLASSES } from "./pagination-classes";

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
