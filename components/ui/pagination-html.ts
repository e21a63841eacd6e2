// The pagination bar as HTML text, for markup written as a string (the
// search results region, spliced into pages without a React render). The
// component (pagination.tsx) must stay a React element: its links are
// next/link's, which navigate on the client. So the markup is written twice,
// and tests/unit/ui/pagination-html.test.ts holds this to the component's
// static markup, byte for byte. Pure; every value escaped as React does.
import { escapeReact as esc } from "@/lib/text/react-escape";
import { PAGINATION_CLASSES } from "./pagination-classes";

export interface PaginationProps {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels?: { previous: string; next: string };
}

/** Previous / next links ("Newer" and "Older" unless labelled), as pagination.tsx draws them; "" for one page. */
export function paginationHtml({ page, pages, href, labels = { previous: "← Newer", next: "Older →" } }: PaginationProps): string {
  if (pages <= 1) return "";
  const link = (to: number, rel: string, label: string) => `<a class="${PAGINATION_CLASSES.link}" rel="${rel}" href="${esc(href(to))}">${esc(label)}</a>`;
  return [
    `<nav aria-label="Pagination" class="${PAGINATION_CLASSES.nav}">`,
    page > 1 ? link(page - 1, "prev", labels.previous) : "<span></span>",
    `<span class="${PAGINATION_CLASSES.status}">Page ${page} of ${pages}</span>`,
    page < pages ? link(page + 1, "next", labels.next) : "<span></span>",
    "</nav>",
  ].join("");
}
