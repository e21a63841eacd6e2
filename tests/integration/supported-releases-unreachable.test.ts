// An unreachable supported-releases page, on each database: the sync still
// updates the bulletins, keeps the support data an earlier sync read (marked
// as from that sync, with its date), warns naming the source and the local
// copy to use, and the check says so; with no earlier data the support is an
// explicit "unknown", never "supported". Before, such a sync failed whole.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { CheckAnswer } from "@/lib/rpm/answer";
import { supportOf } from "@/lib/queries/releases";
import { pluggedSources } from "@/lib/secpack/sources";
import { runSync, type SyncOptions } from "@/lib/secpack/sync";
import { createTestDatabaseFor, describeEachDatabase, type AnyTestDatabase } from "../helpers/db";
import { PROJECT_ROOT, realData, SUPPORTED_RELEASES_FILE } from "../helpers/fixtures";
import { fixtureSyncOptions } from "../helpers/sync";

/** Nothing listens on port 1: the download fails at once, as with no network. */
const UNREACHABLE = "http://127.0.0.1:1/supported-releases.rst";
const DAY = "2026-12-01";
const list = (name: string) => readFileSync(path.join(PROJECT_ROOT, "tests", "fixtures", "check", name), "utf8");

describeEachDatabase("an unreachable supported-releases page", { ...realData, timeout: 300_000 }, (provider) => {
  let t: AnyTestDatabase;
  let options: (supportedReleases: string) => SyncOptions;

  before(async () => {
    t = await createTestDatabaseFor(provider, "tracker_support");
    options = (supportedReleases) =>
      fixtureSyncOptions({ ...t, file: t.file ?? path.join(t.dir, "lock.db") } as never, { dataDir: t.dir, sources: pluggedSources({ supportedReleases }) });
  });
  after(async () => t.cleanup());

  const support = async (name: string) => {
    const rows = await t.db.release.findMany();
    return supportOf(rows.find((r) => r.name === name)!, rows, DAY);
  };
  const check = (file: string, release: string) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/check.ts", "--json", "--release", release], {
      cwd: PROJECT_ROOT,
      input: list(file),
      env: { ...process.env, DATABASE_URL: t.url },
      encoding: "utf8",
    });
    return { code: r.status, answer: JSON.parse(r.stdout) as CheckAnswer };
  };

  test("with no earlier support data: the sync updates, warns, and the support is unknown, not supported", async () => {
    const summary = await runSync(t.db, options(UNREACHABLE));
    assert.equal(summary.status, "updated");
    assert.equal(await t.db.bulletin.count(), 116, "the bulletins are imported all the same");
    const warning = summary.warnings.find((w) => w.message.startsWith("supported releases not updated"));
    assert.ok(warning, "a source warning names the source");
    assert.equal(warning.kind, "source");
    assert.match(warning.message, /127\.0\.0\.1:1/);
    assert.match(warning.message, /npm run sync -- --supported-releases <file>/);
    assert.match(warning.message, /supported-releases\.rst/);

    const s43 = await support("4.3");
    assert.equal(s43.status, "unknown");
    assert.equal(s43.stale, true);
    assert.equal(s43.asOf, null);
    assert.match(s43.sentence, /not known: the last sync could not read the Qubes documentation's supported-releases page, and no earlier sync read it/);

    const { code, answer } = check("qubes-4.3-fixed.rpm-qa.txt", "4.3");
    assert.equal(code, 0);
    assert.equal(answer.support.status, "unknown");
    assert.equal(answer.support.stale, true);
    assert.equal(answer.verdict, "cannot-say");
    assert.match(answer.headline, /the release's support is not known/);
    assert.ok(answer.warnings.includes(answer.support.sentence));
  });

  test("a page read once, then unreachable: the earlier data is kept, dated, and the check says so", async () => {
    const good = await runSync(t.db, options(SUPPORTED_RELEASES_FILE));
    assert.equal(good.status, "updated");
    const read = await support("4.3");
    assert.deepEqual([read.status, read.stale, read.end], ["supported", false, null]);
    const readOn = read.asOf;
    assert.match(readOn ?? "", /^\d{4}-\d{2}-\d{2}$/);

    const failed = await runSync(t.db, options(UNREACHABLE));
    assert.equal(failed.status, "updated", "a new failure is recorded with the bulletins");
    assert.ok(failed.warnings.some((w) => w.message.startsWith("supported releases not updated")));
    const kept = await support("4.3");
    assert.deepEqual([kept.status, kept.start, kept.end, kept.stale, kept.asOf], ["supported", "2025-12-21", null, true, readOn]);
    assert.match(kept.sentence, new RegExp(`from an earlier sync, on ${readOn}`));
    const old = await support("4.1");
    assert.deepEqual([old.status, old.end, old.moveTo, old.stale], ["unsupported", "2024-06-18", "4.3", true]);
    assert.equal((await t.db.release.findUnique({ where: { name: "4.2" } }))?.dom0Fedora, 37, "the dom0 Fedora table is kept too (release detection)");

    const { code, answer } = check("qubes-4.3-fixed.rpm-qa.txt", "4.3");
    assert.equal(code, 0);
    assert.equal(answer.support.status, "supported");
    assert.equal(answer.support.stale, true);
    assert.equal(answer.support.asOf, readOn);
    assert.equal(answer.verdict, "cannot-say", "no clean bill of health on support data that may be out of date");
    assert.match(answer.headline, new RegExp(`support is from an earlier sync \\(${readOn}\\)`));
    assert.ok(answer.warnings.some((w) => w.includes(`from an earlier sync, on ${readOn}`)));

    // The same failure again writes nothing; the page readable again clears the mark.
    assert.equal((await runSync(t.db, options(UNREACHABLE))).status, "unchanged");
    await runSync(t.db, options(SUPPORTED_RELEASES_FILE));
    const back = await support("4.3");
    assert.deepEqual([back.status, back.stale], ["supported", false]);
    assert.equal(check("qubes-4.3-fixed.rpm-qa.txt", "4.3").answer.verdict, "nothing-missing");
  });
});
