// The three feed formats of one release's bulletins share this handler.
import { conditionalResponse, errorResponse } from "@/lib/api/respond";
import { siteUrl } from "@/lib/env";
import { buildAtom } from "@/lib/feeds/atom";
import { bulletinFeed } from "@/lib/feeds/entries";
import { buildJsonFeed } from "@/lib/feeds/json-feed";
import { buildRss } from "@/lib/feeds/rss";
import type { FeedFormat } from "@/lib/feeds/types";
import { FEED_CONTENT_TYPES, releaseFromSegment } from "@/lib/feeds/urls";
import { getReleaseFeedBulletins } from "@/lib/queries/feeds";

const BUILDERS = { rss: buildRss, atom: buildAtom, json: buildJsonFeed } satisfies Record<FeedFormat, unknown>;

export async function releaseFeedResponse(request: Request, segment: string, format: FeedFormat): Promise<Response> {
  const name = releaseFromSegment(segment);
  const found = name ? await getReleaseFeedBulletins(name) : null;
  if (!found) return errorResponse("not_found", `there is no Qubes release "${segment}" in the tracker (try 4.3, 4.2 or R2)`);
  const feed = bulletinFeed(found.bulletins, { siteUrl: siteUrl(), release: found.release });
  return conditionalResponse(request, BUILDERS[format](feed), { contentType: FEED_CONTENT_TYPES[format], lastModified: feed.updated });
}
