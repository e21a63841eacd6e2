import { route } from "@/lib/api/route";
import { releaseFeedResponse } from "../release-feed";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request, { params }: { params: Promise<{ r: string }> }) => {
  return releaseFeedResponse(request, (await params).r, "json");
});
