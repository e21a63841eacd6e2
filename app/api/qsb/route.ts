import { jsonResponse } from "@/lib/api/respond";
import { listBulletins } from "@/lib/queries/bulletins";

export const dynamic = "force-dynamic";

export async function GET() {
  // The list's documented shape: the pages' release tags stay out of it.
  const items = (await listBulletins()).map(({ number, id, date, title, signatureStatus }) => ({ number, id, date, title, signatureStatus }));
  return jsonResponse({ items });
}
