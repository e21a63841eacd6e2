import { jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { listBulletins } from "@/lib/queries/bulletins";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request) => {
  // The list's documented shape: the pages' release tags stay out of it.
  const items = (await listBulletins()).map(({ number, id, date, title, signatureStatus }) => ({ number, id, date, title, signatureStatus }));
  return jsonResponse({ items });
});
