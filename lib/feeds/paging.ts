// Paged feeds (RFC 5005, section 3): each feed document holds at most
// FEED_PAGE_SIZE entries, the most recently changed first (a revised old
// bulletin comes back to the first page, where a reader polling it sees the
// update), ties in the feed's own order; `?page=2` and on hold the older
// ones, and every page links to the next (Atom and RSS: <link rel="next">,
// JSON Feed: next_url) and to the first. A feed's size then stays bounded
// however many bulletins there are. Pure.
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

const withPage = (url: string, page: number) => (page === 1 ? url : `${url}?page=${page}`);
const mapUrls = (urls: Record<FeedFormat, string>, page: number) =>
  ({ rss: withPage(urls.rss, page), atom: withPage(urls.atom, page), json: withPage(urls.json, page) }) satisfies Record<FeedFormat, string>;

/** One page of a feed, or null past the last page (page 1 always exists, empty or not). */
export function feedPage(feed: Feed, page: number, size = FEED_PAGE_SIZE): Feed | null {
  const pages = Math.max(1, Math.ceil(feed.entries.length / size));
  if (page > pages) return null;
  const ordered = feed.entries.map((entry, i) => ({ entry, i })).sort((a, b) => b.entry.updated.getTime() - a.entry.updated.getTime() || a.i - b.i);
  const entries = ordered.slice((page - 1) * size, page * size).map((o) => o.entry);
  return {
    ...feed,
    entries,
    // The newest entry of this page: its ETag and Last-Modified follow its own entries.
    updated: entries.reduce((max, e) => (e.updated > max ? e.updated : max), UNKNOWN_DATE),
    urls: mapUrls(feed.urls, page),
    paging: { page, pages, first: feed.urls, next: page < pages ? mapUrls(feed.urls, page + 1) : null },
  };
}
