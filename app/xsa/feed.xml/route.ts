import { feedResponse } from "@/lib/api/feed-response";
import { route } from "@/lib/api/route";
import { siteUrl } from "@/lib/env";
import { advisoryFeed } from "@/lib/feeds/entries";
import { listFeedAdvisories } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  return feedResponse(request, advisoryFeed(await listFeedAdvisories(), { siteUrl: siteUrl() }), "rss");
});
