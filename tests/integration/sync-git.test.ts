// The secpack as a git repository: a mirror of the real one (made once for
// this file from ../shared/fixtures/git/qubes-secpack.bundle), its signed
// tags checked against `git tag -v` with the same keys, and hostile copies;
// on each database. The first sync is a fresh one (its own summary is under
// test); the hostile copies sync onto a copy of the synced template. A plain
// folder's provenance is checked in sync-real.test.ts.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { runSync, type SyncSummary } from "@/lib/secpack/sync";
import { createTestDatabaseFor, describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { KEYS_DIR, SECPACK_BUNDLE, realData } from "../helpers/fixtures";
import { fixtureSyncOptions } from "../helpers/sync";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const MASTER = "427F11FD0FAA4B080123F01CDDFA1A3E36879494";
const HEAD = "dd0eabfdfb72e5371c7ca55dff610db75fcbe85a";

function sh(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], ...options });
}

function keyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? keyFiles(full) : [full];
  });
}

let tmp: string;
let mirror: string;
let gnupg: string;
let made = false;

/** The mirror and a gpg home with every key of keys/ and the master trusted (as the Qubes docs tell users to set it up), once for both databases. */
function setUp(): void {
  if (made) return;
  made = true;
  tmp = mkdtempSync(path.join(os.tmpdir(), "secpack-git-"));
  process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
  mirror = path.join(tmp, "qubes-secpack.git");
  sh("git", ["clone", "--quiet", "--mirror", SECPACK_BUNDLE, mirror]);
  gnupg = path.join(tmp, "gnupg");
  sh("mkdir", ["-m", "700", gnupg]);
  for (const file of keyFiles(KEYS_DIR)) {
    try {
      sh("gpg", ["--homedir", gnupg, "--batch", "--quiet", "--import", file]);
    } catch {
      // revocation certificates and stray files: gpg refuses some, as our keyring notes them
    }
  }
  sh("gpg", ["--homedir", gnupg, "--batch", "--import-ownertrust"], { input: `${MASTER}:6:\n` });
  sh("gpg", ["--homedir", gnupg, "--batch", "--check-trustdb"]);
}

describeEachDatabase("sync from a git mirror of the real secpack", realData, (provider) => {
  let t: AnyTestDatabase;
  let first: SyncSummary;
  /** A copy of the synced template, for a hostile copy's sync. */
  const synced = () => createSyncedTestDatabaseFor(provider, "tracker_git_hostile");

  before(async () => {
    setUp();
    t = await createTestDatabaseFor(provider, "tracker_git");
    await useDatabase(t);
    first = await runSync(t.db, fixtureSyncOptions(t, { secpack: mirror }));
  });
  after(async () => t.cleanup());

  test("reads the tree at the mirror's HEAD: all 116 bulletins, every signature valid", () => {
    assert.equal(first.status, "updated");
    assert.equal(first.secpack.commit, HEAD);
    assert.equal(first.counts.bulletins, 116);
    assert.deepEqual(first.signatures, { valid: 229 });
    assert.deepEqual(first.timings.map((s) => s.step), ["fetch", "parse", "verify", "build", "store"]);
  });

  test("the synced commit is vouched for by marmarek_sec_dd0eabfd, in /api/source and in words", async () => {
    const { GET } = await import("@/app/api/source/route");
    const body = (await (await GET()).json()) as {
      secpack: { url: string; commit: string; commitDate: string; kind: string };
      tags: { name: string; status: string; signerUserId: string }[];
      vouchedBy: { commit: string; isSyncedCommit: boolean };
      note: string | null;
      summary: string;
      lastFetch: { result: string };
    };
    assert.equal(body.secpack.commit, HEAD);
    assert.equal(body.secpack.kind, "git-mirror");
    assert.match(body.secpack.commitDate, /^2026-07-28T/);
    assert.deepEqual(body.tags.map((x) => [x.name, x.status]), [["marmarek_sec_dd0eabfd", "valid"]]);
    assert.match(body.tags[0]?.signerUserId ?? "", /Marek Marczykowski-Górecki \(Qubes security pack\)/);
    assert.equal(body.vouchedBy.isSyncedCommit, true);
    assert.equal(body.note, null);
    assert.match(body.summary, /commit dd0eabfdfb72 of 2026-07-28, vouched for by the signed tag marmarek_sec_dd0eabfd/);
    assert.equal(body.lastFetch.result, "ok");
  });

  test("tag verdicts equal `git tag -v` with the same keys and the master trusted", async () => {
    const tags = await t.db.secpackTag.findMany({ orderBy: { name: "asc" } });
    assert.equal(tags.length, first.sources.tags?.tags);
    // Every tag that is not valid, and every fifth valid one (one git/gpg run each).
    const sample = tags.filter((tag, i) => tag.status !== "valid" || i % 5 === 0);
    const differences: string[] = [];
    for (const tag of sample) {
      let gpgValid: boolean;
      try {
        sh("git", ["--git-dir", mirror, "-c", "gpg.minTrustLevel=fully", "tag", "-v", tag.name], { env: { ...process.env, GNUPGHOME: gnupg } });
        gpgValid = true;
      } catch {
        gpgValid = false;
      }
      if (gpgValid !== (tag.status === "valid")) differences.push(`${tag.name}: ours ${tag.status} (${tag.reason ?? ""}), git tag -v ${gpgValid ? "good" : "not good"}`);
    }
    assert.deepEqual(differences, []);
    assert.ok(sample.length > 150, `${sample.length} tags compared`);
  });

  test("a hostile copy: an unsigned commit on top is named, with the newest vouched ancestor and the files changed", async () => {
    const work = path.join(tmp, `work-unsigned-${provider}`);
    sh("git", ["clone", "--quiet", mirror, work]);
    appendFileSync(path.join(work, "QSBs", "qsb-116-2026.txt"), "\nA line nobody signed.\n");
    sh("git", ["-C", work, "-c", "user.name=Mallory", "-c", "user.email=m@example.org", "commit", "--quiet", "-am", "unsigned change"]);
    const db = await synced();
    try {
      const summary = await runSync(db.db, fixtureSyncOptions(db, { secpack: work }));
      assert.notEqual(summary.secpack.commit, HEAD);
      assert.ok(
        summary.warnings.some((w) =>
          /carries no valid signed tag; the newest ancestor that does is dd0eabfdfb72, and 1 file\(s\) changed since: QSBs\/qsb-116-2026\.txt/.test(w.message),
        ),
      );
      const row = await db.db.secpackProvenance.findUniqueOrThrow({ where: { id: 1 } });
      assert.equal(row.kind, "git-work-tree");
      assert.equal(row.vouchedCommit, HEAD);
      assert.equal(row.changedSince, "QSBs/qsb-116-2026.txt");
      const bulletin = await db.db.bulletin.findUniqueOrThrow({ where: { number: 116 } });
      assert.equal(bulletin.signatureStatus, "failed", "the changed text no longer matches its signatures");
    } finally {
      await db.cleanup();
    }
  });

  test("a hostile copy: a tag signed by a key in keys/ that the master does not certify is untrusted", async () => {
    const work = path.join(tmp, `work-evil-tag-${provider}`);
    sh("git", ["clone", "--quiet", mirror, work]);
    const evilHome = path.join(tmp, `evil-gnupg-${provider}`);
    sh("mkdir", ["-m", "700", evilHome]);
    const env = { ...process.env, GNUPGHOME: evilHome };
    sh("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Qubes Security Team (look-alike) <security@qubes-os.org>", "ed25519", "sign", "never"], { env });
    const fpr = /^fpr:+([0-9A-F]{40}):/m.exec(sh("gpg", ["--batch", "--with-colons", "--list-secret-keys"], { env }))?.[1];
    assert.ok(fpr);
    writeFileSync(path.join(work, "keys", "security-team", "evil.asc"), sh("gpg", ["--batch", "--armor", "--export", fpr], { env }));
    const git = ["-C", work, "-c", "user.name=Mallory", "-c", "user.email=security@qubes-os.org", "-c", `user.signingkey=${fpr}`];
    sh("git", [...git, "add", "."], { env });
    sh("git", [...git, "commit", "--quiet", "-m", "add a key"], { env });
    sh("git", [...git, "tag", "-s", "-m", "Tag for the new commit", "evil_sec_tag"], { env });
    const db = await synced();
    try {
      const summary = await runSync(db.db, fixtureSyncOptions(db, { secpack: work }));
      const tag = await db.db.secpackTag.findUniqueOrThrow({ where: { name: "evil_sec_tag" } });
      assert.equal(tag.status, "untrusted-key");
      assert.equal(tag.onSyncedCommit, true);
      assert.equal(tag.fingerprint, fpr);
      const row = await db.db.secpackProvenance.findUniqueOrThrow({ where: { id: 1 } });
      assert.equal(row.vouchedCommit, HEAD, "the look-alike tag vouches for nothing");
      assert.ok(summary.warnings.some((w) => /untrusted-key \(Qubes Security Team \(look-alike\)/.test(w.message)));
    } finally {
      await db.cleanup();
    }
  });
});
