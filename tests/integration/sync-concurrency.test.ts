// Atomicity and concurrency of `npm run sync`, with the real CLI in child
// processes, on each database (the sync lock: a lock file on SQLite, an
// advisory lock on PostgreSQL): a run killed inside its write transaction
// leaves the database as it was, a second run while one is going is refused,
// and of two runs started at once only one ever gets inside its write
// transaction. It starts from a copy of the synced template.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { runSync } from "@/lib/secpack/sync";
import { describeEachDatabase, snapshotDatabase, type AnyTestDatabase } from "../helpers/db";
import { PROJECT_ROOT, QSB_INDEX_FILE, SUPPORTED_RELEASES_FILE, XSA_TRACKER_FILE, realData } from "../helpers/fixtures";
import { copySecpack, fixtureSyncOptions } from "../helpers/sync";
import { createSyncedTestDatabaseFor } from "../helpers/template";

function cli(t: AnyTestDatabase, secpack: string, env: Record<string, string> = {}, extra: string[] = []): ChildProcess {
  return spawn(
    path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx"),
    ["lib/secpack/cli.ts", "--secpack", secpack, "--xsa-tracker", XSA_TRACKER_FILE, "--qsb-index", QSB_INDEX_FILE, "--xen-index", "none", "--supported-releases", SUPPORTED_RELEASES_FILE, ...extra],
    // Its own process group: tsx runs the CLI in a child process, and a kill must reach both.
    { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: t.url, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
}

function killHard(child: ChildProcess): void {
  if (child.pid) process.kill(-child.pid, "SIGKILL");
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, out })));
}

function paused(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (c: Buffer) => {
      err += c.toString();
      if (err.includes("paused inside the write transaction")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`exited (${code}) before pausing: ${err}`)));
  });
}

describeEachDatabase("sync atomicity and concurrency", { ...realData, timeout: 180_000 }, (provider) => {
  let t: AnyTestDatabase;
  let secpack: string;
  let baseline: string;

  before(async () => {
    t = await createSyncedTestDatabaseFor(provider, "tracker_concurrency");
    // A sync over a copy with one bulletin less, so that the next run has something to write.
    secpack = copySecpack();
    const { rmSync } = await import("node:fs");
    rmSync(path.join(secpack, "QSBs", "qsb-116-2026.txt"));
    await runSync(t.db, fixtureSyncOptions(t, { secpack }));
    baseline = await snapshotDatabase(t);
  });
  after(async () => t.cleanup());

  test("a run killed midway leaves the database unchanged", async () => {
    const child = cli(t, fixtureSyncOptions(t).secpack, { SYNC_TEST_PAUSE_MIDWAY: "1" });
    const exit = finished(child);
    await paused(child);
    killHard(child);
    const { signal } = await exit;
    assert.equal(signal, "SIGKILL");
    assert.equal(await snapshotDatabase(t), baseline, "every table as before the run");
    // The next run takes over the dead run's lock and completes.
    const next = await finished(cli(t, fixtureSyncOptions(t).secpack));
    assert.equal(next.code, 0, next.out);
    assert.match(next.out, /bulletins: 116 \(1 new/);
    assert.equal(await t.db.bulletin.count(), 116);
    assert.notEqual(await snapshotDatabase(t), baseline, "the completed run's writes show in the snapshot");
  });

  test("a second run while one is going is refused with a clear message, and changes nothing", async () => {
    const first = cli(t, secpack, { SYNC_TEST_PAUSE_MIDWAY: "1" });
    const firstExit = finished(first);
    await paused(first);
    const before = await snapshotDatabase(t);
    const second = await finished(cli(t, secpack));
    assert.equal(second.code, 3, second.out);
    assert.match(second.out, /sync refused: another sync is already running \(pid \d+/);
    assert.equal(await snapshotDatabase(t), before);
    killHard(first);
    await firstExit;
    assert.equal(await snapshotDatabase(t), before);
  });

  test("of two runs started at once, one gets inside its write transaction and the other is refused", async () => {
    // Each would stop inside its write transaction: were the lock to let both
    // through, both would pause there, and neither would be refused.
    const runs = [cli(t, secpack, { SYNC_TEST_PAUSE_MIDWAY: "1" }), cli(t, secpack, { SYNC_TEST_PAUSE_MIDWAY: "1" })];
    const exits = runs.map((run) => finished(run));
    const pauses = runs.map((run, i) => paused(run).then(() => i, () => null));
    const refused = await Promise.race(exits.map((exit, i) => exit.then((done) => ({ ...done, i }))));
    assert.equal(refused.code, 3, refused.out);
    assert.match(refused.out, /sync refused: another sync is already running \(pid \d+/);
    const other = 1 - refused.i;
    assert.equal(await pauses[other], other, "the other run is inside its write transaction");
    const before = await snapshotDatabase(t);
    killHard(runs[other] as ChildProcess);
    await exits[other];
    assert.equal(await snapshotDatabase(t), before);
  });

  test("--json prints a machine-readable summary; a missing source exits 1 naming it", async () => {
    const done = await finished(cli(t, fixtureSyncOptions(t).secpack, {}, ["--json"]));
    assert.equal(done.code, 0, done.out);
    const summary = JSON.parse(done.out.slice(done.out.indexOf("{"))) as { status: string; counts: { bulletins: number } };
    assert.equal(summary.counts.bulletins, 116);
    assert.ok(["updated", "unchanged"].includes(summary.status));
    const missing = await finished(cli(t, "/nonexistent/secpack"));
    assert.equal(missing.code, 1);
    assert.match(missing.out, /sync failed: the secpack folder \/nonexistent\/secpack does not exist/);
    assert.match(missing.out, /the database was left as it was/);
  });
});
