// The front server's hit path: answered without asking the database each
// time (the data version is read at most once per TTL), with each entry's
// headers built once per encoding (right Content-Length and
// Content-Encoding however the requests alternate), and the request log
// still told how each was answered.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createFrontServer, type RequestLogEntry } from "@/lib/server/front";

let upstream: http.Server;
let front: http.Server;
let base: string;
let versionReads = 0;
const logged: RequestLogEntry[] = [];
const PAGE = `<html><body>${"<p>advisory</p>".repeat(500)}</body></html>`;

before(async () => {
  upstream = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  front = createFrontServer({
    upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port },
    dataVersion: () => {
      versionReads++;
      return Promise.resolve("1");
    },
    versionTtlMs: 60_000,
    onRequest: (entry) => logged.push(entry),
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

function get(path: string, encoding: string | null): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers: encoding ? { "accept-encoding": encoding } : {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("hits alternate encodings with the right headers, read the version once per TTL, and are logged as hits", async () => {
  const first = await get("/page", null);
  assert.equal(first.headers["x-cache"], "miss");
  const readsAfterMiss = versionReads;
  for (let round = 0; round < 3; round++) {
    for (const encoding of ["gzip", null, "br", "gzip, br", "identity"]) {
      const { headers, body } = await get("/page", encoding);
      assert.equal(headers["x-cache"], "hit", `${encoding}`);
      assert.equal(Number(headers["content-length"]), body.length, `content-length for ${encoding}`);
      const expected = encoding === "gzip" ? "gzip" : encoding?.includes("br") ? "br" : undefined;
      assert.equal(headers["content-encoding"], expected, `content-encoding for ${encoding}`);
      const text = expected === "gzip" ? gunzipSync(body) : expected === "br" ? brotliDecompressSync(body) : body;
      assert.equal(text.toString(), PAGE);
      assert.match(String(headers["content-security-policy"]), /default-src 'self'/);
    }
  }
  assert.equal(versionReads, readsAfterMiss, "no database read per hit within the TTL");
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(logged[0] && { path: logged[0].path, cache: logged[0].cache }, { path: "/page", cache: "miss" });
  assert.equal(logged.length, 16);
  assert.ok(logged.slice(1).every((entry) => entry.cache === "hit" && entry.status === 200 && entry.path === "/page"));
});

test("a HEAD hit has the GET's headers and no body", async () => {
  const response = await fetch(`${base}/page`, { method: "HEAD", headers: { "accept-encoding": "identity" } });
  assert.equal(response.headers.get("x-cache"), "hit");
  assert.equal(Number(response.headers.get("content-length")), Buffer.byteLength(PAGE));
  assert.equal(await response.text(), "");
});
