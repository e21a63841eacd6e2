import { feedResponse } from "@/lib/api/feed-response";
import { route } from "@/lib/api/route";
import { siteUrl } from "@/lib/env";
import { bulletinFeed } from "@/lib/feeds/entries";
import { listFeedBulletins } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  return feedResponse(request, bulletinFeed(await listFeedBulletins(), { siteUrl: siteUrl() }), "atom");
});
