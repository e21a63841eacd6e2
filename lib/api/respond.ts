// Shared response helpers for route handlers: one JSON error envelope.
export type ErrorCode = "not_found" | "bad_request" | "internal";

const STATUS: Record<ErrorCode, number> = { not_found: 404, bad_request: 400, internal: 500 };

export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(data), { ...init, headers });
}

/** `{"error": {"code", "message"}}` with the matching status. */
export function errorResponse(code: ErrorCode, message: string): Response {
  return jsonResponse({ error: { code, message } }, { status: STATUS[code] });
}
