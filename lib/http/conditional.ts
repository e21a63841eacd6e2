// Conditional GET and ETags (RFC 9110 §8.8, §13), in one place: the route
// handlers (feeds, OSV) and the front server's cache both use these.
import { createHash } from "node:crypto";

/** A strong ETag over the body: the same bytes always give the same tag. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** The request's validators, as Node's and the Fetch API's headers give them. */
export interface Validators {
  method: string | undefined;
  ifNoneMatch: string | null | undefined;
  ifModifiedSince: string | null | undefined;
}

/** `Last-Modified` in whole seconds, or null when unknown or the epoch. */
export function lastModifiedOf(date: Date | null | undefined): Date | null {
  return date && date.getTime() > 0 ? new Date(Math.floor(date.getTime() / 1000) * 1000) : null;
}

/**
 * True when a 304 answers the request: If-None-Match (weak comparison, `*`
 * matches) wins; If-Modified-Since counts only without it; only GET and HEAD.
 */
export function isNotModified(request: Validators, etag: string, lastModified: Date | string | null | undefined): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.ifNoneMatch) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
    return request.ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
  }
  if (!request.ifModifiedSince || !lastModified) return false;
  const since = Date.parse(request.ifModifiedSince);
  const modified = typeof lastModified === "string" ? Date.parse(lastModified) : lastModified.getTime();
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/** The headers a 304 repeats from the 200 it stands for. */
export const NOT_MODIFIED_HEADERS = ["etag", "cache-control", "last-modified", "vary", "content-location", "expires"] as const;
