import { errorResponse, jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { parseBulletinNumber } from "@/lib/ids";
import { getBulletin } from "@/lib/queries/bulletins";
import { getBulletinHistory } from "@/lib/queries/history";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request, { params }: { params: Promise<{ n: string }> }) => {
  const { n } = await params;
  const number = parseBulletinNumber(n);
  if (number === null) return errorResponse("not_found", `"${n}" is not a bulletin number (try 54, 054 or QSB-054)`);
  const bulletin = await getBulletin(number);
  if (!bulletin) return errorResponse("not_found", `there is no QSB-${String(number).padStart(3, "0")}`);
  const { rawText: _text, ...rest } = bulletin;
  const { known, revisions } = await getBulletinHistory(number, bulletin.date, bulletin.changelog.map((c) => c.date));
  // The commits that touched the text and its signatures, newest first; null when the history is unknown (a plain-folder secpack).
  return jsonResponse({ ...rest, text: bulletin.rawText, revisions: known ? revisions : null });
});
