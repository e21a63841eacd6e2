import { feedResponse } from "@/lib/api/feed-response";
import { route } from "@/lib/api/route";
import { siteUrl } from "@/lib/env";
import { canaryFeed } from "@/lib/feeds/canaries";
import { listFeedCanaries } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const { canaries, watch } = await listFeedCanaries();
  return feedResponse(request, canaryFeed(canaries, watch, { siteUrl: siteUrl() }), "json");
});
