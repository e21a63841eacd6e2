import { errorResponse, jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { parseAdvisoryNumber } from "@/lib/ids";
import { getAdvisory } from "@/lib/queries/advisories";
import { getAdvisoryAnnouncement, notAffectedOf } from "@/lib/queries/announcements";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request, { params }: { params: Promise<{ n: string }> }) => {
  const { n } = await params;
  const number = parseAdvisoryNumber(n);
  if (number === null) return errorResponse("not_found", `"${n}" is not an advisory number (try 306 or XSA-306)`);
  const advisory = await getAdvisory(number);
  if (!advisory) return errorResponse("not_found", `there is no XSA-${number} in the tracker, Xen's index or any bulletin`);
  return jsonResponse({ ...advisory, notAffected: notAffectedOf(await getAdvisoryAnnouncement(number)) });
});
