// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Pure.
import { rfc3339 } from "./dates";
import type { Feed } from "./types";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  content_html: string;
  date_published?: string;
  date_modified: string;
  tags: string[];
  _qubes: Record<string, unknown>;
}

export interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: { name: string }[];
  items: JsonFeedItem[];
  /** JSON Feed 1.1: the next, older page of a paged feed. */
  next_url?: string;
}

/** The feed object; `buildJsonFeed` serialises it. */
export function jsonFeedObject(feed: Feed): JsonFeed {
  return {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    description: feed.description,
    language: "en",
    authors: [{ name: feed.author }],
    ...(feed.paging?.next ? { next_url: feed.paging.next.json } : {}),
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      ...(entry.published ? { date_published: rfc3339(entry.published) } : {}),
      date_modified: rfc3339(entry.updated),
      tags: entry.tags,
      // Extension keys start with "_" (JSON Feed 1.1, "Extensions").
      _qubes: entry.extension,
    })),
  };
}

export function buildJsonFeed(feed: Feed): string {
  return `${JSON.stringify(jsonFeedObject(feed), null, 2)}\n`;
}
