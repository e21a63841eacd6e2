// Atom 1.0 (RFC 4287). Pure.
import { rfc3339 } from "./dates";
import type { Feed } from "./types";
import { element } from "./xml";

export function buildAtom(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    element("id", feed.id),
    element("title", feed.title, { type: "text" }),
    element("subtitle", feed.description, { type: "text" }),
    element("updated", rfc3339(feed.updated)),
    element("link", null, { rel: "self", type: "application/atom+xml", href: feed.urls.atom }),
    element("link", null, { rel: "alternate", type: "text/html", href: feed.homeUrl }),
    ...(feed.paging ? [element("link", null, { rel: "first", type: "application/atom+xml", href: feed.paging.first.atom })] : []),
    ...(feed.paging?.next ? [element("link", null, { rel: "next", type: "application/atom+xml", href: feed.paging.next.atom })] : []),
    `<author>${element("name", feed.author)}</author>`,
    element("generator", feed.author),
  ];
  for (const entry of feed.entries) {
    lines.push(
      "<entry>",
      element("id", entry.id),
      element("title", entry.title, { type: "text" }),
      element("link", null, { rel: "alternate", type: "text/html", href: entry.url }),
      ...(entry.published ? [element("published", rfc3339(entry.published))] : []),
      element("updated", rfc3339(entry.updated)),
      element("summary", entry.summary, { type: "text" }),
      element("content", entry.contentHtml, { type: "html" }),
      ...entry.tags.map((tag) => element("category", null, { term: tag })),
      "</entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}
