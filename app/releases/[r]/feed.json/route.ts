import { releaseFeedResponse } from "../release-feed";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ r: string }> }) {
  return releaseFeedResponse(request, (await params).r, "json");
}
