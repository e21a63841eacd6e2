import { jsonResponse } from "@/lib/api/respond";
import { listBulletins } from "@/lib/queries/bulletins";

export const dynamic = "force-dynamic";

export async function GET() {
  const items = await listBulletins();
  return jsonResponse({ items });
}
