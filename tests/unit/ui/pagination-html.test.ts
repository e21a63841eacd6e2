// The pagination bar is written twice, as a React component (its links are
// next/link's, for client navigation) and as HTML text (the search results
// region, spliced without a React render): the two must draw the same
// markup, byte for byte, for every position, label and awkward link.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Pagination } from "@/components/ui/pagination";
import { paginationHtml, type PaginationProps } from "@/components/ui/pagination-html";

test("paginationHtml is the Pagination component's static markup", () => {
  const hrefs = [(p: number) => `/qsb?page=${p}`, (p: number) => `/search?q=a%26b&page=${p}`, (p: number) => `/search?q="<x>'&page=${p}`];
  const labels = [undefined, { previous: "← Previous", next: "Next →" }, { previous: "<prev> & \"co\"", next: "n'ext" }];
  let compared = 0;
  for (const pages of [0, 1, 2, 3, 12])
    for (let page = 1; page <= Math.max(pages, 1); page++)
      for (const href of hrefs)
        for (const label of labels) {
          const props: PaginationProps = { page, pages, href, ...(label ? { labels: label } : {}) };
          assert.equal(paginationHtml(props), renderToStaticMarkup(createElement(Pagination, props)), JSON.stringify({ page, pages, href: href(page), label }));
          compared++;
        }
  assert.ok(compared > 100);
});
