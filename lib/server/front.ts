// The public HTTP server: answers GET requests for pages, API and feeds from a
// response cache that a sync refreshes (the data version is the id of the
// last successful sync), and passes everything else to Next.js on a loopback
// port. It also sets the security headers, with a CSP that lists the hashes
// of the inline scripts of exactly the HTML it serves.
import { createHash } from "node:crypto";
import http from "node:http";
import { ResponseCache, type CachedResponse } from "./response-cache";
import { securityHeaders } from "./security-headers";

export interface FrontOptions {
  upstream: { host: string; port: number };
  /** Changes whenever the data changes; checked at most every `versionTtlMs`. */
  dataVersion: () => Promise<string>;
  versionTtlMs?: number;
  cache?: ResponseCache;
}

const CACHEABLE_TYPES = /^(text\/html|application\/(json|xml|rss\+xml|atom\+xml|feed\+json)|text\/plain|text\/xml)/;
/** Redirects are answers too (a search for an exact ID goes to its page). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "x-powered-by", "date"]);

export function createFrontServer(options: FrontOptions): http.Server {
  const cache = options.cache ?? new ResponseCache();
  const ttl = options.versionTtlMs ?? 1000;
  let checkedAt = 0;
  let pending: Promise<void> | null = null;

  async function refreshVersion(): Promise<void> {
    if (Date.now() - checkedAt < ttl) return;
    pending ??= options
      .dataVersion()
      .then((version) => {
        cache.setVersion(version);
        checkedAt = Date.now();
      })
      .finally(() => {
        pending = null;
      });
    await pending;
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8", ...securityHeaders("text/plain", null) });
      }
      res.end(`Bad gateway: ${(error as Error).message}\n`);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const cacheable =
      (req.method === "GET" || req.method === "HEAD") &&
      !req.headers.rsc &&
      !req.headers["next-action"] &&
      !req.headers["next-router-prefetch"] &&
      !(req.url ?? "").startsWith("/_next/");
    if (!cacheable) return passThrough(req, res);

    await refreshVersion().catch(() => undefined);
    const key = req.url ?? "/";
    let entry = cache.get(key);
    if (!entry) {
      const upstream = await fetchUpstream(req);
      const type = upstream.headers["content-type"];
      const redirect = REDIRECTS.has(upstream.status) && typeof upstream.headers.location === "string";
      const storable =
        !upstream.headers["set-cookie"] &&
        (redirect || ((upstream.status === 200 || upstream.status === 404) && typeof type === "string" && CACHEABLE_TYPES.test(type)));
      const upstreamEtag = upstream.headers.etag;
      const etag = typeof upstreamEtag === "string" ? upstreamEtag : `"${createHash("sha256").update(upstream.body).digest("base64url").slice(0, 27)}"`;
      const headers = responseHeaders(upstream.headers, upstream.body, etag);
      entry = storable ? cache.set(key, { status: upstream.status, headers, body: upstream.body, etag }) : { status: upstream.status, headers, body: upstream.body, gzipped: null, etag };
      if (!storable) headers["cache-control"] = upstream.headers["cache-control"]?.toString() ?? "no-store";
    }
    send(req, res, entry);
  }

  function send(req: http.IncomingMessage, res: http.ServerResponse, entry: CachedResponse): void {
    if (entry.status === 200 && isNotModified(req, entry)) {
      const headers: Record<string, string> = { etag: entry.etag };
      for (const name of ["cache-control", "last-modified", "vary", "content-location"]) {
        const value = entry.headers[name];
        if (value) headers[name] = value;
      }
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gzip = entry.gzipped && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip && entry.gzipped ? entry.gzipped : entry.body;
    res.writeHead(entry.status, {
      ...entry.headers,
      ...(gzip ? { "content-encoding": "gzip" } : {}),
      "content-length": String(body.length),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function fetchUpstream(req: http.IncomingMessage): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers };
      delete headers["accept-encoding"];
      delete headers["if-none-match"];
      delete headers["if-modified-since"];
      const upstream = http.request(
        { host: options.upstream.host, port: options.upstream.port, method: "GET", path: req.url, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on("error", reject);
        },
      );
      upstream.on("error", reject);
      upstream.end();
    });
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
            const headers = responseHeaders(response.headers, body, null);
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

function decode(headers: http.IncomingHttpHeaders, body: Buffer): Buffer {
  // Upstream compression is off (next.config compress: false); keep this honest anyway.
  if (headers["content-encoding"]) throw new Error(`unexpected upstream content-encoding ${headers["content-encoding"]}`);
  return body;
}

function responseHeaders(upstream: http.IncomingHttpHeaders, body: Buffer, etag: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const type = headers["content-type"];
  const html = type?.startsWith("text/html") ? body.toString("utf8") : null;
  Object.assign(headers, securityHeaders(type, html));
  if (etag) {
    headers.etag = etag;
    // Served from the cache: browsers and proxies may keep it, but must ask again,
    // unless the route chose a public lifetime of its own (the feeds do).
    if (!/\bpublic\b/.test(headers["cache-control"] ?? "")) headers["cache-control"] = "public, max-age=0, must-revalidate";
    headers.vary = [headers.vary, "Accept-Encoding"].filter(Boolean).join(", ");
  }
  return headers;
}

function isNotModified(req: http.IncomingMessage, entry: CachedResponse): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch) return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === entry.etag || tag.trim() === "*");
  const ifModifiedSince = req.headers["if-modified-since"];
  const lastModified = entry.headers["last-modified"];
  if (ifModifiedSince && lastModified) {
    const since = Date.parse(ifModifiedSince);
    const modified = Date.parse(lastModified);
    return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
  }
  return false;
}
