// RSS 2.0 (https://www.rssboard.org/rss-specification). Pure.
//
// RSS has no "updated" field: a revised bulletin keeps its <guid> (so readers
// update the item instead of adding one) and its <description> starts with
// what changed. <pubDate> stays the publication date.
import { rfc822 } from "./dates";
import type { Feed } from "./types";
import { element, escapeXml } from "./xml";

export function buildRss(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "<channel>",
    element("title", feed.title),
    element("link", feed.homeUrl),
    element("description", feed.description),
    element("language", "en"),
    // The newest entry date, not the time of the request: the body (and its
    // ETag) changes only when the data does.
    element("lastBuildDate", rfc822(feed.updated)),
    element("generator", feed.author),
    element("atom:link", null, { href: feed.urls.rss, rel: "self", type: "application/rss+xml" }),
    // RSS has no paging of its own: RFC 5005's links, in the Atom namespace.
    ...(feed.paging ? [element("atom:link", null, { href: feed.paging.first.rss, rel: "first", type: "application/rss+xml" })] : []),
    ...(feed.paging?.next ? [element("atom:link", null, { href: feed.paging.next.rss, rel: "next", type: "application/rss+xml" })] : []),
  ];
  for (const entry of feed.entries) {
    lines.push(
      "<item>",
      element("title", entry.title),
      element("link", entry.url),
      element("guid", entry.id, { isPermaLink: "false" }),
      element("pubDate", rfc822(entry.published ?? entry.updated)),
      `<description>${escapeXml(entry.contentHtml)}</description>`,
      ...entry.tags.map((tag) => element("category", tag)),
      "</item>",
    );
  }
  lines.push("</channel>", "</rss>", "");
  return lines.join("\n");
}
