// The canaries of the real secpack repository, synced from a git mirror of
// it (the shared template): all 47 imported with their signatures and
// canary 028's two letters, every verdict equal to `gpg --verify` with the
// same keys and the master trusted, the signer history, and the website's
// canary list against the files.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../../helpers/db";
import { KEYS_DIR, realData } from "../../helpers/fixtures";
import { SECPACK_HEAD, secpackFile, sharedSecpackMirror } from "../../helpers/secpack-git";
import { createSyncedTestDatabaseFor } from "../../helpers/template";

const MASTER = "427F11FD0FAA4B080123F01CDDFA1A3E36879494";

function keyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? keyFiles(full) : [full];
  });
}

describeEachDatabase("the real canaries", realData, (provider) => {
  let t: AnyTestDatabase;
  let tmp: string;
  let gnupg: string;

  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
    tmp = mkdtempSync(path.join(os.tmpdir(), "canary-gpg-"));
    // gpg with every key of keys/ and the master trusted, as the Qubes docs tell users to set it up.
    gnupg = path.join(tmp, "gnupg");
    execFileSync("mkdir", ["-m", "700", gnupg]);
    for (const file of keyFiles(KEYS_DIR)) spawnSync("gpg", ["--homedir", gnupg, "--batch", "--quiet", "--import", file]);
    execFileSync("gpg", ["--homedir", gnupg, "--batch", "--import-ownertrust"], { input: `${MASTER}:6:\n` });
    execFileSync("gpg", ["--homedir", gnupg, "--batch", "--check-trustdb"], { stdio: "pipe" });
  });
  after(async () => {
    await t?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("all 47 canaries are imported, with canary 028's two letters as its attachments", async () => {
    const canaries = await t.db.canary.findMany({ orderBy: { number: "asc" } });
    assert.deepEqual(canaries.map((c) => c.number), Array.from({ length: 47 }, (_, i) => i + 1));
    assert.ok(canaries.every((c) => c.date && c.nextDueUntil && c.statedBulletins && c.inIndex));
    const letters = await t.db.canaryAttachment.findMany({ orderBy: { fileName: "asc" } });
    assert.deepEqual(letters.map((l) => [l.canaryNumber, l.fileName, l.signatureStatus]), [
      [28, "canary-028-2021-letter-joanna.txt", "verified"],
      [28, "canary-028-2021-letter-qst.txt", "verified"],
    ]);
  });

  test("every canary and letter signature verdict equals gpg --verify's", async () => {
    const signatures = await t.db.canarySignature.findMany({ orderBy: { fileName: "asc" } });
    // 105 over the canaries, 3 over the letters.
    assert.equal(signatures.length, 108);
    assert.equal(signatures.filter((s) => s.attachmentFile).length, 3);
    const differences: string[] = [];
    for (const s of signatures) {
      const data = path.join(tmp, s.fileName.replace(/\.sig\.[^.]+$/, ""));
      const sig = path.join(tmp, s.fileName);
      writeFileSync(data, secpackFile(`canaries/${s.fileName.replace(/\.sig\.[^.]+$/, "")}`));
      writeFileSync(sig, secpackFile(`canaries/${s.fileName}`));
      const run = spawnSync("gpg", ["--homedir", gnupg, "--batch", "--status-fd", "1", "--verify", sig, data], { encoding: "utf8" });
      const good = /^\[GNUPG:\] GOODSIG /m.test(run.stdout) && /^\[GNUPG:\] TRUST_(FULLY|ULTIMATE)/m.test(run.stdout);
      const bad = /^\[GNUPG:\] BADSIG /m.test(run.stdout);
      const gpgStatus = good ? "valid" : bad ? "bad" : "other";
      const ours = s.status === "valid" || s.status === "bad" ? s.status : "other";
      if (gpgStatus !== ours) differences.push(`${s.fileName}: ours ${s.status} (${s.reason ?? ""}), gpg ${gpgStatus}`);
    }
    assert.deepEqual(differences, []);
    const bad = signatures.filter((s) => s.status !== "valid").map((s) => `${s.fileName} ${s.status}`);
    assert.deepEqual(bad, ["canary-026-2021.txt.sig.joanna bad"]);
  });

  test("canary 026: joanna's signature, bad on the current text, is valid on the text of its first revision, as gpg says; the API, the warnings and the feed say which and when", async () => {
    const file = "canaries/canary-026-2021.txt";
    const sig = path.join(tmp, "canary-026.sig.joanna");
    writeFileSync(sig, secpackFile(`${file}.sig.joanna`));
    const git = (...args: string[]) => execFileSync("git", ["--git-dir", sharedSecpackMirror(), ...args], { maxBuffer: 64 * 1024 * 1024 });
    const revisions = git("log", "--full-history", "--format=%H", SECPACK_HEAD, "--", file).toString().split("\n").filter(Boolean);
    const gpgGood = revisions.filter((commit) => {
      const text = path.join(tmp, `canary-026-at-${commit}.txt`);
      writeFileSync(text, git("show", `${commit}:${file}`));
      return /^\[GNUPG:\] GOODSIG /m.test(spawnSync("gpg", ["--homedir", gnupg, "--batch", "--status-fd", "1", "--verify", sig, text], { encoding: "utf8" }).stdout);
    });
    assert.deepEqual(gpgGood, ["b91ac46ef45a1278a17fb5d0a93eba363d13c085"], "gpg: valid on the draft's text only");

    const rows = await t.db.canarySignature.findMany({ where: { canaryNumber: 26 }, orderBy: { fileName: "asc" } });
    assert.deepEqual(rows.map((r) => [r.fileName, r.status, r.signedCommit, r.revisionsChecked]), [
      ["canary-026-2021.txt.sig.joanna", "bad", gpgGood[0], 1],
      ["canary-026-2021.txt.sig.marmarek", "valid", null, null],
      ["canary-026-2021.txt.sig.simon", "valid", null, null],
    ]);
    const message =
      'canary-026-2021.txt.sig.joanna is bad on the current text of canary-026, but valid on its text of commit b91ac46ef45a (2021-03-07, "Canary-026: draft"); ' +
      'the text changed after it in commit dc57f5f2b01b (2021-06-12, "Canary-026: update number") without a new signature';

    const { GET } = await import("@/app/api/canary/[n]/route");
    const body = (await (await GET(new Request("http://localhost/api/canary/26"), { params: Promise.resolve({ n: "26" }) })).json()) as {
      signatures: { file: string; signedCommit: string | null; revisionsChecked: number | null }[];
      warnings: { kind: string; message: string }[];
    };
    assert.deepEqual(body.signatures.map((s) => [s.file, s.signedCommit, s.revisionsChecked]), rows.map((r) => [r.fileName, r.signedCommit, r.revisionsChecked]));
    assert.ok(body.warnings.some((w) => w.kind === "audit" && w.message === message), JSON.stringify(body.warnings));

    const { canaryEntry } = await import("@/lib/feeds/canaries");
    const { listFeedCanaries } = await import("@/lib/queries/feeds");
    const entry = canaryEntry((await listFeedCanaries()).canaries.find((c) => c.number === 26)!, "https://tracker.example.org");
    assert.ok(entry.summary.includes(`Warning: ${message}`), entry.summary);
  });

  test("the signer history: joanna and marmarek from 001, simon from 018, joanna's last is 028, explained by its special announcement", async () => {
    const canaries = await t.db.canary.findMany({ orderBy: { number: "asc" } });
    const changes = canaries
      .map((c) => ({ n: c.number, added: JSON.parse(c.signersAdded) as string[], removed: JSON.parse(c.signersRemoved) as string[] }))
      .filter((c) => c.added.length || c.removed.length);
    assert.deepEqual(changes, [
      { n: 18, added: ["simon"], removed: [] },
      { n: 29, added: [], removed: ["joanna"] },
    ]);
    const c29 = canaries.find((c) => c.number === 29);
    assert.match(c29?.warnings ?? "", /joanna signed canary-028 but not this one; the special announcement of canary-028 speaks of it: \\"Joanna Rutkowska will soon begin/);
  });

  test("the website's list agrees with the files but for two dates, which are audit warnings", async () => {
    const audit = await t.db.warning.findMany({ where: { kind: "audit", message: { contains: "canary list" } }, orderBy: { id: "asc" } });
    assert.deepEqual(audit.map((w) => w.message), [
      "canary-020: the website's canary list dates it 2019-07-04; the canary says 2019-07-03",
      "canary-024: the website's canary list dates it 2020-09-10; the canary says 2020-09-08",
    ]);
  });

  test("stated bulletin counts and the master fingerprint", async () => {
    const canaries = await t.db.canary.findMany({ orderBy: { number: "asc" } });
    assert.ok(canaries.every((c) => c.statedMasterFingerprint === MASTER));
    const off = canaries.filter((c) => c.statedBulletins !== c.countedBulletins).map((c) => `${c.number}: ${c.statedBulletins} vs ${c.countedBulletins}`);
    assert.deepEqual(off, []);
  });
});
