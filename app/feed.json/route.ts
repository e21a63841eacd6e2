import { conditionalResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { siteUrl } from "@/lib/env";
import { bulletinFeed } from "@/lib/feeds/entries";
import { buildJsonFeed } from "@/lib/feeds/json-feed";
import { FEED_CONTENT_TYPES } from "@/lib/feeds/urls";
import { listFeedBulletins } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const feed = bulletinFeed(await listFeedBulletins(), { siteUrl: siteUrl() });
  return conditionalResponse(request, buildJsonFeed(feed), { contentType: FEED_CONTENT_TYPES.json, lastModified: feed.updated });
});
