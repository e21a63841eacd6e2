import { conditionalResponse, errorResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { siteUrl } from "@/lib/env";
import { buildOsv, osvId, parseOsvId } from "@/lib/feeds/osv";
import { osvPath } from "@/lib/feeds/urls";
import { getOsvBulletin } from "@/lib/queries/feeds";

export const dynamic = "force-dynamic";

/**
 * `/api/osv/QSB-054.json`: one bulletin as an OSV record. Other spellings of
 * an existing bulletin's ID (`QSB-54.json`, `qsb-054.json`) redirect (308) to
 * the canonical address, so each record has exactly one URL to cache and
 * cite; anything else is a 404.
 */
export const GET = route(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const match = /^(.*)\.json$/i.exec(id);
  const number = match ? parseOsvId(match[1]!) : null;
  if (number === null) return errorResponse("not_found", `"${id}" is not an OSV record address (try QSB-054.json or all.json)`);
  const bulletin = await getOsvBulletin(number);
  if (!bulletin) return errorResponse("not_found", `there is no ${osvId(number)}`);
  if (id !== `${osvId(number)}.json`) return Response.redirect(`${siteUrl()}${osvPath(osvId(number))}`, 308);
  const record = buildOsv(bulletin, siteUrl());
  return conditionalResponse(request, `${JSON.stringify(record, null, 2)}\n`, {
    contentType: "application/json; charset=utf-8",
    lastModified: new Date(record.modified),
  });
});
