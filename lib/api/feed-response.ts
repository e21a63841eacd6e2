// A feed document as a route answers it: the page the URL asks for (paged
// feeds, lib/feeds/paging.ts) in one format, with ETag and Last-Modified.
import { buildAtom } from "@/lib/feeds/atom";
import { buildJsonFeed } from "@/lib/feeds/json-feed";
import { FEED_PAGE_SIZE, feedPage, feedPageCount, feedPageOf, pagedFeed } from "@/lib/feeds/paging";
import { buildRss } from "@/lib/feeds/rss";
import type { Feed, FeedFormat } from "@/lib/feeds/types";
import { FEED_CONTENT_TYPES } from "@/lib/feeds/urls";
import { siteUrl } from "@/lib/env";
import { advisoryFeed, bulletinFeed } from "@/lib/feeds/entries";
import { listFeedAdvisoriesPage, listFeedBulletinsPage } from "@/lib/queries/feeds";
import { conditionalResponse, errorResponse } from "./respond";

const BUILDERS = { rss: buildRss, atom: buildAtom, json: buildJsonFeed } satisfies Record<FeedFormat, (feed: Feed) => string>;

const badPage = () => errorResponse("bad_request", `"page" must be a whole number from 1 (each page holds ${FEED_PAGE_SIZE} entries)`);
const pastLast = (pages: number, page: number) => errorResponse("not_found", `this feed has ${pages} pages of ${FEED_PAGE_SIZE} entries; there is no page ${page}`);
const answer = (request: Request, paged: Feed, format: FeedFormat) =>
  conditionalResponse(request, BUILDERS[format](paged), { contentType: FEED_CONTENT_TYPES[format], lastModified: paged.updated });

/** A feed built whole (a small one: the canaries), paged here. */
export function feedResponse(request: Request, feed: Feed, format: FeedFormat): Response {
  const page = feedPageOf(request.url);
  if (page === null) return badPage();
  const paged = feedPage(feed, page);
  if (!paged) return pastLast(feedPageCount(feed.entries.length), page);
  return answer(request, paged, format);
}

/**
 * A feed paged before it is built: `load` reads only the page's items (in
 * the feed order, lib/feeds/paging.ts) and builds the feed of those; past
 * the last page it says how many pages there are.
 */
export async function pagedFeedResponse(request: Request, format: FeedFormat, load: (page: number) => Promise<{ feed: Feed; pages: number }>): Promise<Response> {
  const page = feedPageOf(request.url);
  if (page === null) return badPage();
  const { feed, pages } = await load(page);
  if (page > pages) return pastLast(pages, page);
  return answer(request, pagedFeed(feed, page, pages), format);
}

/** The bulletins feed (of one release's, by its stored name), one page read at a time. */
export function bulletinFeedResponse(request: Request, format: FeedFormat, release?: string): Promise<Response> {
  return pagedFeedResponse(request, format, async (page) => {
    const window = await listFeedBulletinsPage(page, release);
    return { feed: bulletinFeed(window.items, { siteUrl: siteUrl(), release }), pages: window.pages };
  });
}

/** The advisories feed, one page read at a time. */
export function advisoryFeedResponse(request: Request, format: FeedFormat): Promise<Response> {
  return pagedFeedResponse(request, format, async (page) => {
    const window = await listFeedAdvisoriesPage(page);
    return { feed: advisoryFeed(window.items, { siteUrl: siteUrl() }), pages: window.pages };
  });
}
