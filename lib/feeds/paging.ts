// Paged feeds (RFC 5005, section 3): each feed document holds at most
// FEED_PAGE_SIZE entries, the most recently changed first (a revised old
// bulletin comes back to the first page, where a reader polling it sees the
// update), ties in the feed's own order; `?page=2` and on hold the older
// ones, and every page links to the next (Atom and RSS: <link rel="next">,
// JSON Feed: next_url) and to the first. A feed's size then stays bounded
// however many bulletins there are. Pure.
//
// The order needs only each item's "updated" date, so a large feed is paged
// on light rows (pageOfOrder) and only the page's items are read in full
// and built (lib/queries/feeds.ts); a small one is built whole and paged
// here (feedPage). Both follow the same order.
import { UNKNOWN_DATE } from "./dates";
import type { Feed, FeedFormat } from "./types";

/** Entries per feed document. */
export const FEED_PAGE_SIZE = 50;

/** The page a feed URL asks for: 1 without `page`, null when `page` is not a whole number from 1. */
export function feedPageOf(url: string): number | null {
  const value = new URL(url, "http://localhost").searchParams.get("page");
  if (value === null) return 1;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/** How many pages `total` entries make (1 for none: page 1 always exists). */
export const feedPageCount = (total: number, size = FEED_PAGE_SIZE) => Math.max(1, Math.ceil(total / size));

/** One page of a feed's items, and how many pages there are; `items` is empty past the last page. */
export interface FeedWindow<T> {
  items: T[];
  page: number;
  pages: number;
}

/** The feed order over items given in the feed's own order: the most recently changed first, ties kept in the given order. */
export function feedOrder<T>(items: T[], updated: (item: T) => Date): T[] {
  return items
    .map((item, i) => ({ item, i, at: updated(item).getTime() }))
    .sort((a, b) => b.at - a.at || a.i - b.i)
    .map((o) => o.item);
}

/** Page `page` of items already in the feed order (feedOrder). */
export function pageOfOrdered<T>(ordered: T[], page: number, size = FEED_PAGE_SIZE): FeedWindow<T> {
  const pages = feedPageCount(ordered.length, size);
  if (page > pages) return { items: [], page, pages };
  return { items: ordered.slice((page - 1) * size, page * size), page, pages };
}

/** The feed order over items given in the feed's own order (feedOrder), then page `page` of it. */
export function pageOfOrder<T>(items: T[], updated: (item: T) => Date, page: number, size = FEED_PAGE_SIZE): FeedWindow<T> {
  return pageOfOrdered(feedOrder(items, updated), page, size);
}

const withPage = (url: string, page: number) => (page === 1 ? url : `${url}?page=${page}`);
const mapUrls = (urls: Record<FeedFormat, string>, page: number) =>
  ({ rss: withPage(urls.rss, page), atom: withPage(urls.atom, page), json: withPage(urls.json, page) }) satisfies Record<FeedFormat, string>;

/**
 * A feed built from one page's entries (in any order) as page `page` of
 * `pages`: the entries in the feed order, its dates and links those of the page.
 */
export function pagedFeed(feed: Feed, page: number, pages: number): Feed {
  const entries = pageOfOrder(feed.entries, (e) => e.updated, 1, Math.max(1, feed.entries.length)).items;
  return {
    ...feed,
    entries,
    // The newest entry of this page: its ETag and Last-Modified follow its own entries.
    updated: entries.reduce((max, e) => (e.updated > max ? e.updated : max), UNKNOWN_DATE),
    urls: mapUrls(feed.urls, page),
    paging: { page, pages, first: feed.urls, next: page < pages ? mapUrls(feed.urls, page + 1) : null },
  };
}

/** One page of a feed built whole, or null past the last page (page 1 always exists, empty or not). */
export function feedPage(feed: Feed, page: number, size = FEED_PAGE_SIZE): Feed | null {
  const window = pageOfOrder(feed.entries, (e) => e.updated, page, size);
  if (page > window.pages) return null;
  return pagedFeed({ ...feed, entries: window.items }, page, window.pages);
}
