// The front server's daily refresh: the UTC day is part of the cache version,
// so a cached /canaries page that says "overdue by N days" is rendered again
// once the day changes, with no sync, and says N + 1. The clock is injected
// into both the front server and the page it caches (no sleep); the page
// counts the days with the canary watch's own function, from canary 047's
// promise (the next one due by 2026-09-14).
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { promiseStatus } from "@/lib/canary/watch";
import { todayUtc } from "@/lib/queries/canaries";
import { createFrontServer } from "@/lib/server/front";

let clock = new Date("2026-12-01T23:59:58Z");
let renders = 0;
let upstream: http.Server;
let front: http.Server;
let base: string;

before(async () => {
  upstream = http.createServer((_req, res) => {
    renders++;
    const { days } = promiseStatus({ nextDue: { from: "2026-09-01", until: "2026-09-14", text: "" } }, null, todayUtc(clock));
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<html><body>Next canary due by 2026-09-14; overdue by ${days} days</body></html>`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  front = createFrontServer({
    upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port },
    // No sync runs: the data version never changes.
    dataVersion: () => Promise.resolve("data-1"),
    versionTtlMs: 0,
    now: () => clock,
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

async function get(): Promise<{ text: string; cache: string | null }> {
  const response = await fetch(`${base}/canaries`);
  return { text: await response.text(), cache: response.headers.get("x-cache") };
}

test("a cached /canaries page says the new overdue count once the UTC day changes, with no sync", async () => {
  assert.deepEqual(await get(), { text: "<html><body>Next canary due by 2026-09-14; overdue by 78 days</body></html>", cache: "miss" });
  clock = new Date("2026-12-01T23:59:59Z");
  const same = await get();
  assert.equal(same.cache, "hit", "the same day: served from the cache");
  assert.match(same.text, /overdue by 78 days/);
  assert.equal(renders, 1);

  clock = new Date("2026-12-02T00:00:01Z");
  const next = await get();
  assert.equal(next.cache, "miss", "a new UTC day: rendered again");
  assert.match(next.text, /overdue by 79 days/);
  assert.equal((await get()).cache, "hit", "and cached for that day");
  assert.equal(renders, 2);
});
