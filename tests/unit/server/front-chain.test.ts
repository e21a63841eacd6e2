// A front worker in front of the primary's front server (as WEB_WORKERS runs
// them): the worker says which data version it read when it misses, so the
// primary, which keeps its 1 s version TTL, never answers from an older
// version (the worker would keep that old page under the new version), and
// answers from its cache without a read when both are at the same version,
// but reads it again before it renders.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createFrontServer, DATA_VERSION_HEADER } from "@/lib/server/front";
import { contentSecurityPolicy } from "@/lib/server/security-headers";

let next: http.Server;
let primary: http.Server;
const workers: http.Server[] = [];
let version = "1";
let renders = 0;
let primaryReads = 0;
/** The primary's database is gone: its version cannot be read. */
let gone = false;

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
};

/** A worker's front server: reads the version on every request, so the test drives it. */
async function worker(): Promise<string> {
  const server = createFrontServer({ upstream: { host: "127.0.0.1", port: (primary.address() as AddressInfo).port }, upstreamIsFront: true, dataVersion: () => Promise.resolve(version), versionTtlMs: 0 });
  workers.push(server);
  return `http://127.0.0.1:${await listen(server)}`;
}

before(async () => {
  next = http.createServer((req, res) => {
    renders++;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    // /big...: large enough to be compressed.
    res.end(`<html><body>data ${version}${req.url?.startsWith("/big") ? " ".repeat(5000) : ""}</body></html>`);
  });
  const nextPort = await listen(next);
  // The primary's: the default TTL (1 s).
  primary = createFrontServer({
    upstream: { host: "127.0.0.1", port: nextPort },
    dataVersion: () => {
      primaryReads++;
      return gone ? Promise.reject(new Error("the database file was removed")) : Promise.resolve(version);
    },
  });
  await listen(primary);
});

after(async () => {
  for (const server of [...workers, primary, next]) await new Promise((resolve) => server.close(resolve));
});

test("a worker's miss after a sync gets the new data from the primary, within the primary's TTL", async () => {
  const first = await worker();
  assert.equal(await (await fetch(`${first}/page`)).text(), "<html><body>data 1</body></html>");
  version = "2";
  // Within the primary's 1 s TTL: before, it answered from version 1's cache.
  const answer = await fetch(`${first}/page`);
  assert.equal(await answer.text(), "<html><body>data 2</body></html>");
  assert.equal(renders, 2);
});

test("at the same version the primary answers a worker's miss from its cache, without reading the version", async () => {
  const second = await worker();
  const reads = primaryReads;
  const answer = await fetch(`${second}/page`);
  assert.equal(await answer.text(), "<html><body>data 2</body></html>");
  assert.equal(answer.headers.get("x-cache"), "hit", "the primary had it");
  assert.equal(primaryReads, reads, "no read of the version");
  assert.equal(renders, 2);
});

test("a worker's miss at the same version is rendered only after the primary read the version again: a database gone within its TTL gives 503", async () => {
  const third = await worker();
  gone = true;
  // The worker still reads version 2 (within its own TTL, as it were); the primary read it less than 1 s ago.
  const answer = await fetch(`${third}/other`);
  assert.equal(answer.status, 503);
  assert.equal(renders, 2, "nothing rendered");
  gone = false;
});

test("the primary keeps what it renders for a worker uncompressed; the worker sends its own compressed copy", async () => {
  const fourth = await worker();
  const page = `/big-${"x".repeat(10)}`;
  const answer = await fetch(`${fourth}${page}`, { headers: { "accept-encoding": "gzip" } });
  assert.equal(answer.headers.get("content-encoding"), "gzip", "the worker compresses");
  // Asked directly as a worker asks, but taking gzip: the primary has no compressed copy.
  const primaryUrl = `http://127.0.0.1:${(primary.address() as AddressInfo).port}`;
  const direct = await fetch(`${primaryUrl}${page}`, { headers: { "accept-encoding": "gzip", [DATA_VERSION_HEADER]: "a worker's" } });
  assert.equal(direct.headers.get("x-cache"), "hit");
  assert.equal(direct.headers.get("content-encoding"), null);
});

test("a worker keeps the CSP its primary worked out (no second hashing of the page); a front server before Next.js works out its own", async () => {
  const page = "<html><head><script>self.ready = true</script></head><body>page</body></html>";
  const primaryCsp = "default-src 'self'; script-src 'self' 'sha256-as-the-primary-said'";
  const fakePrimary = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": primaryCsp, "x-cache": "miss" });
    res.end(page);
  });
  const port = await listen(fakePrimary);
  const asWorker = createFrontServer({ upstream: { host: "127.0.0.1", port }, upstreamIsFront: true, dataVersion: () => Promise.resolve("1") });
  const beforeNext = createFrontServer({ upstream: { host: "127.0.0.1", port }, dataVersion: () => Promise.resolve("1") });
  try {
    const worker = await fetch(`http://127.0.0.1:${await listen(asWorker)}/csp`);
    assert.equal(worker.headers.get("content-security-policy"), primaryCsp);
    const front = await fetch(`http://127.0.0.1:${await listen(beforeNext)}/csp`);
    assert.equal(front.headers.get("content-security-policy"), contentSecurityPolicy(page));
    assert.match(front.headers.get("content-security-policy") ?? "", /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
  } finally {
    for (const server of [asWorker, beforeNext, fakePrimary]) await new Promise((resolve) => server.close(resolve));
  }
});
