// A feed document as a route answers it: the page the URL asks for (paged
// feeds, lib/feeds/paging.ts) in one format, with ETag and Last-Modified.
import { buildAtom } from "@/lib/feeds/atom";
import { buildJsonFeed } from "@/lib/feeds/json-feed";
import { FEED_PAGE_SIZE, feedPage, feedPageOf } from "@/lib/feeds/paging";
import { buildRss } from "@/lib/feeds/rss";
import type { Feed, FeedFormat } from "@/lib/feeds/types";
import { FEED_CONTENT_TYPES } from "@/lib/feeds/urls";
import { conditionalResponse, errorResponse } from "./respond";

const BUILDERS = { rss: buildRss, atom: buildAtom, json: buildJsonFeed } satisfies Record<FeedFormat, (feed: Feed) => string>;

export function feedResponse(request: Request, feed: Feed, format: FeedFormat): Response {
  const page = feedPageOf(request.url);
  if (page === null) return errorResponse("bad_request", `"page" must be a whole number from 1 (each page holds ${FEED_PAGE_SIZE} entries)`);
  const paged = feedPage(feed, page);
  if (!paged) return errorResponse("not_found", `this feed has ${Math.max(1, Math.ceil(feed.entries.length / FEED_PAGE_SIZE))} pages of ${FEED_PAGE_SIZE} entries; there is no page ${page}`);
  return conditionalResponse(request, BUILDERS[format](paged), { contentType: FEED_CONTENT_TYPES[format], lastModified: paged.updated });
}
