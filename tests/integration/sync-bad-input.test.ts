// Bad input: a clear error naming what was wrong, and nothing lost, on each
// database. It starts from a copy of the synced template (one sync over a
// plain-folder copy of the secpack on top, as the baseline), not a full sync.
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { SourceError } from "@/lib/secpack/errors";
import { runSync } from "@/lib/secpack/sync";
import { describeEachDatabase, snapshotDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { copySecpack, fixtureSyncOptions } from "../helpers/sync";
import { createSyncedTestDatabaseFor } from "../helpers/template";

describeEachDatabase("sync with bad input", realData, (provider) => {
  let t: AnyTestDatabase;
  let secpack: string;
  let baseline: string;
  let baselineData: string;

  before(async () => {
    t = await createSyncedTestDatabaseFor(provider, "tracker_bad_input");
    secpack = copySecpack();
    await runSync(t.db, fixtureSyncOptions(t, { secpack }));
    baseline = await snapshotDatabase(t);
    baselineData = await snapshotDatabase(t, ["SyncRun", "Warning"]);
  });
  after(async () => {
    await t.cleanup();
    rmSync(secpack, { recursive: true, force: true });
  });

  async function expectSourceError(overrides: Parameters<typeof fixtureSyncOptions>[1], pattern: RegExp) {
    await assert.rejects(runSync(t.db, fixtureSyncOptions(t, overrides)), (error: unknown) => {
      assert.ok(error instanceof SourceError, `a SourceError, got ${String(error)}`);
      assert.match(error.message, pattern);
      return true;
    });
    assert.equal(await snapshotDatabase(t), baseline, "the database is as it was");
    const failed = await t.db.syncRun.findFirst({ where: { status: "failed" }, orderBy: { id: "desc" } });
    assert.match(failed?.error ?? "", pattern, "the failure is recorded for the app to show");
  }

  test("a missing secpack folder stops the run before any write, naming it", async () => {
    await expectSourceError({ secpack: "/nonexistent/qubes-secpack" }, /\/nonexistent\/qubes-secpack does not exist/);
  });

  test("a folder that is not a secpack", async () => {
    await expectSourceError({ secpack: t.dir }, /is not a qubes-secpack checkout: it has no QSBs\/ folder/);
  });

  test("a missing tracker file", async () => {
    await expectSourceError({ xsaTracker: "/nonexistent/sec-xsa.yml" }, /cannot read the XSA tracker at \/nonexistent\/sec-xsa\.yml: no such file/);
  });

  test("a YAML file that is not a tracker", async () => {
    const file = path.join(t.dir, "config.yml");
    writeFileSync(file, "title: Qubes OS\nbaseurl: /\nmarkdown: kramdown\n");
    await expectSourceError({ xsaTracker: file }, /config\.yml is not an XSA tracker/);
  });

  test("the QSB index given as the tracker", async () => {
    const { QSB_INDEX_FILE } = await import("../helpers/fixtures");
    await expectSourceError({ xsaTracker: QSB_INDEX_FILE }, /qsb-index\.yml is not an XSA tracker/);
  });

  test("an unreachable URL names it and says how to sync from a local copy", async () => {
    await assert.rejects(
      runSync(t.db, fixtureSyncOptions(t, { secpack: "https://127.0.0.1:9/qubes-secpack.git" })),
      (error: unknown) =>
        error instanceof SourceError &&
        /cannot clone or fetch the secpack from https:\/\/127\.0\.0\.1:9\/qubes-secpack\.git/.test(error.message) &&
        /--secpack <folder/.test(error.hint ?? ""),
    );
    assert.equal(await snapshotDatabase(t), baseline);
  });

  test("an unreadable bulletin file stops the run, naming it", async () => {
    const dir = path.join(secpack, "QSBs", "qsb-117-2026.txt");
    mkdirSync(dir);
    try {
      await expectSourceError({ secpack }, /cannot read the bulletin file .*qsb-117-2026\.txt: it is a folder, not a file/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test("a tracker entry xsa: 99999999999999999999 is a warning naming it; the sync goes on quickly", async () => {
    const { readFileSync } = await import("node:fs");
    const { XSA_TRACKER_FILE } = await import("../helpers/fixtures");
    const tracker = path.join(t.dir, "sec-xsa-absurd.yml");
    const real = readFileSync(XSA_TRACKER_FILE, "utf8");
    const entries = (real.match(/^- xsa:/gm) ?? []).length;
    writeFileSync(tracker, `${real}\n- xsa: 99999999999999999999\n  date: 2026-01-01\n  affected: yes\n`);
    const started = Date.now();
    const run = await runSync(t.db, fixtureSyncOptions(t, { secpack, xsaTracker: tracker }));
    assert.ok(Date.now() - started < 60_000);
    assert.equal(run.counts.bulletins, 116);
    assert.ok(
      run.warnings.some((w) => w.message === `${tracker}: entry ${entries + 1} has xsa number 100000000000000000000, outside 1 to 99999; skipped`),
      run.warnings.map((w) => w.message).filter((m) => m.includes("99999")).join(" | "),
    );
    assert.equal(await t.db.advisory.count({ where: { number: { gt: 99999 } } }), 0);
  });

  describe("malformed bulletins are stored with a warning, never dropped", () => {
    const cases: [string, () => Buffer | string, RegExp][] = [
      ["an empty file", () => "", /the file is empty/],
      ["binary garbage", () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /not valid UTF-8|NUL byte/],
      ["a 50 MB file", () => "A".repeat(50 * 1024 * 1024), /50\.0 MB, over the 1 MB a bulletin can be/],
      ["a file named like a QSB without a QSB header", () => "Hello,\n\nthis is not a bulletin.\n", /header/i],
    ];
    for (const [name, content, warning] of cases) {
      test(name, async () => {
        const file = path.join(secpack, "QSBs", "qsb-117-2026.txt");
        const bytes = content();
        writeFileSync(file, bytes);
        try {
          const run = await runSync(t.db, fixtureSyncOptions(t, { secpack }));
          assert.equal(run.status, "updated");
          assert.equal(run.counts.bulletins, 117, "the other 116 are all there");
          const row = await t.db.bulletin.findUniqueOrThrow({ where: { number: 117 }, include: { warnings: true } });
          assert.equal(Buffer.byteLength(row.rawText, typeof bytes === "string" ? "utf8" : "latin1"), Buffer.byteLength(bytes), "kept whole");
          assert.ok(
            row.warnings.some((w) => warning.test(w.message) && w.message.includes("QSBs/qsb-117-2026.txt")),
            `a warning naming the file: ${row.warnings.map((w) => w.message).join(" | ")}`,
          );
          assert.equal(row.signatureStatus, "unsigned");
        } finally {
          rmSync(file);
        }
      });
    }
  });

  test("hostile signature files: the sync goes on, each gets its status", async () => {
    const qsbs = path.join(secpack, "QSBs");
    const garbage = path.join(qsbs, "qsb-054-2019.txt.sig.mallory");
    const empty = path.join(qsbs, "qsb-053-2019.txt.sig.empty");
    const huge = path.join(qsbs, "qsb-052-2019.txt.sig.huge");
    const { readdirSync, renameSync } = await import("node:fs");
    const moved = readdirSync(qsbs).filter((f) => f.startsWith("qsb-051-2019.txt.sig"));
    writeFileSync(garbage, "-----BEGIN PGP SIGNATURE-----\n\nnot base64 at all\n-----END PGP SIGNATURE-----\n");
    writeFileSync(empty, "");
    writeFileSync(huge, Buffer.alloc(5 * 1024 * 1024, 0xa5));
    for (const f of moved) renameSync(path.join(qsbs, f), path.join(t.dir, f));
    try {
      const run = await runSync(t.db, fixtureSyncOptions(t, { secpack }));
      assert.equal(run.counts.bulletins, 116);
      assert.equal(run.signatures.malformed, 3);
      // The last malformed bulletin's file is gone: it goes too, with a word about it.
      assert.ok(run.warnings.some((w) => /QSB-117 is no longer in the secpack/.test(w.message)));
      const signatures = async (n: number) => (await t.db.bulletin.findUniqueOrThrow({ where: { number: n }, include: { signatures: true } }));
      const b54 = await signatures(54);
      assert.equal(b54.signatureStatus, "verified", "one good and one garbage signature: still verified");
      assert.deepEqual(b54.signatures.map((s) => s.status).sort(), ["malformed", "valid", "valid"]);
      assert.ok(b54.signatures.find((s) => s.signer === "mallory")?.reason, "the malformed one says why");
      assert.equal((await signatures(53)).signatureStatus, "verified");
      assert.equal((await signatures(52)).signatures.find((s) => s.signer === "huge")?.status, "malformed");
      assert.equal((await signatures(51)).signatureStatus, "unsigned");
    } finally {
      rmSync(garbage);
      rmSync(empty);
      rmSync(huge);
      for (const f of moved) renameSync(path.join(t.dir, f), path.join(qsbs, f));
    }
  });

  test("after the bad files are gone, a sync brings back the real data", async () => {
    const run = await runSync(t.db, fixtureSyncOptions(t, { secpack }));
    assert.equal(run.counts.bulletins, 116);
    assert.equal(await snapshotDatabase(t, ["SyncRun", "Warning"]), baselineData, "the same rows as after the first sync");
  });
});
