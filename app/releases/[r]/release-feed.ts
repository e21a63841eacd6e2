// The three feed formats of one release's bulletins share this handler.
import { feedResponse } from "@/lib/api/feed-response";
import { errorResponse } from "@/lib/api/respond";
import { siteUrl } from "@/lib/env";
import { bulletinFeed } from "@/lib/feeds/entries";
import type { FeedFormat } from "@/lib/feeds/types";
import { releaseFromSegment } from "@/lib/feeds/urls";
import { getReleaseFeedBulletins } from "@/lib/queries/feeds";

export async function releaseFeedResponse(request: Request, segment: string, format: FeedFormat): Promise<Response> {
  const name = releaseFromSegment(segment);
  const found = name ? await getReleaseFeedBulletins(name) : null;
  if (!found) return errorResponse("not_found", `there is no Qubes release "${segment}" in the tracker (try 4.3, 4.2 or R2)`);
  return feedResponse(request, bulletinFeed(found.bulletins, { siteUrl: siteUrl(), release: found.release }), format);
}
