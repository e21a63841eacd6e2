// The three feed formats of one release's bulletins share this handler.
import { bulletinFeedResponse } from "@/lib/api/feed-response";
import { errorResponse } from "@/lib/api/respond";
import type { FeedFormat } from "@/lib/feeds/types";
import { releaseFromSegment } from "@/lib/feeds/urls";
import { getFeedRelease } from "@/lib/queries/feeds";

export async function releaseFeedResponse(request: Request, segment: string, format: FeedFormat): Promise<Response> {
  const name = releaseFromSegment(segment);
  const release = name ? await getFeedRelease(name) : null;
  if (!release) return errorResponse("not_found", `there is no Qubes release "${segment}" in the tracker (try 4.3, 4.2 or R2)`);
  return bulletinFeedResponse(request, format, release);
}
