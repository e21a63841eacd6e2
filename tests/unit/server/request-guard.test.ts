// What the front server answers without the app: other methods than GET and
// HEAD (405 with Allow, OPTIONS), bad paths (400, 414), with the JSON error
// envelope under /api; a stand-in app counts what reaches it.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createFrontServer } from "@/lib/server/front";
import { guardRequest } from "@/lib/server/request-guard";

describe("front server: methods and bad paths", () => {
  let upstream: http.Server;
  let front: http.Server;
  let base: string;
  const seen: string[] = [];

  before(async () => {
    upstream = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<html><body>${req.method} ${body}</body></html>`);
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    front = createFrontServer({ upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port }, dataVersion: () => Promise.resolve("1"), versionTtlMs: 0 });
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });
  after(() => {
    front.close();
    upstream.close();
  });

  /** A raw request (fetch would refuse a malformed path or rewrite it). */
  function raw(method: string, path: string, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const { port } = front.address() as AddressInfo;
      const req = http.request({ host: "127.0.0.1", port, method, path, headers: body ? { "content-type": "application/x-www-form-urlencoded" } : {} }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  test("POST, PUT, DELETE and PATCH on pages and feeds: 405 with Allow, and the app never sees them", async () => {
    const before = seen.length;
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      for (const path of ["/", "/qsb", "/qsb/54", "/xsa/306", "/feed.xml", "/search?q=xen"]) {
        const response = await raw(method, path, "x=1");
        assert.equal(response.status, 405, `${method} ${path}`);
        assert.equal(response.headers.allow, "GET, HEAD");
        assert.match(response.body, new RegExp(`^${method} is not allowed here`));
        assert.ok(response.headers["content-security-policy"] || response.headers["x-content-type-options"]);
      }
    }
    assert.equal(seen.length, before, "nothing rendered");
  });

  test("under /api a 405 is the JSON error envelope", async () => {
    const response = await raw("DELETE", "/api/qsb/54");
    assert.equal(response.status, 405);
    assert.equal(response.headers.allow, "GET, HEAD");
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    assert.deepEqual(JSON.parse(response.body), { error: { code: "method_not_allowed", message: "DELETE is not allowed here; /api/qsb/54 answers GET, HEAD" } });
  });

  test("the release page takes the patch check's server action POST; OPTIONS lists what a path takes", async () => {
    const posted = await raw("POST", "/releases/4.2", "packages=xen");
    assert.equal(posted.status, 200);
    assert.match(posted.body, /POST packages=xen/);
    assert.equal(seen.at(-1), "POST /releases/4.2");
    assert.equal((await raw("PUT", "/releases/4.2")).headers.allow, "GET, HEAD, POST");
    const options = await raw("OPTIONS", "/qsb");
    assert.equal(options.status, 204);
    assert.equal(options.headers.allow, "GET, HEAD");
  });

  test("POST /api/check reaches the app; GET on it is 405 naming POST", async () => {
    const posted = await raw("POST", "/api/check?release=4.2", "xen-4.17.5-1.fc37");
    assert.equal(posted.status, 200);
    assert.equal(seen.at(-1), "POST /api/check?release=4.2");
    const got = await raw("GET", "/api/check");
    assert.equal(got.status, 405);
    assert.equal(got.headers.allow, "POST");
  });

  test("HEAD answers with a GET's headers and no body", async () => {
    const get = await fetch(`${base}/qsb`);
    const head = await raw("HEAD", "/qsb");
    assert.equal(head.status, 200);
    assert.equal(head.body, "");
    assert.equal(head.headers["content-length"], get.headers.get("content-length"));
    assert.equal(head.headers.etag, get.headers.get("etag"));
  });

  test("a malformed percent-escape: 400 naming it, JSON under /api; the app never sees it", async () => {
    const before = seen.length;
    for (const path of ["/qsb/%", "/xsa/%", "/qsb/%zz", "/%E0%A4%A"]) {
      const response = await raw("GET", path);
      assert.equal(response.status, 400, path);
      assert.match(response.body, /has a malformed percent-escape/);
      assert.match(String(response.headers["content-type"]), /^text\/plain/);
    }
    const api = await raw("GET", "/api/qsb/%");
    assert.equal(api.status, 400);
    assert.deepEqual(JSON.parse(api.body), {
      error: { code: "bad_request", message: 'the path "/api/qsb/%" has a malformed percent-escape (a % must be followed by two hex digits)' },
    });
    assert.equal((await raw("HEAD", "/api/xsa/%")).status, 400);
    assert.equal(seen.length, before);
  });

  test("a NUL in the path, a target that is not a path, a very long URL", async () => {
    assert.equal((await raw("GET", "/qsb/%00")).status, 400);
    assert.equal((await raw("GET", "/api/qsb/54%0a")).status, 400);
    assert.equal(guardRequest("GET", "*")?.status, 400);
    const long = await raw("GET", `/search?q=${"x".repeat(9000)}`);
    assert.equal(long.status, 414);
    assert.equal(guardRequest("GET", "/qsb/54"), null);
    assert.equal(guardRequest("GET", "/search?q=%"), null, "the query is the page's to read");
  });
});
