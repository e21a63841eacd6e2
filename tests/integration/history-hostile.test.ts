// A hostile copy of the real secpack: a commit on top changes QSB-054's text
// (the fixed Xen version) without re-signing it. Both signatures are then bad
// on the current text; the sync checks them against the text's earlier
// revisions, and the page says which revision they signed and when the text
// changed after it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { RevisionHistory } from "@/components/bulletin/revision-history";
import { getBulletin } from "@/lib/queries/bulletins";
import { getBulletinHistory } from "@/lib/queries/history";
import { runSync, type SyncSummary } from "@/lib/secpack/sync";
import { createTestDatabaseFor, describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData, SECPACK_BUNDLE } from "../helpers/fixtures";
import { fixtureSyncOptions } from "../helpers/sync";

/** The last commit that changed QSB-054's text in the real repository ("QSB #54: revise text"), which both signatures sign. */
const SIGNED_TEXT_COMMIT = "491645e";

describeEachDatabase("a hostile copy: QSB-054's text changed on top without a new signature", realData, (provider) => {
  let tmp: string;
  let work: string;
  let hostile: string;
  let t: AnyTestDatabase;
  let summary: SyncSummary;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "history-hostile-"));
    work = path.join(tmp, "secpack");
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", work, ...args], {
        encoding: "utf8",
        env: { ...process.env, GIT_AUTHOR_NAME: "Mallory", GIT_AUTHOR_EMAIL: "m@example.org", GIT_COMMITTER_NAME: "Mallory", GIT_COMMITTER_EMAIL: "m@example.org" },
      }).trim();
    execFileSync("git", ["clone", "--quiet", "--branch", "main", SECPACK_BUNDLE, work]);
    const file = path.join(work, "QSBs", "qsb-054-2019.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("4.8.5-13", "4.8.5-12"));
    git("commit", "--quiet", "--no-gpg-sign", "-am", "QSB #54: correct the version");
    hostile = git("rev-parse", "HEAD");
    t = await createTestDatabaseFor(provider);
    await useDatabase(t);
    summary = await runSync(t.db, fixtureSyncOptions(t, { secpack: work }));
  });
  after(async () => {
    await t?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("both signatures are bad on the current text, and valid on the text of the revision before", async () => {
    assert.equal(summary.status, "updated");
    const b = await getBulletin(54);
    assert.ok(b);
    assert.equal(b.signatureStatus, "failed");
    assert.equal(b.signatures.length, 2);
    for (const s of b.signatures) {
      assert.equal(s.status, "bad");
      assert.ok(s.signedCommit?.startsWith(SIGNED_TEXT_COMMIT), `${s.file} signs ${s.signedCommit}`);
      assert.equal(s.revisionsChecked, 1, "the newest earlier text matched first");
    }
  });

  test("the sync warns, naming the signed revision and the commit that changed the text after it", async () => {
    const b = await getBulletin(54);
    const messages = b?.warnings.map((w) => w.message) ?? [];
    const marmarek = messages.find((m) => m.startsWith("qsb-054-2019.txt.sig.marmarek is bad"));
    assert.ok(marmarek, messages.join("\n"));
    assert.match(marmarek, new RegExp(`valid on its text of commit ${SIGNED_TEXT_COMMIT}\\w* \\(2019-11-24, "QSB #54: revise text"\\)`));
    assert.match(marmarek, new RegExp(`the text changed after it in commit ${hostile.slice(0, 12)} \\(\\d{4}-\\d\\d-\\d\\d, "QSB #54: correct the version"\\) without a new signature`));
  });

  test("the history shows the hostile commit after publication, and the bulletin as updated today", async () => {
    const b = await getBulletin(54);
    assert.ok(b);
    const history = await getBulletinHistory(54, b.date, b.changelog.map((c) => c.date));
    assert.equal(history.revisions[0]?.commit, hostile);
    assert.equal(history.revisions[0]?.phase, "after-publication");
    assert.equal(history.revisions[0]?.author, "Mallory");
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(history.updated, { updated: today, fromChangelog: null, fromHistory: today });
  });

  test("the page says which revision each signature signed and when the text changed after it", async () => {
    const b = await getBulletin(54);
    assert.ok(b);
    const history = await getBulletinHistory(54, b.date, b.changelog.map((c) => c.date));
    const html = renderToStaticMarkup(
      createElement(RevisionHistory, {
        bulletin: 54,
        history,
        diff: null,
        from: undefined,
        to: undefined,
        signatures: b.signatures.map((s) => ({ file: s.file, signer: s.signer, signedCommit: s.signedCommit, revisionsChecked: s.revisionsChecked ?? 0 })),
      }),
    );
    const text = html.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"');
    assert.match(text, /qsb-054-2019\.txt\.sig\.marmarek \(marmarek\) is BAD on the current text\. It is valid on the text of revision 491645e\w* of 2019-11-24 \(“QSB #54: revise text”\)\./);
    assert.ok(text.includes(`The text changed after it in ${hostile.slice(0, 12)} on`), text.slice(0, 600));
    assert.ok(html.includes(`?from=${SIGNED_TEXT_COMMIT}`), "links the diff from the signed text to the current one");
  });
});
