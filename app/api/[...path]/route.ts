import { errorResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Any other address under /api: the JSON 404, as the API's own 404s are. */
export const GET = route(async (request: Request) => {
  const { pathname } = new URL(request.url);
  return Promise.resolve(errorResponse("not_found", `there is nothing at ${pathname} (the API has /api/qsb, /api/qsb/54, /api/xsa/306, /api/canary, /api/canary/47, /api/osv/QSB-054.json)`));
});
