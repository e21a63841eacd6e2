import { jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { listAdvisories } from "@/lib/queries/advisories";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request) => {
  const items = await listAdvisories();
  return jsonResponse({ items });
});
