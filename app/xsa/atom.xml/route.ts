import { feedResponse } from "@/lib/api/feed-response";
import { siteUrl } from "@/lib/env";
import { advisoryFeed } from "@/lib/feeds/entries";
import { listFeedAdvisories } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return feedResponse(request, advisoryFeed(await listFeedAdvisories(), { siteUrl: siteUrl() }), "atom");
}
