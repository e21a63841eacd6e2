import { conditionalResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { siteUrl } from "@/lib/env";
import { buildOsv, newestModified } from "@/lib/feeds/osv";
import { listOsvBulletins } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

/** `/api/osv/all.json`: every bulletin's OSV record, newest first, as one JSON array. */
export const GET = route(async (request: Request) => {
  const base = siteUrl();
  const records = (await listOsvBulletins()).map((b) => buildOsv(b, base));
  return conditionalResponse(request, `${JSON.stringify(records)}\n`, {
    contentType: "application/json; charset=utf-8",
    lastModified: newestModified(records),
  });
});
