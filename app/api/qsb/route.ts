import { jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { listBulletins } from "@/lib/queries/bulletins";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request) => {
  const items = await listBulletins();
  return jsonResponse({ items });
});
