import { errorResponse, jsonResponse } from "@/lib/api/respond";
import { getEnv } from "@/lib/env";
import { describeProvenance, getSourceProvenance } from "@/lib/queries/source";

export const dynamic = "force-dynamic";

export async function GET() {
  const provenance = await getSourceProvenance(getEnv().SYNC_INTERVAL);
  if (!provenance) return errorResponse("not_found", "no sync has recorded where the data came from yet; run npm run sync");
  // Never cached (here or by the front server): it says exactly when the data was last refreshed, which a sync that changed nothing moves on.
  return jsonResponse({ ...provenance, summary: describeProvenance(provenance) }, { headers: { "cache-control": "no-store" } });
}
