import Link from "next/link";
import { PAGINATION_CLASSES } from "./pagination-classes";
import type { PaginationProps } from "./pagination-html";

/**
 * Previous / next links that keep the other query parameters ("Newer" and
 * "Older" for lists by date). Its markup as HTML text is pagination-html.ts,
 * held to this one's by a test.
 */
export function Pagination({ page, pages, href, labels = { previous: "← Newer", next: "Older →" } }: PaginationProps) {
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
