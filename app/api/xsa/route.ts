import { jsonResponse } from "@/lib/api/respond";
import { listAdvisories } from "@/lib/queries/advisories";

export const dynamic = "force-dynamic";

export async function GET() {
  const items = await listAdvisories();
  return jsonResponse({ items });
}
