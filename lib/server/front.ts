// The public HTTP server: answers GET requests for pages, API and feeds from a
// response cache that a sync refreshes (see `dataVersion`), and passes
// everything else to Next.js on a loopback port. It also sets the security
// headers, with a CSP that lists the hashes of the inline scripts of exactly
// the HTML it serves.
// Performance: each cached body is kept with its gzip and brotli copies;
// concurrent misses for one key wait for one render (coalescing); the key
// drops query parameters the page does not read (cache-key.ts); the build's
// hashed JS/CSS is served from memory, compressed, immutable (static-assets.ts).
import http from "node:http";
import { errorEnvelope } from "@/lib/api/respond";
import { databaseProblem } from "@/lib/database/errors";
import { isNotModified, NOT_MODIFIED_HEADERS, strongEtag } from "@/lib/http/conditional";
import { cacheKey, isUncached } from "./cache-key";
import { bodyFor, chooseEncoding, encodeBody, type Encoding } from "./compress";
import { HitServer, type Reply } from "./hit-server";
import { guardRequest, MAX_URL_LENGTH } from "./request-guard";
import { ResponseCache, type CachedResponse } from "./response-cache";
import { missCompression } from "./search-miss";
import { securityHeaders } from "./security-headers";
import { STATIC_PREFIX, StaticAssets } from "./static-assets";
import { getFromUpstream, type UpstreamAnswer } from "./upstream";

export interface FrontOptions {
  upstream: { host: string; port: number };
  /**
   * The upstream is another front server (a worker's is the primary's): the
   * security headers it sent, the CSP's hashes of the page's inline scripts
   * included, are kept as they are, not worked out again from the body.
   */
  upstreamIsFront?: boolean;
  /** Changes whenever the data changes; checked at most every `versionTtlMs`. */
  dataVersion: () => Promise<string>;
  versionTtlMs?: number;
  cache?: ResponseCache;
  /** The build's static folder (.next/static), served from memory; without it Next.js serves it. */
  staticDir?: string;
  /** `GET /healthz`, answered here, never cached: its status (200 or 503) and JSON body. */
  health?: () => Promise<{ status: number; body: unknown }>;
  /** Called once per answered request (the structured request log line). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** The front worker's id (node:cluster), for its request log lines. */
  worker?: number;
  /** The clock whose UTC day joins the data version (tests move it past midnight). */
  now?: () => Date;
  /**
   * A miss's answer made without asking Next.js (the search pages spliced
   * from a template: search-splice.ts), for a cache key and the data version;
   * null: ask Next.js as usual.
   */
  renderMiss?: (key: string, version: string | null) => Promise<UpstreamAnswer | null>;
}

// A type, not an interface: it is a log line's fields (LogFields) as it is.
export type RequestLogEntry = {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** hit, miss or coalesced for cached answers; null for what the cache does not keep. */
  cache: string | null;
  /** The front worker that answered (FrontOptions.worker). */
  worker?: number;
};

export const HEALTH_PATH = "/healthz";
/**
 * On a miss, a front server tells its upstream front server (a worker tells
 * the primary) which data version it read: an upstream at another version
 * reads its own again at once instead of answering from within its TTL (the
 * worker would keep an old page under the new version); at the same version
 * it answers what it has cached without a read, and reads the version again
 * before it renders. What it renders for a worker it keeps uncompressed: the
 * worker asks for identity and compresses its own copy.
 */
export const DATA_VERSION_HEADER = "x-tracker-data-version";
/** A request from a downstream front server (a worker's miss), not from a client. */
const fromWorker = (req: http.IncomingMessage) => typeof req.headers[DATA_VERSION_HEADER] === "string";
const isHealthPath = (url: string) => url === HEALTH_PATH || url.startsWith(`${HEALTH_PATH}?`);

/** The response, with how the front server answered it (for the request log). */
type Answer = http.ServerResponse & { answeredBy?: string | null };

/** An entry's response headers, by encoding and x-cache, as writeHead's flat list: built once, not per request. */
const RAW_HEADERS = new WeakMap<CachedResponse, Map<string, string[]>>();

function rawHeaders(entry: CachedResponse, encoding: Encoding, how: string | undefined): string[] {
  let byVariant = RAW_HEADERS.get(entry);
  if (!byVariant) RAW_HEADERS.set(entry, (byVariant = new Map<string, string[]>()));
  const variant = `${encoding} ${how ?? ""}`;
  let raw = byVariant.get(variant);
  if (!raw) {
    raw = Object.entries(entry.headers).flat();
    if (encoding !== "identity") raw.push("content-encoding", encoding);
    raw.push("content-length", String(bodyFor(entry, encoding).length));
    if (how) raw.push("x-cache", how);
    byVariant.set(variant, raw);
  }
  return raw;
}

const CACHEABLE_TYPES = /^(text\/html|application\/(json|xml|rss\+xml|atom\+xml|feed\+json)|text\/plain|text\/xml)/;
/** Redirects are answers too (a search for an exact ID goes to its page). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// x-cache: what an upstream front server (the primary's, behind a worker) said; this one says its own.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "x-powered-by", "date", "x-cache"]);
/** Behind a worker, the primary's front server says whether the answer was rendered for this request. */
type How = "hit" | "miss" | "coalesced";
const UPSTREAM_HOW = new Set<string>(["hit", "coalesced"]);
/** A request of the client-side router (RSC payloads, prefetches, server actions): never from the cache. */
const ROUTER_HEADERS = ["rsc", "next-action", "next-router-prefetch"] as const;
const fromRouter = (req: http.IncomingMessage) => ROUTER_HEADERS.some((name) => req.headers[name]);
/** Requests with these headers go through node:http (hit-server.ts): the router's, and a worker's miss. */
const NOT_PLAIN_HEADERS: ReadonlySet<string> = new Set([...ROUTER_HEADERS, DATA_VERSION_HEADER]);

/** A cached answer as written: how it was answered (x-cache; null for a 304 or the build's files) beside it. */
interface CacheReply extends Reply {
  how: How | null;
}

/** The reply to a GET or HEAD from a cached entry: a 304 when the validators match, else the entry in the best encoding the client takes. */
function replyFor(
  entry: CachedResponse,
  how: How | undefined,
  request: { method: string | undefined; acceptEncoding: string | undefined; ifNoneMatch: string | undefined; ifModifiedSince: string | undefined },
): CacheReply {
  if (entry.status === 200 && isNotModified(request, entry.etag, entry.headers["last-modified"])) {
    const headers = ["etag", entry.etag];
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = entry.headers[name];
      if (value) headers.push(name, value);
    }
    return { status: 304, headers, body: undefined, how: null };
  }
  const encoding = chooseEncoding(request.acceptEncoding, entry);
  return { status: entry.status, headers: rawHeaders(entry, encoding, how), body: request.method === "HEAD" ? undefined : bodyFor(entry, encoding), how: how ?? null };
}

export function createFrontServer(options: FrontOptions): http.Server {
  const cache = options.cache ?? new ResponseCache();
  const assets = options.staticDir ? new StaticAssets(options.staticDir) : null;
  /** Renders under way, by data version and key: a burst of first requests waits for one. */
  const inflight = new Map<string, Promise<{ entry: CachedResponse; how: How }>>();
  const ttl = options.versionTtlMs ?? 1000;
  let checkedAt = 0;
  let pending: Promise<void> | null = null;

  // The UTC day is part of the version: a page that says how many days a
  // canary is overdue is rendered again each day, not only after a sync.
  const now = options.now ?? (() => new Date());
  const readVersion = () => options.dataVersion().then((version) => `${version}@${now().toISOString().slice(0, 10)}`);

  /** Null when the version was checked within the TTL (the hit path stays synchronous), else the check. */
  function refreshVersion(): Promise<void> | null {
    if (Date.now() - checkedAt < ttl) return null;
    pending ??= readVersion()
      .then((version) => {
        cache.setVersion(version);
        checkedAt = Date.now();
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  /** The request log line of an answer. */
  function logLine(method: string, url: string, status: number, ms: number, how: string | null): void {
    const at = url.indexOf("?");
    options.onRequest?.({
      method,
      path: at < 0 ? url : url.slice(0, at),
      status,
      ms: Math.round(ms * 10) / 10,
      cache: how,
      worker: options.worker,
    });
  }

  const logAnswer = (req: http.IncomingMessage, res: Answer, started: number) =>
    logLine(req.method ?? "", req.url ?? "/", res.statusCode, performance.now() - started, res.answeredBy ?? null);

  // A plain GET or HEAD that is a hit is answered from the socket, without
  // node:http (hit-server.ts); a request with one of NOT_PLAIN_HEADERS never is.
  return new HitServer<CacheReply>(
    (req, res: Answer) => {
      const started = options.onRequest ? performance.now() : 0;
      // A cache hit is answered synchronously: no promise, and its log line at
      // once (no "finish" listener: that costs a hit more than the line itself).
      const hit = answerFromCache(req, res);
      if (hit === true) {
        if (options.onRequest) logAnswer(req, res, started);
        return;
      }
      if (options.onRequest) res.once("finish", () => logAnswer(req, res, started));
      (hit ?? handle(req, res)).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(502, { "content-type": "text/plain; charset=utf-8", ...securityHeaders("text/plain", null) });
        }
        res.end(`Bad gateway: ${(error as Error).message}\n`);
      });
    },
    {
      declined: NOT_PLAIN_HEADERS,
      hit: (head, read) => {
        const found = cachedNow(head.url, undefined, read);
        // A promise: the version is being read; the connection asks again once it is.
        return found === null || found instanceof Promise ? found : replyFor(found.entry, found.how, head);
      },
      answered: options.onRequest ? (head, reply, ms) => logLine(head.method, head.url, reply.status, ms, reply.how) : undefined,
    },
  );

  /**
   * The hit path through node:http: a GET or HEAD of a cached page. True when
   * answered; a promise when the version must be read first (then the
   * request goes on as usual); null otherwise.
   */
  function answerFromCache(req: http.IncomingMessage, res: Answer): true | Promise<void> | null {
    if ((req.method !== "GET" && req.method !== "HEAD") || fromRouter(req)) return null;
    const downstreamVersion = req.headers[DATA_VERSION_HEADER];
    const found = cachedNow(req.url ?? "/", typeof downstreamVersion === "string" ? downstreamVersion : undefined);
    if (found === null) return null;
    if (found instanceof Promise) return found.then(() => handle(req, res), () => handle(req, res));
    send(req, res, found.entry, found.how);
    return true;
  }

  /**
   * What the cache answers a GET or HEAD of `url` with now: the entry (and
   * how: undefined for the build's files), a promise when the data version
   * must be read first, or null (not cached). `read`: the version was read
   * for this request just now (it waited for the promise): use it.
   */
  function cachedNow(url: string, downstreamVersion: string | undefined, read = false): { entry: CachedResponse; how: How | undefined } | Promise<void> | null {
    // What the cache holds was stored by `handle` for a GET or HEAD of the same
    // path (a key keeps the path as it came), which guardRequest let through:
    // of what it judges, only the length of the query can differ.
    if (url.length > MAX_URL_LENGTH) return null;
    // The build's hashed files do not depend on the data.
    if (assets && url.startsWith(STATIC_PREFIX)) {
      const asset = assets.peek(url);
      return asset ? { entry: asset, how: undefined } : null;
    }
    if (downstreamVersion !== undefined && downstreamVersion !== cache.currentVersion) checkedAt = 0;
    const refreshing = read ? null : refreshVersion();
    if (refreshing) {
      // Within one more TTL of the last read, a hit does not wait for the next
      // one (it would hold every request of that moment behind one database
      // read): the version a hit is answered at is at most twice the TTL old.
      if (Date.now() - checkedAt >= 2 * ttl) return refreshing;
      refreshing.catch(() => undefined);
    }
    // Only what `handle` stored is there (never /_next/, /healthz or an uncached answer).
    const cached = cache.get(cacheKey(url));
    return cached ? { entry: cached, how: "hit" } : null;
  }

  async function handle(req: http.IncomingMessage, res: Answer): Promise<void> {
    const url = req.url ?? "/";
    const refused = guardRequest(req.method, url);
    if (refused) {
      // The body of a refused request is not read: say so, and close.
      if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") refused.headers.connection = "close";
      res.writeHead(refused.status, { ...refused.headers, "content-length": String(Buffer.byteLength(refused.body)) });
      res.end(req.method === "HEAD" ? undefined : refused.body);
      return;
    }
    const getOrHead = req.method === "GET" || req.method === "HEAD";
    if (options.health && isHealthPath(url)) return sendHealth(req, res, options.health);
    if (getOrHead && assets && url.startsWith(STATIC_PREFIX)) {
      const asset = await assets.answer(url.split("?")[0] ?? url);
      if (asset) return send(req, res, asset);
    }
    const cacheable = getOrHead && !fromRouter(req) && !url.startsWith("/_next/") && !isUncached(url);
    if (!cacheable) return passThrough(req, res);

    try {
      await refreshVersion();
      // A worker's miss is rendered only on a version read for it: within this
      // server's TTL the database may have gone, or changed under the same version.
      if (fromWorker(req) && !cache.get(cacheKey(url))) {
        checkedAt = 0;
        await refreshVersion();
      }
    } catch (error) {
      // The database cannot say which data is current (unreachable, or its file
      // was removed): never serve what the cache holds as if it were.
      cache.setVersion(`unavailable ${Date.now()}`);
      return sendUnavailable(req, res, url, error);
    }
    const key = cacheKey(url);
    const cached = cache.get(key);
    if (cached) return send(req, res, cached, "hit");
    const { entry, how } = await render(req, key);
    send(req, res, entry, how);
  }

  /** 503 with Retry-After, the JSON envelope under /api, plain text elsewhere. */
  function sendUnavailable(req: http.IncomingMessage, res: http.ServerResponse, url: string, error: unknown): void {
    const problem = databaseProblem(error);
    const message =
      problem === "not-migrated"
        ? "the database is not set up yet (run npm run migrate); try again in a moment"
        : "the database cannot be reached right now, so this server cannot tell which data is current; try again in a moment";
    const api = url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");
    const type = api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
    const body = api ? errorEnvelope("unavailable", message) : `Service unavailable: ${message}.\n`;
    res.writeHead(503, { "content-type": type, "cache-control": "no-store", "retry-after": "5", ...securityHeaders(type, null), "content-length": String(Buffer.byteLength(body)) });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /**
   * One render per key and data version, however many requests wait for it.
   * The first is a miss, unless an upstream front server had it (a hit there)
   * or was rendering it for another worker (coalesced); the others waited.
   */
  async function render(req: http.IncomingMessage, key: string): Promise<{ entry: CachedResponse; how: How }> {
    const version = cache.currentVersion ?? "";
    const flightKey = `${version}\n${key}`;
    const waiting = inflight.get(flightKey);
    if (waiting) return { entry: (await waiting).entry, how: "coalesced" };
    const flight = renderOnce(req, key).finally(() => inflight.delete(flightKey));
    inflight.set(flightKey, flight);
    return flight;
  }

  async function renderOnce(req: http.IncomingMessage, key: string): Promise<{ entry: CachedResponse; how: How }> {
    const versionBefore = cache.currentVersion;
    const upstream = (await options.renderMiss?.(key, versionBefore)) ?? (await fetchUpstream(req, key, versionBefore));
    const upstreamHow = upstream.headers["x-cache"];
    const how: How = typeof upstreamHow === "string" && UPSTREAM_HOW.has(upstreamHow) ? (upstreamHow as How) : "miss";
    const type = upstream.headers["content-type"];
    const redirect = REDIRECTS.has(upstream.status) && typeof upstream.headers.location === "string";
    const storable =
      !upstream.headers["set-cookie"] &&
      (redirect || ((upstream.status === 200 || upstream.status === 404) && typeof type === "string" && CACHEABLE_TYPES.test(type)));
    const upstreamEtag = upstream.headers.etag;
    const etag = typeof upstreamEtag === "string" ? upstreamEtag : strongEtag(upstream.body);
    const headers = responseHeaders(upstream.headers, upstream.body, etag, options.upstreamIsFront);
    if (!storable) {
      headers["cache-control"] = upstream.headers["cache-control"]?.toString() ?? "no-store";
      return { entry: { status: upstream.status, headers, body: upstream.body, gzip: null, br: null, etag }, how };
    }
    // For a worker (it asks for identity and compresses what it keeps itself), no compressed copies.
    const encoded = fromWorker(req) ? { body: upstream.body, gzip: null, br: null } : await encodeBody(upstream.body, typeof type === "string" ? type : undefined, ...missCompression(key));
    const entry: CachedResponse = { status: upstream.status, headers, ...encoded, etag };
    // Kept only if the data did not change while it was rendered: a page rendered
    // before a sync must not be stored after the sync emptied the cache.
    return { entry: (await versionUnchangedSince(versionBefore)) ? cache.set(key, entry) : entry, how };
  }

  /** Asks the database again (not the cached answer): still at `before`? */
  async function versionUnchangedSince(before: string | null): Promise<boolean> {
    if (before === null) return false;
    const now = await readVersion().catch(() => null);
    if (now === null) return false;
    cache.setVersion(now);
    checkedAt = Date.now();
    return now === before;
  }

  /** `how` says how it was answered (x-cache): from the cache, rendered for it, or waited for another's render. */
  function send(req: http.IncomingMessage, res: Answer, entry: CachedResponse, how?: How): void {
    const request = { method: req.method, acceptEncoding: req.headers["accept-encoding"], ifNoneMatch: req.headers["if-none-match"], ifModifiedSince: req.headers["if-modified-since"] };
    const reply = replyFor(entry, how, request);
    res.answeredBy = reply.how;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  }

  function fetchUpstream(req: http.IncomingMessage, path: string, version: string | null): Promise<UpstreamAnswer> {
    const headers = { ...req.headers };
    delete headers["accept-encoding"];
    delete headers["if-none-match"];
    delete headers["if-modified-since"];
    if (version === null) delete headers[DATA_VERSION_HEADER];
    else headers[DATA_VERSION_HEADER] = version;
    return getFromUpstream(options.upstream, path, headers);
  }

  function passThrough(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        { host: options.upstream.host, port: options.upstream.port, method: req.method, path: req.url, headers: req.headers },
        (response) => {
          const type = response.headers["content-type"];
          const isHtml = typeof type === "string" && type.startsWith("text/html");
          if (!isHtml) {
            const headers = { ...response.headers, ...securityHeaders(type, null) };
            delete headers["x-powered-by"];
            res.writeHead(response.statusCode ?? 502, headers);
            response.pipe(res);
            response.on("end", resolve);
            response.on("error", reject);
            return;
          }
          // HTML needs its CSP hashes: buffer it (a server action's no-JS answer, for example).
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const body = decode(response.headers, Buffer.concat(chunks));
            const headers = responseHeaders(response.headers, body, null, options.upstreamIsFront);
            headers["cache-control"] = response.headers["cache-control"]?.toString() ?? "no-store";
            res.writeHead(response.statusCode ?? 502, { ...headers, "content-length": String(body.length) });
            res.end(body);
            resolve();
          });
          response.on("error", reject);
        },
      );
      upstream.on("error", reject);
      req.pipe(upstream);
    });
  }
}

async function sendHealth(req: http.IncomingMessage, res: http.ServerResponse, health: NonNullable<FrontOptions["health"]>): Promise<void> {
  const report = await health().catch((error: unknown) => ({ status: 503, body: { status: "unavailable", error: (error as Error).message } }));
  const body = `${JSON.stringify(report.body, null, 2)}\n`;
  const type = "application/json; charset=utf-8";
  res.writeHead(report.status, { "content-type": type, "cache-control": "no-store", ...securityHeaders(type, null), "content-length": String(Buffer.byteLength(body)) });
  res.end(req.method === "HEAD" ? undefined : body);
}

function decode(headers: http.IncomingHttpHeaders, body: Buffer): Buffer {
  // Upstream compression is off (next.config compress: false); keep this honest anyway.
  if (headers["content-encoding"]) throw new Error(`unexpected upstream content-encoding ${headers["content-encoding"]}`);
  return body;
}

function responseHeaders(upstream: http.IncomingHttpHeaders, body: Buffer, etag: string | null, upstreamIsFront = false): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const type = headers["content-type"];
  if (!upstreamIsFront || !headers["content-security-policy"]) {
    const html = type?.startsWith("text/html") ? body.toString("utf8") : null;
    Object.assign(headers, securityHeaders(type, html));
  }
  if (etag) {
    headers.etag = etag;
    // Served from the cache: browsers and proxies may keep it, but must ask again,
    // unless the route chose a public lifetime of its own (the feeds do).
    if (!/\bpublic\b/.test(headers["cache-control"] ?? "")) headers["cache-control"] = "public, max-age=0, must-revalidate";
    // Once: behind a worker, the primary's front server has added it already.
    if (!/\baccept-encoding\b/i.test(headers.vary ?? "")) headers.vary = [headers.vary, "Accept-Encoding"].filter(Boolean).join(", ");
  }
  return headers;
}
