// Two instances on one PostgreSQL database behind nginx with the shipped
// deploy/nginx.conf (on a loopback port, its upstream ports templated): a
// sync through one shows on both within a few seconds, load during the sync
// gets no non-2xx, conditional requests pass through nginx.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { deployConfig, hasNginx, shippedConfig, startNginx, type RunningNginx } from "@/scripts/bench/nginx";
import { createPostgresTestDatabase, type PostgresTestDatabase } from "../helpers/db";
import { PROJECT_ROOT, realData } from "../helpers/fixtures";
import { postgresSkip } from "../helpers/postgres";
import { freePort, startApp, type RunningApp } from "../helpers/server";
import { runSyncCli } from "../helpers/sync";

const skip = realData.skip || postgresSkip || (hasNginx() ? false : "nginx is not installed (apt-get install nginx-light)");

async function count(base: string): Promise<number> {
  const body = (await (await fetch(`${base}/api/qsb`)).json()) as { items: unknown[] };
  return body.items.length;
}

describe("two instances on PostgreSQL behind the shipped nginx configuration", { skip, timeout: 10 * 60_000 }, () => {
  let database: PostgresTestDatabase;
  let apps: RunningApp[] = [];
  let nginx: RunningNginx;
  let dir: string;

  before(async () => {
    database = await createPostgresTestDatabase("tracker_two");
    apps = await Promise.all([startApp({ database }), startApp({ database })]);
    dir = mkdtempSync(path.join(os.tmpdir(), "nginx-two-"));
    const port = await freePort();
    const ports = apps.map((app) => Number(new URL(app.url).port)) as [number, number];
    nginx = await startNginx(dir, deployConfig(dir, shippedConfig(PROJECT_ROOT), port, ports), port);
  });
  after(async () => {
    await nginx?.stop();
    await Promise.all(apps.map((app) => app.stop()));
    await database?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a sync through one instance shows on both within a few seconds; load during it gets no non-2xx", async () => {
    // Both instances have cached the empty database's answer.
    for (const base of [...apps.map((a) => a.url), nginx.url]) assert.equal(await count(base), 0, base);
    for (const app of apps) assert.equal((await fetch(`${app.url}/api/qsb`)).headers.get("x-cache"), "hit");

    let stop = false;
    const statuses = new Map<number, number>();
    const paths = ["/", "/qsb", "/api/qsb", "/xsa", "/feed.xml", "/healthz"];
    const load = Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let i = worker; !stop; i++) {
          const response = await fetch(`${nginx.url}${paths[i % paths.length]}`).catch(() => null);
          const status = response?.status ?? 0;
          await response?.arrayBuffer();
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );

    // The sync, through the first instance's environment (its DATABASE_URL), as its scheduler runs it.
    const sync = await runSyncCli(database.url);
    assert.equal(sync.code, 0, sync.output);
    const synced = performance.now();

    for (const base of [...apps.map((a) => a.url), nginx.url]) {
      for (;;) {
        if ((await count(base)) === 116) break;
        assert.ok(performance.now() - synced < 5000, `${base} still shows the old data 5 s after the sync`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const seenAfter = Math.round(performance.now() - synced);
    stop = true;
    await load;
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const bad = [...statuses].filter(([status]) => status < 200 || status >= 300);
    assert.ok(total > 20, `${total} requests during the sync`);
    assert.deepEqual(bad, [], `non-2xx answers during the sync: ${JSON.stringify(bad)} of ${total}`);
    console.log(`# ${total} requests during the sync, all 2xx; both instances showed the new data ${seenAfter} ms after it`);
  });

  test("nginx keeps an answer 1 s, then revalidates it with the app's ETag; never /healthz, /api/check or a POST", async () => {
    const cacheStatus = (response: Response) => response.headers.get("x-proxy-cache");
    const first = await fetch(`${nginx.url}/qsb/55`);
    const stored = performance.now();
    assert.equal(first.status, 200);
    assert.equal(cacheStatus(first), "MISS");
    const etag = first.headers.get("etag");
    assert.ok(etag);
    await first.arrayBuffer();
    // Kept (HIT) until it expires; then nginx asks the app with If-None-Match, and the app's 304 refreshes the kept copy.
    let revalidated: Response;
    for (;;) {
      revalidated = await fetch(`${nginx.url}/qsb/55`);
      await revalidated.arrayBuffer();
      const status = cacheStatus(revalidated);
      if (status === "REVALIDATED") break;
      assert.equal(status, "HIT");
      assert.ok(performance.now() - stored < 5000, "still a HIT 5 s after it was kept");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(performance.now() - stored >= 1000, "kept at least its 1 s");
    assert.equal(revalidated.status, 200);
    assert.equal(cacheStatus(revalidated), "REVALIDATED");
    assert.equal(revalidated.headers.get("etag"), etag);

    for (let i = 0; i < 2; i++) {
      const health = await fetch(`${nginx.url}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(cacheStatus(health), null, "/healthz is never kept");
      assert.equal(health.headers.get("cache-control"), "no-store");
      await health.arrayBuffer();
      const check = await fetch(`${nginx.url}/api/check?release=4.2`, { method: "POST", headers: { "content-type": "text/plain" }, body: "xen-4.17.5-5.fc37.x86_64\nqubes-release-4.2-1.fc37.noarch\n" });
      assert.equal(cacheStatus(check), null, "/api/check is never kept");
      await check.arrayBuffer();
      const post = await fetch(`${nginx.url}/qsb/55`, { method: "POST", body: "x" });
      assert.equal(post.status, 405, "a POST reaches the app, which refuses it");
      assert.notEqual(cacheStatus(post), "HIT");
      await post.arrayBuffer();
    }
  });

  test("conditional requests pass through nginx (304 with the app's ETag); the static files come gzipped", async () => {
    const first = await fetch(`${nginx.url}/qsb/54`);
    assert.equal(first.status, 200);
    const etag = first.headers.get("etag");
    assert.ok(etag);
    const html = await first.text();
    const again = await fetch(`${nginx.url}/qsb/54`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, "a static script");
    const asset = await fetch(`${nginx.url}${script}`, { headers: { "accept-encoding": "gzip" } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get("content-encoding"), "gzip");
    assert.match(asset.headers.get("cache-control") ?? "", /immutable/);
    const health = await fetch(`${nginx.url}/healthz`);
    assert.equal(health.headers.get("cache-control"), "no-store");
  });
});
