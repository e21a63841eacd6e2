import { conditionalResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { siteUrl } from "@/lib/env";
import { advisoryFeed } from "@/lib/feeds/entries";
import { buildRss } from "@/lib/feeds/rss";
import { FEED_CONTENT_TYPES } from "@/lib/feeds/urls";
import { listFeedAdvisories } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const feed = advisoryFeed(await listFeedAdvisories(), { siteUrl: siteUrl() });
  return conditionalResponse(request, buildRss(feed), { contentType: FEED_CONTENT_TYPES.rss, lastModified: feed.updated });
});
