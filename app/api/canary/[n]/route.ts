import { errorResponse, jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { canaryId, parseCanaryNumber } from "@/lib/ids";
import { canaryApiRecord, getCanary } from "@/lib/queries/canaries";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request, { params }: { params: Promise<{ n: string }> }) => {
  const { n } = await params;
  const number = parseCanaryNumber(n);
  if (number === null) return errorResponse("not_found", `"${n}" is not a canary number (try 47, 047 or canary-047)`);
  const canary = await getCanary(number);
  if (!canary) return errorResponse("not_found", `there is no ${canaryId(number)}`);
  return jsonResponse(canaryApiRecord(canary));
});
