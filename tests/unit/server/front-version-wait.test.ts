// When a request waits for the data version: a hit within twice the TTL of
// the last read is answered from the cache while the next read runs (it
// does not hold every request of that moment behind one database read);
// past that it waits, and a sync shows. The build's hashed files never wait
// for it (they do not depend on the data). A cached page's URL is still
// refused when it is longer than the guard reads.
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, type TestContext } from "node:test";
import { createFrontServer } from "@/lib/server/front";

const TTL = 1000;

/** The data version's reads: answered at once with `version`, or, while `hang`, left waiting in `pending`. */
interface Reads {
  version: string;
  hang: boolean;
  count: number;
  pending: ((version: string) => void)[];
}
const reads = (version: string, hang = false): Reads => ({ version, hang, count: 0, pending: [] });

/** Answers the waiting reads, and every later one, with `version`. */
function answer(r: Reads, version: string): void {
  r.version = version;
  r.hang = false;
  for (const resolve of r.pending.splice(0)) resolve(version);
}

async function start(t: TestContext, reads: Reads, staticDir?: string) {
  let renders = 0;
  const upstream = http.createServer((_req, res) => {
    renders++;
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(`render ${renders}`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const front = createFrontServer({
    upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port },
    dataVersion: () => {
      reads.count++;
      return reads.hang ? new Promise<string>((resolve) => reads.pending.push(resolve)) : Promise.resolve(reads.version);
    },
    versionTtlMs: TTL,
    staticDir,
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  t.after(async () => {
    front.closeAllConnections();
    await new Promise((resolve) => front.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });
  return `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}

/** The answer, or "waiting" if there is none within `ms` (real time: only Date is mocked). */
function getWithin(url: string, ms: number): Promise<{ status: number; cache: string | undefined; body: string } | "waiting"> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve("waiting"), ms);
    http
      .get(url, { agent: false }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, cache: response.headers["x-cache"] as string | undefined, body });
        });
      })
      .on("error", reject);
  });
}

test("a hit within twice the TTL does not wait for the version read under way; past it, it waits and shows the sync", async (t) => {
  t.mock.timers.enable({ apis: ["Date"], now: 1_000_000 });
  const r = reads("1");
  const base = await start(t, r);
  assert.deepEqual(await getWithin(`${base}/page`, 5000), { status: 200, cache: "miss", body: "render 1" });
  const readsAfterMiss = r.count;

  // Past the TTL: a read starts, and is left hanging; the hit is answered all the same.
  r.hang = true;
  t.mock.timers.tick(TTL + 200);
  assert.deepEqual(await getWithin(`${base}/page`, 3000), { status: 200, cache: "hit", body: "render 1" });
  assert.equal(r.count, readsAfterMiss + 1, "the hit started the next read");

  // Past twice the TTL: the request waits for the read, and the new version renders again.
  t.mock.timers.tick(TTL);
  const waited = getWithin(`${base}/page`, 5000);
  assert.equal(await Promise.race([waited, new Promise((resolve) => setTimeout(() => resolve("waiting"), 300))]), "waiting");
  answer(r, "2");
  assert.deepEqual(await waited, { status: 200, cache: "miss", body: "render 2" });
});

test("the build's hashed files are served while the data version cannot be read", async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "front-static-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, "chunks"));
  writeFileSync(path.join(dir, "chunks", "app.js"), "console.log('app');\n");
  const base = await start(t, reads("1", true), dir);
  // No read ever answers: the first request and the next are both served.
  for (let i = 0; i < 2; i++) {
    const answer = await getWithin(`${base}/_next/static/chunks/app.js`, 3000);
    assert.notEqual(answer, "waiting", `request ${i + 1} waited for the data version`);
    assert.deepEqual(answer, { status: 200, cache: undefined, body: "console.log('app');\n" });
  }
});

test("a cached page asked for with a URL longer than the guard reads is refused (414), not answered from the cache", async (t) => {
  const base = await start(t, reads("1"));
  assert.deepEqual(await getWithin(`${base}/qsb?page=2`, 5000), { status: 200, cache: "miss", body: "render 1" });
  assert.deepEqual(await getWithin(`${base}/qsb?page=2`, 5000), { status: 200, cache: "hit", body: "render 1" });
  const long = await getWithin(`${base}/qsb?page=2&pad=${"x".repeat(9000)}`, 5000);
  assert.notEqual(long, "waiting");
  assert.equal(long === "waiting" ? 0 : long.status, 414);
});
