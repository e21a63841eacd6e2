// Hostile copies of the real secpack, built here from a git mirror of it:
// a canary whose statement changed with no special announcement, a canary
// missing a signer, a canary past its promised date, and the latest canary's
// promise running out, a canary changed without re-signing, and a signature
// swapped for another canary's. Each gets its warning.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { getCanaryWatch } from "@/lib/queries/canaries";
import { runSync, type SyncSummary } from "@/lib/secpack/sync";
import { pluggedSources } from "@/lib/secpack/sources";
import { createTestDatabaseFor, describeEachDatabase, useDatabase, type AnyTestDatabase } from "../../helpers/db";
import { CANARY_INDEX_FILE, realData } from "../../helpers/fixtures";
import { mirrorSecpack } from "../../helpers/secpack-git";
import { fixtureSyncOptions } from "../../helpers/sync";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-C", cwd, "-c", "user.name=Mallory", "-c", "user.email=m@example.org", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describeEachDatabase("hostile copies of the canaries", realData, (provider) => {
  let mirror: string;
  let work: string;
  let t: AnyTestDatabase;
  let summary: SyncSummary;
  let c046Commit: string;
  let hostileCommit: string;

  before(async () => {
    mirror = mirrorSecpack();
    work = path.join(path.dirname(mirror), "work");
    git(path.dirname(mirror), "clone", "--quiet", mirror, work);
    const dir = path.join(work, "canaries");
    const c047 = readFileSync(path.join(dir, "canary-047-2026.txt"), "utf8");
    // 1. Canary 047 loses simon's signature.
    unlinkSync(path.join(dir, "canary-047-2026.txt.sig.simon"));
    // 2. A canary 048, issued past 047's window (2026-09-14), whose warrant statement changed, with no special announcement.
    const c048 = c047
      .replace("Qubes Canary 047", "Qubes Canary 048")
      .replace("June 03, 2026", "October 02, 2026")
      .replace("No warrants have ever been served to us", "No warrants that we may talk about have been served to us")
      .replace("September 2026", "December 2026");
    assert.notEqual(c048, c047);
    writeFileSync(path.join(dir, "canary-048-2026.txt"), c048);
    // 3. Canary 046's text edited without re-signing; 4. canary 026's marmarek signature swapped for canary 025's (it signs neither text of 026).
    writeFileSync(path.join(dir, "canary-046-2026.txt"), readFileSync(path.join(dir, "canary-046-2026.txt"), "utf8").replace("No warrants have ever", "No warrants have yet"));
    writeFileSync(path.join(dir, "canary-026-2021.txt.sig.marmarek"), readFileSync(path.join(dir, "canary-025-2020.txt.sig.marmarek")));
    c046Commit = git(work, "log", "-1", "--format=%H", "--", "canaries/canary-046-2026.txt").trim();
    git(work, "add", "-A");
    git(work, "commit", "--quiet", "-m", "hostile canaries");
    hostileCommit = git(work, "rev-parse", "HEAD").trim();
    t = await createTestDatabaseFor(provider);
    await useDatabase(t);
    summary = await runSync(t.db, fixtureSyncOptions(t, { secpack: work, sources: pluggedSources({ canaryIndex: CANARY_INDEX_FILE }) }));
  });
  after(async () => {
    await t?.cleanup();
    rmSync(path.dirname(mirror), { recursive: true, force: true });
  });

  const messages = () => summary.warnings.map((w) => w.message);

  test("a signer who stops signing is flagged, with no special announcement to explain it", async () => {
    assert.ok(messages().includes("canary-047: simon signed canary-046 but not this one; no special announcement explains it"), messages().join("\n"));
    const row = await t.db.canary.findUniqueOrThrow({ where: { number: 47 } });
    assert.deepEqual(JSON.parse(row.signersRemoved), ["simon"]);
    assert.equal(row.signatureStatus, "verified", "the remaining signature still verifies");
  });

  test("a changed statement with no special announcement is flagged, and the unsigned canary says so", async () => {
    assert.ok(messages().includes("canary-048: the wording of statement 4 changed since canary-047, and it has no special announcement"), messages().join("\n"));
    assert.ok(messages().includes("canary-048: no detached signature lies beside it"));
    const row = await t.db.canary.findUniqueOrThrow({ where: { number: 48 } });
    assert.deepEqual(JSON.parse(row.statementsChanged), [4]);
    assert.equal(row.signatureStatus, "unsigned");
    assert.ok(messages().includes("canary-048: it is in the secpack but not in the website's canary list"));
  });

  test("a canary past its promised date is flagged as late", () => {
    assert.ok(
      messages().includes("canary-048: it was issued on 2026-10-02, 18 day(s) after the window canary-047 promised (2026-09-01 to 2026-09-14)"),
      messages().join("\n"),
    );
  });

  test("the latest promise runs out: on time until its last day, overdue by N days after", async () => {
    const onTime = await getCanaryWatch("2026-12-14");
    assert.equal(onTime.status, "on-time");
    assert.match(onTime.headline, /^Next canary due by 2026-12-14 \(today\); the latest, canary-048 of 2026-10-02, is on time\.$/);
    const late = await getCanaryWatch("2027-01-20");
    assert.equal(late.status, "overdue");
    assert.equal(late.headline, "Next canary due by 2026-12-14; overdue by 37 days (the latest is canary-048 of 2026-10-02).");
    assert.ok(late.meaning.some((m) => /does not prove that anything went wrong/.test(m)));
    assert.ok(late.meaning.some((m) => /our copy is old: the secpack was last fetched on \d{4}-\d{2}-\d{2}, and its newest commit is of \d{4}-\d{2}-\d{2}, before the due date/.test(m)), late.meaning.join(" | "));
  });

  test("a canary changed without re-signing: its bad signatures are valid on the text of the revision before, and the warning says when it changed", async () => {
    const rows = await t.db.canarySignature.findMany({ where: { canaryNumber: 46 } });
    assert.ok(rows.length >= 2);
    for (const r of rows) assert.deepEqual([r.status, r.signedCommit, r.revisionsChecked], ["bad", c046Commit, 1], r.fileName);
    const [signedDay, signedSubject] = git(work, "log", "-1", "--format=%cI%x00%s", c046Commit).trim().split("\0");
    const changedDay = git(work, "log", "-1", "--format=%cI", hostileCommit).trim();
    const utc = (iso = "") => new Date(iso).toISOString().slice(0, 10);
    assert.ok(
      messages().includes(
        `canary-046: canary-046-2026.txt.sig.marmarek is bad on the current text of canary-046, but valid on its text of commit ${c046Commit.slice(0, 12)} (${utc(signedDay)}, "${signedSubject}"); ` +
          `the text changed after it in commit ${hostileCommit.slice(0, 12)} (${utc(changedDay)}, "hostile canaries") without a new signature`,
      ),
      messages().join("\n"),
    );
  });

  test("a signature over another file signs none of the canary's texts, and says so", async () => {
    const row = await t.db.canarySignature.findUniqueOrThrow({ where: { fileName: "canary-026-2021.txt.sig.marmarek" } });
    assert.deepEqual([row.status, row.signedCommit, row.revisionsChecked], ["bad", null, 1]);
    assert.ok(
      messages().includes("canary-026: canary-026-2021.txt.sig.marmarek is bad on the current text of canary-026 and on each of its 1 earlier text(s): it signs none of them"),
      messages().join("\n"),
    );
  });
});
