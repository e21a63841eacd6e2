// Every page's footer reads its data once per sync run (lib/queries/footer.ts):
// what it shows is what reading it afresh shows, after an unchanged run, a
// failed run and a data change alike, and its stale warning follows the clock.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { forgetKeptData } from "@/lib/queries/data-memo";
import { getFooterData } from "@/lib/queries/footer";
import { getImportedSources, getSourceProvenance } from "@/lib/queries/source";
import { getFreshness } from "@/lib/queries/sync-runs";
import { recordFailedRun, recordUnchangedRun } from "@/lib/secpack/store";
import { describeEachDatabase, markDataChanged, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const HOUR = 3600;
const run = () => ({ startedAt: new Date(), secpackSource: "/tmp/secpack", trackerSource: "none", qsbIndexSource: "none", xenIndexSource: "none", counts: {} });

describeEachDatabase("the footer's data, read once per sync run", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(() => t.cleanup());

  // Read afresh: nothing kept for the data (lib/queries/data-memo.ts), as the footer read before it kept anything.
  const afresh = async (now = new Date()) => {
    forgetKeptData();
    return { provenance: await getSourceProvenance(HOUR), freshness: await getFreshness(HOUR, now), sources: await getImportedSources() };
  };
  const same = async (label: string, now = new Date()) => {
    const [kept, read] = [await getFooterData(HOUR, now), await afresh(now)];
    assert.deepEqual({ ...kept, provenance: kept.provenance && { ...kept.provenance, freshness: null } }, { ...read, provenance: read.provenance && { ...read.provenance, freshness: null } }, label);
    assert.deepEqual(kept.freshness, read.freshness, `${label}: freshness`);
  };

  test("the same as reading it afresh, after each kind of run", async () => {
    await same("after the sync");
    await getFooterData(HOUR);
    await recordUnchangedRun(t.db, { ...run(), secpackCommit: null, warningCount: 0 });
    await same("after an unchanged run (a new refresh time)");
    await recordFailedRun(t.db, { ...run(), error: "cannot reach the secpack" });
    await same("after a failed run");
    assert.ok((await getFooterData(HOUR)).freshness.lastRefreshedAt);
    await t.db.post.deleteMany();
    await markDataChanged(t.db);
    await same("after a data change (the news posts gone)");
    assert.equal((await getFooterData(HOUR)).sources.news, false);
  });

  test("the stale warning follows the clock, not the time it was read", async () => {
    assert.equal((await getFooterData(HOUR)).freshness.stale, false);
    const later = new Date(Date.now() + 3 * HOUR * 1000);
    assert.equal((await getFooterData(HOUR, later)).freshness.stale, true);
    await same("three hours later", later);
  });
});
