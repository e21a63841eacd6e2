// The version the front server's page cache follows (lib/queries/sync-runs.ts
// getPageVersion): a sync that found nothing new keeps it, so the cache is
// kept (before the fix it held the exact refresh time, and every scheduled
// sync emptied the whole cache); a sync on a new day, a new failure and data
// turning stale each move it, so no page shows a false freshness line.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { recordFailedRun, recordUnchangedRun } from "@/lib/secpack/store";
import { getDataVersion, getFreshness, getPageVersion, refreshDay } from "@/lib/queries/sync-runs";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const HOUR = 3600;

describeEachDatabase("the page cache's version", realData, (provider) => {
  let t: AnyTestDatabase;
  const run = (startedAt: Date) => ({
    startedAt,
    secpackSource: "/tmp/secpack",
    trackerSource: "none",
    qsbIndexSource: "none",
    xenIndexSource: "none",
    counts: {},
  });
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider, "tracker_page_version");
    await useDatabase(t);
  });
  after(() => t.cleanup());

  test("an unchanged sync keeps it; the exact refresh time still moves on", async () => {
    const before = await getPageVersion(HOUR);
    const refreshedBefore = (await getFreshness(HOUR)).lastRefreshedAt;
    await recordUnchangedRun(t.db, { ...run(new Date()), secpackCommit: null, warningCount: 0 });
    const refreshedAfter = (await getFreshness(HOUR)).lastRefreshedAt;
    assert.notEqual(refreshedAfter, refreshedBefore, "the refresh is recorded (for /api/source and the footer's exact time)");
    assert.equal(await getPageVersion(HOUR), before, "and the cached pages are kept: they show only the day, still true");
  });

  test("the day of the last refresh is part of it: pages never name an old day", async () => {
    const now = new Date();
    const today = await getPageVersion(HOUR, now);
    assert.ok(today.includes(`|${now.toISOString().slice(0, 10)}|`), today);
  });

  test("data turning stale moves it (the footer's warning shows)", async () => {
    const now = new Date();
    const fresh = await getPageVersion(HOUR, now);
    const later = new Date(now.getTime() + 3 * HOUR * 1000);
    const stale = await getPageVersion(HOUR, later);
    assert.notEqual(stale, fresh);
    assert.match(stale, /\|stale$/);
  });

  test("its day and staleness are the footer's (getFreshness), now, an interval later and days later", async () => {
    for (const hoursLater of [0, 1, 2.5, 72]) {
      const at = new Date(Date.now() + hoursLater * HOUR * 1000);
      const freshness = await getFreshness(HOUR, at);
      assert.equal(await getPageVersion(HOUR, at), `${await getDataVersion()}|${refreshDay(freshness.lastRefreshedAt) ?? "never"}|${freshness.stale ? "stale" : "fresh"}`, `${hoursLater} h later`);
    }
  });

  test("a new failure moves it (the home page shows the failure)", async () => {
    const before = await getPageVersion(HOUR);
    await recordFailedRun(t.db, { ...run(new Date()), error: "the XSA tracker could not be read" });
    assert.notEqual(await getPageVersion(HOUR), before);
  });
});
