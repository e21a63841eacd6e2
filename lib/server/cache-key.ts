// The cache key of a request: its path and only the query parameters the
// page reads, in a fixed order, so that `/search?q=xen&utm_source=x` and
// `/search?q=xen` are one entry (and one render). The front server asks the
// app for the normalised URL, so what is cached is exactly what the key names.
import { PAGE_PARAMS } from "@/lib/search-params";
import { keptByKey } from "./kept-by-key";

/** Routes (by path pattern) and the parameters their pages read; others keep their whole query. */
const ROUTES: { pattern: RegExp; params: readonly string[] }[] = [
  { pattern: /^\/$/, params: [] },
  { pattern: /^\/qsb$/, params: PAGE_PARAMS.bulletins },
  { pattern: /^\/xsa$/, params: PAGE_PARAMS.advisories },
  { pattern: /^\/search$/, params: PAGE_PARAMS.search },
  { pattern: /^\/disagreements$/, params: PAGE_PARAMS.disagreements },
  { pattern: /^\/releases\/[^/]+$/, params: PAGE_PARAMS.release },
  // One bulletin's, advisory's or canary's page; the feeds beside them (/xsa/feed.xml ...) read ?page= and keep their query.
  { pattern: /^\/qsb\/[^/.]+$/, params: PAGE_PARAMS.bulletin },
  { pattern: /^\/(xsa|canaries)\/[^/.]+$/, params: [] },
  { pattern: /^\/(releases|subscribe|canaries)$/, params: [] },
  { pattern: /^\/robots\.txt$|^\/favicon\.ico$|^\/icon\.svg$/, params: [] },
];

/**
 * Answers never kept: they say exactly when the data was last refreshed, which
 * a sync that changed nothing moves on without changing the data version
 * (the pages show only its day, and read the exact time from /api/source).
 */
const UNCACHED = /^\/api\/(source|canary)\/?$/;

export function isUncached(url: string): boolean {
  const at = url.indexOf("?");
  return UNCACHED.test(at < 0 ? url : url.slice(0, at));
}

/**
 * The key of a URL with a query is worked out once: the hit path asks for
 * the same few such URLs over and over, and parsing the query costs a hit
 * more than the rest of its lookup. Long URLs are not kept.
 */
const keyOfQuery = keptByKey(1024, (url) => keyOf(url, url.indexOf("?")), (url) => url.length <= 512);

export function cacheKey(url: string): string {
  return url.includes("?") ? keyOfQuery(url) : url;
}

function keyOf(url: string, at: number): string {
  const path = url.slice(0, at);
  const route = ROUTES.find((r) => r.pattern.test(path));
  if (!route) return url;
  const query = new URLSearchParams(url.slice(at + 1));
  const kept = new URLSearchParams();
  // The pages read the first value of a parameter (lib/search-params.ts `param`).
  for (const name of route.params) {
    const value = query.get(name);
    if (value !== null) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `${path}?${text}` : path;
}
