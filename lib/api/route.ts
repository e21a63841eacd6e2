// The one wrapper every route handler is exported through: an unexpected
// error becomes the JSON error envelope (500, or 503 when the database
// cannot be reached or is not migrated), logged once, never a stack trace
// or an empty page to the client.
import { errorResponse } from "@/lib/api/respond";
import { databaseProblem } from "@/lib/database/errors";
import { log } from "@/lib/log";

export function route<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      const request = args[0] instanceof Request ? args[0] : null;
      const path = request ? new URL(request.url).pathname : null;
      const problem = databaseProblem(error);
      log("error", "route.error", { path, problem, error: (error as Error).message?.split("\n")[0] ?? String(error) });
      if (problem === "unreachable") return errorResponse("unavailable", "the database cannot be reached right now; try again in a minute", { headers: { "retry-after": "30" } });
      if (problem === "not-migrated") return errorResponse("unavailable", "the database is not set up yet (run npm run migrate, then npm run sync)", { headers: { "retry-after": "30" } });
      return errorResponse("internal", "the server could not answer this request; the error is in its log");
    }
  };
}
