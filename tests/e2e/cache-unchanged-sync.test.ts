// A sync that changed nothing keeps the front server's page cache (issue 13):
// before the fix the cache version held the exact refresh time, so every
// scheduled sync, even an unchanged one, emptied the whole cache. The pages
// stay true: they name the day of the last refresh, and /api/source (never
// cached) gives the exact time at once.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { recordUnchangedRun } from "@/lib/secpack/store";
import { realData } from "../helpers/fixtures";
import { startApp, type RunningApp } from "../helpers/server";

const unchangedRun = () => ({
  startedAt: new Date(),
  secpackSource: "/tmp/secpack",
  secpackCommit: null,
  trackerSource: "none",
  qsbIndexSource: "none",
  xenIndexSource: "none",
  counts: {},
  warningCount: 0,
});

describe("a sync that changed nothing", { ...realData, timeout: 10 * 60_000 }, () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp();
  });
  after(async () => app?.stop());

  const cacheOf = async (path: string) => {
    const response = await fetch(`${app.url}${path}`);
    return { how: response.headers.get("x-cache"), body: await response.text() };
  };

  test("leaves /qsb/54 a cache hit, and the footer and /api/source still tell the truth", async () => {
    const db = app.database.db;
    // Today's refresh first (the template may have been synced on another day), then the page is cached.
    await recordUnchangedRun(db, unchangedRun());
    const deadline = Date.now() + 30_000;
    while ((await cacheOf("/qsb/54")).how !== "hit") {
      assert.ok(Date.now() < deadline, "/qsb/54 never became a cache hit");
    }

    const id = await recordUnchangedRun(db, unchangedRun());
    const finishedAt = (await db.syncRun.findUniqueOrThrow({ where: { id } })).finishedAt?.toISOString() ?? "";
    const source = await fetch(`${app.url}/api/source`);
    assert.equal(source.headers.get("x-cache"), null, "/api/source is never cached");
    assert.equal(source.headers.get("cache-control"), "no-store");
    const freshness = ((await source.json()) as { freshness: { lastRefreshedAt: string } }).freshness;
    assert.equal(freshness.lastRefreshedAt, finishedAt, "/api/source gives the new refresh time at once");

    // Longer than the front server's version check (1 s): every answer is still the cached page.
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      const { how, body } = await cacheOf("/qsb/54");
      assert.equal(how, "hit", "an unchanged sync keeps the cache");
      const day = finishedAt.slice(0, 10);
      assert.match(body, new RegExp(`Data last refreshed <time[^>]*>on ${day} \\(UTC\\)</time>`), "the cached footer names the day, still true");
    }
  });
});
