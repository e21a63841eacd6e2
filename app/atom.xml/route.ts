import { feedResponse } from "@/lib/api/feed-response";
import { siteUrl } from "@/lib/env";
import { bulletinFeed } from "@/lib/feeds/entries";
import { listFeedBulletins } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return feedResponse(request, bulletinFeed(await listFeedBulletins(), { siteUrl: siteUrl() }), "atom");
}
