// The caching front server, against a stand-in upstream on loopback.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createFrontServer } from "@/lib/server/front";

describe("front server", () => {
  let upstream: http.Server;
  let front: http.Server;
  let base: string;
  let version = "1";
  const hits = new Map<string, number>();
  const INLINE = "self.__next_f.push([1,\"x\"])";

  before(async () => {
    upstream = http.createServer((req, res) => {
      hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1);
      if (req.url === "/page") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-powered-by": "Next.js", "cache-control": "private, no-store" });
        res.end(`<html><body>v${version}<script src="/a.js"></script><script>${INLINE}</script></body></html>`);
      } else if (req.url === "/go") {
        res.writeHead(307, { location: "/page" });
        res.end();
      } else if (req.url === "/post" && req.method === "POST") {
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
    });
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });
  after(() => {
    front.close();
    upstream.close();
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

  test("redirects and 404s are cached too; POST passes through", async () => {
    const before404 = hits.get("/nope") ?? 0;
    await fetch(`${base}/nope`);
    await fetch(`${base}/nope`);
    assert.equal(hits.get("/nope"), before404 + 1);
    const redirect = await fetch(`${base}/go`, { redirect: "manual" });
    assert.equal(redirect.status, 307);
    assert.equal(redirect.headers.get("location"), "/page");
    await fetch(`${base}/go`, { redirect: "manual" });
    assert.equal(hits.get("/go"), 1);
    const posted = await fetch(`${base}/post`, { method: "POST", body: "hello" });
    assert.equal(await posted.text(), "<p>hello</p>");
    assert.ok(posted.headers.get("content-security-policy"));
    await fetch(`${base}/post`, { method: "POST", body: "again" });
    assert.equal(hits.get("/post"), 2);
  });
});
