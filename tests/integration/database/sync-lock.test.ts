// The sync lock, on each database: one holder at a time, across processes;
// no take-over race when several start at once beside a dead owner's leftovers;
// a holder killed with SIGKILL frees it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { SyncBusyError } from "@/lib/secpack/errors";
import { acquireSyncLock, sqliteLockFiles } from "@/lib/secpack/lock";
import { createTestDatabaseFor, describeEachDatabase, type AnyTestDatabase } from "../../helpers/db";
import { PROJECT_ROOT } from "../../helpers/fixtures";

function holder(t: AnyTestDatabase, env: Record<string, string>) {
  // Node itself with tsx's loader (no tsx wrapper process): a SIGKILL reaches the holder.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/lock-holder.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: t.url, LOCK_SQLITE_FILE: t.file ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; out: string }>((resolve) => child.once("exit", (code) => resolve({ code, out: out.trim() })));
  return { child, exited, output: () => out };
}

describeEachDatabase("the sync lock", { timeout: 120_000 }, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createTestDatabaseFor(provider, "tracker_lock");
  });
  after(async () => t.cleanup());

  test("a second taker is refused while the first holds it, and gets it once released", async () => {
    const first = await acquireSyncLock(t.db, t.file ?? "");
    await assert.rejects(acquireSyncLock(t.db, t.file ?? ""), (error: unknown) => {
      assert.ok(error instanceof SyncBusyError);
      assert.match(error.message, /another sync is already running \(pid \d+/);
      return true;
    });
    await first.release();
    const second = await acquireSyncLock(t.db, t.file ?? "");
    await second.release();
  });

  test("of four processes starting at once beside a dead owner's leftovers, exactly one gets it", async () => {
    // What a sync killed long ago leaves: its owner note naming a pid that no longer runs.
    if (t.file) writeFileSync(sqliteLockFiles(t.file).owner, JSON.stringify({ pid: 999_999_999, startedAt: "2020-01-01T00:00:00Z" }));
    // The holder keeps the lock until every process has answered (release file), however slowly they start.
    const releaseFile = path.join(t.dir, "release");
    const startAt = String(Date.now() + 4000);
    const holders = Array.from({ length: 4 }, () => holder(t, { START_AT: startAt, HOLD_MS: "120000", RELEASE_FILE: releaseFile }));
    const deadline = Date.now() + 90_000;
    while (!holders.every((h) => /^(got|busy)/m.test(h.output()))) {
      assert.ok(Date.now() < deadline, holders.map((h) => h.output()).join("\n"));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    writeFileSync(releaseFile, "");
    const runs = await Promise.all(holders.map((h) => h.exited));
    for (const run of runs) assert.equal(run.code, 0, run.out);
    const outputs = runs.map((r) => r.out);
    assert.equal(outputs.filter((o) => o === "got").length, 1, outputs.join("\n"));
    assert.equal(outputs.filter((o) => o.startsWith("busy: another sync")).length, 3, outputs.join("\n"));
  });

  test("a holder killed with SIGKILL frees the lock", async () => {
    const run = holder(t, { HOLD_MS: "600000" });
    const deadline = Date.now() + 30_000;
    while (!run.output().includes("got")) {
      assert.ok(Date.now() < deadline, `the holder did not take the lock: ${run.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await assert.rejects(acquireSyncLock(t.db, t.file ?? ""), SyncBusyError);
    run.child.kill("SIGKILL");
    await run.exited;
    // PostgreSQL notices the closed connection at once; give it a moment all the same.
    let lock = null;
    for (let i = 0; i < 50 && !lock; i++) {
      lock = await acquireSyncLock(t.db, t.file ?? "").catch(() => null);
      if (!lock) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(lock, "the lock is free after its holder was killed");
    await lock.release();
  });
});
