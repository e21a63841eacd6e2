import { conditionalResponse, errorResponse } from "@/lib/api/respond";
import { siteUrl } from "@/lib/env";
import { bulletinFeed } from "@/lib/feeds/entries";
import { buildAtom } from "@/lib/feeds/atom";
import { FEED_CONTENT_TYPES, releaseFromSegment } from "@/lib/feeds/urls";
import { getReleaseFeedBulletins } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ r: string }> }) {
  const { r } = await params;
  const name = releaseFromSegment(r);
  const found = name ? await getReleaseFeedBulletins(name) : null;
  if (!found) return errorResponse("not_found", `there is no Qubes release "${r}" in the tracker (try 4.3, 4.2 or R2)`);
  const feed = bulletinFeed(found.bulletins, { siteUrl: siteUrl(), release: found.release });
  return conditionalResponse(request, buildAtom(feed), { contentType: FEED_CONTENT_TYPES.atom, lastModified: feed.updated });
}
