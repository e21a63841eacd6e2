import { errorResponse, jsonResponse } from "@/lib/api/respond";
import { route } from "@/lib/api/route";
import { runCheck, tooLarge, type CheckError } from "@/lib/queries/check";
import { MAX_INPUT_CHARS } from "@/lib/rpm/installed";

export const dynamic = "force-dynamic";

/** The body as text, refusing at once (before reading it all) what is over the limit. */
async function readBody(request: Request): Promise<{ text: string } | { error: CheckError }> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > MAX_INPUT_CHARS * 4) return { error: tooLarge(declared) };
  if (!request.body) return { text: "" };
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (text.length > MAX_INPUT_CHARS) {
      await reader.cancel();
      return { error: tooLarge(Math.max(bytes, text.length)) };
    }
  }
  return { text: text + decoder.decode() };
}

const toResponse = (e: CheckError) =>
  e.status === 503
    ? errorResponse("unavailable", e.message, { detail: { reason: e.code }, headers: { "retry-after": "5" } })
    : errorResponse(e.status === 413 ? "payload_too_large" : "bad_request", e.message, { detail: { reason: e.code } });

/**
 * POST /api/check?release=4.2 with the list as a text/plain body, or JSON
 * {"release": "4.2", "packages": "..." | ["...", ...]}. `release` is optional
 * when the list shows it.
 */
export const POST = route(async (request: Request) => {
  const url = new URL(request.url);
  const body = await readBody(request);
  if ("error" in body) return toResponse(body.error);
  let text = body.text;
  let release = url.searchParams.get("release");
  const type = (request.headers.get("content-type") ?? "text/plain").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return errorResponse("bad_request", "The body is not valid JSON: send {\"release\": \"4.2\", \"packages\": \"<rpm -qa output>\"}, or the list itself as text/plain.");
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return errorResponse("bad_request", "The JSON body must be an object: {\"release\": \"4.2\", \"packages\": \"...\"}.");
    }
    const { packages, release: r } = data as Record<string, unknown>;
    if (typeof packages === "string") text = packages;
    else if (Array.isArray(packages) && packages.every((p) => typeof p === "string")) text = packages.join("\n");
    else return errorResponse("bad_request", "\"packages\" must be the list as one string or as an array of strings.");
    if (r !== undefined && r !== null && typeof r !== "string") return errorResponse("bad_request", "\"release\" must be a string such as \"4.2\".");
    if (typeof r === "string") release = r;
  } else if (type !== "text/plain" && type !== "") {
    return errorResponse("unsupported_media_type", `The body is ${type}; send text/plain (the list) or application/json.`);
  }
  const outcome = await runCheck({ text, release });
  if (!outcome.ok) return toResponse(outcome.error);
  return jsonResponse(outcome.answer, { headers: { "cache-control": "no-store" } });
});
