// The data version, on each database: a sync that changes data bumps it (in
// its own transaction), an unchanged sync does not, a new failure does (the
// pages show it), the same failure again does not; and getDataVersion, which
// every instance's cache polls, reads it from the database.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { runSync, type SyncOptions } from "@/lib/secpack/sync";
import { createTestDatabaseFor, describeEachDatabase, type AnyTestDatabase } from "../../helpers/db";
import { realData } from "../../helpers/fixtures";
import { copySecpack, fixtureSyncOptions } from "../../helpers/sync";

describeEachDatabase("the data version", { ...realData, timeout: 180_000 }, (provider) => {
  let t: AnyTestDatabase;
  let options: SyncOptions;
  const version = async () => (await t.db.dataVersion.findUnique({ where: { id: 1 } }))?.version ?? 0;

  before(async () => {
    t = await createTestDatabaseFor(provider, "tracker_version");
    const secpack = copySecpack();
    const { rmSync } = await import("node:fs");
    rmSync(path.join(secpack, "QSBs", "qsb-116-2026.txt"));
    options = fixtureSyncOptions(t, { secpack, dataDir: t.dir });
  });
  after(async () => t.cleanup());

  test("moves only when a sync changes data or newly fails", async () => {
    assert.equal(await version(), 0);
    await runSync(t.db, options);
    assert.equal(await version(), 1, "a first sync wrote data");
    const unchanged = await runSync(t.db, options);
    assert.equal(unchanged.status, "unchanged");
    assert.equal(await version(), 1, "an unchanged sync leaves it");

    const broken = { ...options, xsaTracker: "/nonexistent/tracker.yml" };
    await assert.rejects(runSync(t.db, broken));
    assert.equal(await version(), 2, "a new failure shows on the pages");
    await assert.rejects(runSync(t.db, broken));
    assert.equal(await version(), 2, "the same failure again changes nothing shown");

    await runSync(t.db, { ...options, secpack: fixtureSyncOptions(t).secpack });
    assert.equal(await version(), 3, "a sync that added QSB-116");
  });
});
