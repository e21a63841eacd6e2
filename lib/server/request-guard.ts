// What the front server answers itself, before any rendering: methods a
// route does not take (405 with Allow; OPTIONS gets the Allow list), paths
// that cannot name anything (a malformed percent-escape, a NUL, a path that
// is not a path: 400; a very long URL: 414). Cheap by design: no render, no
// database. Under /api the answer is the JSON error envelope.
import { ERROR_STATUS, errorEnvelope, type ErrorCode } from "@/lib/api/respond";
import { securityHeaders } from "./security-headers";

/**
 * Pages whose forms post a server action: the release page's patch check
 * (app/releases/[r]/actions.ts), posted with JavaScript (a Next-Action
 * header) or without (a plain form post). Nothing else takes a POST.
 */
const ACTION_PAGES = [/^\/releases\/[^/]+\/?$/];
/** API routes that take only a POST: the check (app/api/check). */
const POST_ONLY = [/^\/api\/check\/?$/];
export const MAX_URL_LENGTH = 8192;

export interface GuardAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The methods a path answers. */
export function allowedMethods(pathname: string): string[] {
  if (POST_ONLY.some((pattern) => pattern.test(pathname))) return ["POST"];
  return ACTION_PAGES.some((pattern) => pattern.test(pathname)) ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"];
}

/** An answer for a request the app must not see, or null to go on. */
export function guardRequest(method: string | undefined, url: string | undefined): GuardAnswer | null {
  const target = url ?? "/";
  const pathname = target.split("?")[0] ?? target;
  if (target.length > MAX_URL_LENGTH) return answer(pathname, "uri_too_long", `the address is ${target.length} characters long, more than the ${MAX_URL_LENGTH} this server reads`);
  if (!pathname.startsWith("/")) return answer("/", "bad_request", "the request target is not a path");
  const problem = pathProblem(pathname);
  if (problem) return answer(pathname, "bad_request", problem);
  const allowed = allowedMethods(pathname);
  if (method === "OPTIONS") return { status: 204, headers: { allow: allowed.join(", "), ...securityHeaders(undefined, null) }, body: "" };
  if (!allowed.includes(method ?? "")) {
    return answer(pathname, "method_not_allowed", `${method ?? "this method"} is not allowed here; ${pathname} answers ${allowed.join(", ")}`, { allow: allowed.join(", ") });
  }
  return null;
}

function pathProblem(pathname: string): string | null {
  // Without a percent-escape there is nothing to decode (the HTTP parser refuses raw control characters).
  if (!pathname.includes("%")) return /[\u0000-\u001f\u007f]/.test(pathname) ? "the path holds a control character" : null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return `the path ${JSON.stringify(pathname.slice(0, 200))} has a malformed percent-escape (a % must be followed by two hex digits)`;
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return "the path holds a control character";
  return null;
}

function answer(pathname: string, code: ErrorCode, message: string, extra: Record<string, string> = {}): GuardAnswer {
  const status = ERROR_STATUS[code];
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    const type = "application/json; charset=utf-8";
    return { status, headers: { "content-type": type, "cache-control": "no-store", ...securityHeaders(type, null), ...extra }, body: errorEnvelope(code, message) };
  }
  const type = "text/plain; charset=utf-8";
  return { status, headers: { "content-type": type, "cache-control": "no-store", ...securityHeaders(type, null), ...extra }, body: `${message}\n` };
}
