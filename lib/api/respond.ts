// Shared response helpers for route handlers: one JSON error envelope.
import { isNotModified, lastModifiedOf, strongEtag } from "@/lib/http/conditional";

export type ErrorCode =
  | "bad_request"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "uri_too_long"
  | "unsupported_media_type"
  | "internal"
  | "unavailable";

export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
};

/** The envelope's text, for servers that answer without a Response (the front server). */
export function errorEnvelope(code: ErrorCode, message: string, detail?: Record<string, unknown>): string {
  return JSON.stringify({ error: { code, message, ...detail } });
}

export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(data), { ...init, headers });
}

/** `{"error": {"code", "message"}}` with the matching status. */
export function errorResponse(code: ErrorCode, message: string, options: { detail?: Record<string, unknown>; headers?: HeadersInit } = {}): Response {
  return new Response(errorEnvelope(code, message, options.detail), {
    status: ERROR_STATUS[code],
    headers: { ...Object.fromEntries(new Headers(options.headers)), "content-type": "application/json; charset=utf-8" },
  });
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
  const lastModified = lastModifiedOf(options.lastModified);
  const headers = new Headers({ etag, "cache-control": options.cacheControl ?? FEED_CACHE_CONTROL });
  if (lastModified) headers.set("last-modified", lastModified.toUTCString());
  const validators = { method: request.method, ifNoneMatch: request.headers.get("if-none-match"), ifModifiedSince: request.headers.get("if-modified-since") };
  if (isNotModified(validators, etag, lastModified)) return new Response(null, { status: 304, headers });
  headers.set("content-type", options.contentType);
  return new Response(body, { status: 200, headers });
}
