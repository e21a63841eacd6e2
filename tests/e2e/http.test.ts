// The served app over HTTP (the front server and Next.js, as `npm start`
// runs them): bad paths, other methods, the API's 404s, HEAD on feeds.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { realData } from "../helpers/fixtures";
import { startApp, type RunningApp } from "../helpers/server";

describe("the served app over HTTP", { ...realData, timeout: 20 * 60_000 }, () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp();
  });
  after(async () => app?.stop());

  /** A raw request: fetch would refuse a malformed path. */
  function raw(method: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    const { port, hostname } = new URL(app.url);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: hostname, port, method, path }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  test("/qsb/%, /xsa/% and /api/qsb/%: 400, the JSON envelope under /api", async () => {
    for (const path of ["/qsb/%", "/xsa/%", "/releases/%"]) {
      const response = await raw("GET", path);
      assert.equal(response.status, 400, path);
      assert.match(response.body, /malformed percent-escape/);
    }
    for (const path of ["/api/qsb/%", "/api/xsa/%", "/api/osv/%.json"]) {
      const response = await raw("GET", path);
      assert.equal(response.status, 400, path);
      assert.equal((JSON.parse(response.body) as { error: { code: string } }).error.code, "bad_request");
    }
  });

  test("a % in a search or filter is the page's to read, not an error", async () => {
    for (const path of ["/search?q=%", "/qsb?page=%", "/xsa?verdict=%zz"]) assert.equal((await raw("GET", path)).status, 200, path);
  });

  test("unknown API addresses and numbers: 404 with the JSON envelope", async () => {
    for (const path of ["/api/nope", "/api/qsb/54/extra", "/api/qsb/99999999999999999999", "/api/xsa/0"]) {
      const response = await raw("GET", path);
      assert.equal(response.status, 404, path);
      assert.match(String(response.headers["content-type"]), /^application\/json/, path);
      assert.equal((JSON.parse(response.body) as { error: { code: string } }).error.code, "not_found", path);
    }
  });

  test("POST, PUT and DELETE on pages, feeds and the API: 405 with Allow", async () => {
    for (const path of ["/", "/qsb/54", "/feed.xml", "/api/qsb", "/releases/4.2/feed.json"]) {
      for (const method of ["POST", "PUT", "DELETE"]) {
        const response = await raw(method, path);
        assert.equal(response.status, 405, `${method} ${path}`);
        assert.equal(response.headers.allow, "GET, HEAD");
      }
    }
  });

  test("HEAD on pages, feeds and the API: the GET's status and headers, no body", async () => {
    for (const path of ["/", "/feed.xml", "/atom.xml", "/feed.json", "/api/qsb/54", "/api/osv/QSB-054.json"]) {
      const get = await raw("GET", path);
      const head = await raw("HEAD", path);
      assert.equal(head.status, 200, path);
      assert.equal(head.body, "");
      assert.equal(head.headers["content-type"], get.headers["content-type"], path);
      assert.equal(head.headers.etag, get.headers.etag, path);
    }
  });
});
