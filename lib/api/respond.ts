// Shared response helpers for route handlers: one JSON error envelope.
import { createHash } from "node:crypto";

export type ErrorCode = "not_found" | "bad_request" | "payload_too_large" | "unsupported_media_type" | "internal";

const STATUS: Record<ErrorCode, number> = { not_found: 404, bad_request: 400, payload_too_large: 413, unsupported_media_type: 415, internal: 500 };

export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(data), { ...init, headers });
}

/** `{"error": {"code", "message"}}` with the matching status. */
export function errorResponse(code: ErrorCode, message: string, detail?: Record<string, unknown>): Response {
  return jsonResponse({ error: { code, message, ...detail } }, { status: STATUS[code] });
}

/**
 * Feeds and OSV records: shared caches and readers may reuse a response for
 * five minutes without asking. New bulletins appear a few times a month, a
 * sync runs at most every few minutes, and feed readers poll every 15-60
 * minutes: five minutes bounds how stale a cached copy can be while sparing
 * the server bursts of identical requests; after that a conditional request
 * (ETag / Last-Modified) costs a 304 with no body.
 */
export const FEED_CACHE_CONTROL = "public, max-age=300";

/** A strong ETag over the body: the same bytes always give the same tag. */
export function strongEtag(body: string): string {
  return `"${createHash("sha256").update(body, "utf8").digest("base64url").slice(0, 27)}"`;
}

export interface ConditionalOptions {
  contentType: string;
  /** The newest date the body reflects (Last-Modified, whole seconds); omitted when unknown or the epoch. */
  lastModified?: Date | null;
  cacheControl?: string;
}

/**
 * A 200 with ETag, Last-Modified and Cache-Control, or a 304 with no body
 * when the request's validators match (RFC 9110 §13): If-None-Match (weak
 * comparison, `*` matches) wins; If-Modified-Since counts only without it.
 */
export function conditionalResponse(request: Request, body: string, options: ConditionalOptions): Response {
  const etag = strongEtag(body);
  const lastModified = options.lastModified && options.lastModified.getTime() > 0 ? new Date(Math.floor(options.lastModified.getTime() / 1000) * 1000) : null;
  const headers = new Headers({ etag, "cache-control": options.cacheControl ?? FEED_CACHE_CONTROL });
  if (lastModified) headers.set("last-modified", lastModified.toUTCString());
  if (notModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });
  headers.set("content-type", options.contentType);
  return new Response(body, { status: 200, headers });
}

function notModified(request: Request, etag: string, lastModified: Date | null): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
  }
  const ifModifiedSince = request.headers.get("if-modified-since");
  if (ifModifiedSince === null || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && lastModified.getTime() <= since;
}
