import { bulletinFeedResponse } from "@/lib/api/feed-response";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => bulletinFeedResponse(request, "json"));
