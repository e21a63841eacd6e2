// The caching front server, against a stand-in upstream on loopback.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createFrontServer } from "@/lib/server/front";

describe("front server", () => {
  let upstream: http.Server;
  let front: http.Server;
  let base: string;
  let version = "1";
  const hits = new Map<string, number>();
  const INLINE = "self.__next_f.push([1,\"x\"])";
  const staticDir = mkdtempSync(path.join(os.tmpdir(), "front-static-"));
  const SCRIPT = `console.log(${JSON.stringify("chunk ".repeat(400))});`;

  before(async () => {
    upstream = http.createServer((req, res) => {
      hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1);
      if (req.url === "/page") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-powered-by": "Next.js", "cache-control": "private, no-store" });
        res.end(`<html><body>v${version}<script src="/a.js"></script><script>${INLINE}</script></body></html>`);
      } else if (req.url === "/slow" || req.url?.startsWith("/search")) {
        // A page that takes a while to render, and is big enough to compress.
        setTimeout(() => {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end(`<html><body>${req.url}${"<p>advisory</p>".repeat(500)}</body></html>`);
        }, 100);
      } else if (req.url === "/go") {
        res.writeHead(307, { location: "/page" });
        res.end();
      } else if (req.url === "/releases/4.2" && req.method === "POST") {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
          res.writeHead(200, { "content-type": "text/html" });
          res.end(`<p>${body}</p>`);
        });
      } else {
        res.writeHead(404, { "content-type": "text/html" });
        res.end("<h1>Not found</h1>");
      }
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    front = createFrontServer({
      upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port },
      dataVersion: () => Promise.resolve(version),
      versionTtlMs: 0,
      staticDir,
    });
    mkdirSync(path.join(staticDir, "chunks"));
    writeFileSync(path.join(staticDir, "chunks", "app-1a2b.js"), SCRIPT);
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });
  after(() => {
    front.close();
    upstream.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  test("renders once, then answers from the cache until the data version changes", async () => {
    const first = await fetch(`${base}/page`);
    assert.match(await first.text(), /v1/);
    await fetch(`${base}/page`);
    await fetch(`${base}/page`);
    assert.equal(hits.get("/page"), 1);
    version = "2";
    assert.match(await (await fetch(`${base}/page`)).text(), /v2/);
    assert.equal(hits.get("/page"), 2);
  });

  test("security headers and a CSP with the hash of each inline script", async () => {
    const response = await fetch(`${base}/page`);
    const csp = response.headers.get("content-security-policy") ?? "";
    const hash = createHash("sha256").update(INLINE).digest("base64");
    assert.ok(csp.includes(`'sha256-${hash}'`), csp);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("x-powered-by"), null);
    assert.equal(response.headers.get("cache-control"), "public, max-age=0, must-revalidate");
  });

  test("a conditional request gets 304", async () => {
    const response = await fetch(`${base}/page`);
    const etag = response.headers.get("etag") ?? "";
    assert.ok(etag);
    const again = await fetch(`${base}/page`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), "");
  });

  test("gzip for clients that take it", async () => {
    const response = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/page`, { headers: { "accept-encoding": "gzip" } }, resolve));
    response.resume();
    // The page is under 1 KB, so it is sent as it is.
    assert.equal(response.headers["content-encoding"], undefined);
  });

  test("redirects and 404s are cached too; a server action POST passes through", async () => {
    const before404 = hits.get("/nope") ?? 0;
    await fetch(`${base}/nope`);
    await fetch(`${base}/nope`);
    assert.equal(hits.get("/nope"), before404 + 1);
    const redirect = await fetch(`${base}/go`, { redirect: "manual" });
    assert.equal(redirect.status, 307);
    assert.equal(redirect.headers.get("location"), "/page");
    await fetch(`${base}/go`, { redirect: "manual" });
    assert.equal(hits.get("/go"), 1);
    const posted = await fetch(`${base}/releases/4.2`, { method: "POST", body: "hello" });
    assert.equal(await posted.text(), "<p>hello</p>");
    assert.ok(posted.headers.get("content-security-policy"));
    await fetch(`${base}/releases/4.2`, { method: "POST", body: "again" });
    assert.equal(hits.get("/releases/4.2"), 2);
  });

  test("a burst of 32 first requests renders the page once", async () => {
    const before = hits.get("/slow") ?? 0;
    const bodies = await Promise.all(Array.from({ length: 32 }, () => fetch(`${base}/slow`).then((r) => r.text())));
    assert.equal(hits.get("/slow"), before + 1);
    assert.equal(new Set(bodies).size, 1);
    const again = await fetch(`${base}/slow`);
    assert.equal(again.headers.get("x-cache"), "hit");
    assert.match(bodies[0] ?? "", /advisory/);
  });

  test("query parameters the page does not read share one cache entry", async () => {
    const first = await (await fetch(`${base}/search?q=xen&utm_source=mail`)).text();
    const second = await (await fetch(`${base}/search?fbclid=1&q=xen`)).text();
    assert.equal(hits.get("/search?q=xen"), 1);
    // The app is asked for the normalised URL, so what is cached is what the key names.
    assert.equal(hits.get("/search?q=xen&utm_source=mail"), undefined);
    assert.equal(first, second);
    await fetch(`${base}/search?q=qubes`);
    assert.equal(hits.get("/search?q=qubes"), 1);
  });

  test("brotli or gzip from the cache, as the client asks", async () => {
    const get = (encoding: string) =>
      new Promise<{ response: http.IncomingMessage; body: Buffer }>((resolve) =>
        http.get(`${base}/slow`, { headers: { "accept-encoding": encoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () => resolve({ response, body: Buffer.concat(chunks) }));
        }),
      );
    const plain = await get("identity");
    const br = await get("gzip, deflate, br");
    const gz = await get("gzip;q=1, br;q=0");
    assert.equal(br.response.headers["content-encoding"], "br");
    assert.equal(gz.response.headers["content-encoding"], "gzip");
    assert.equal(plain.response.headers["content-encoding"], undefined);
    assert.deepEqual(brotliDecompressSync(br.body), plain.body);
    assert.deepEqual(gunzipSync(gz.body), plain.body);
    assert.ok(br.body.length < plain.body.length / 10);
    assert.match(String(br.response.headers.vary), /Accept-Encoding/);
  });

  test("the build's static files: from memory, compressed, immutable; unknown ones go to the app", async () => {
    const before = hits.get("/_next/static/chunks/app-1a2b.js") ?? 0;
    const response = await fetch(`${base}/_next/static/chunks/app-1a2b.js`, { headers: { "accept-encoding": "br" } });
    assert.equal(await response.text(), SCRIPT);
    assert.equal(response.headers.get("content-encoding"), "br");
    assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.match(response.headers.get("content-type") ?? "", /^application\/javascript/);
    assert.equal(hits.get("/_next/static/chunks/app-1a2b.js") ?? 0, before);
    const missing = await fetch(`${base}/_next/static/chunks/nope.js`);
    assert.equal(missing.status, 404);
    assert.equal(hits.get("/_next/static/chunks/nope.js"), 1);
    const escape = await fetch(`${base}/_next/static/..%2F..%2Fetc%2Fpasswd`);
    assert.equal(escape.status, 404);
  });
});
