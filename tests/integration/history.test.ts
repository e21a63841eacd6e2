// The bulletins' revision history on the real secpack (the shared template is
// synced from the git bundle): the revision lists equal `git log`, the
// "updated" dates from changelog and history, the diff between two texts and
// its errors, and the feeds' modified dates.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { bulletinEntryId } from "@/lib/feeds/ids";
import { getBulletin } from "@/lib/queries/bulletins";
import { getBulletinHistory, getRevisionDiff, type BulletinHistory } from "@/lib/queries/history";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData, SECPACK_BUNDLE } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const SITE = "https://tracker.example.org";

describeEachDatabase("revision history of the real bulletins", realData, (provider) => {
  let t: AnyTestDatabase;
  let tmp: string;
  let mirror: string;

  const gitLog = (...args: string[]) =>
    execFileSync("git", ["--git-dir", mirror, "log", "--format=%H%x00%cI%x00%an%x00%s", "dd0eabfdfb72e5371c7ca55dff610db75fcbe85a", ...args], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [commit = "", committedAt = "", author = "", subject = ""] = line.split("\0");
        return { commit, committedAt: new Date(committedAt).toISOString(), author, subject };
      });
  const history = async (n: number): Promise<BulletinHistory> => {
    const b = await getBulletin(n);
    assert.ok(b);
    return getBulletinHistory(n, b.date, b.changelog.map((c) => c.date));
  };

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "history-"));
    mirror = path.join(tmp, "secpack.git");
    execFileSync("git", ["clone", "--quiet", "--mirror", SECPACK_BUNDLE, mirror]);
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(async () => {
    await t?.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  // Every commit that touched the bulletin's files on any path into the synced commit: `git log --full-history`.
  // QSB-081 has two side-branch commits the default `git log` hides; 108, 113 and 116 have merges that brought their files in.
  for (const n of [1, 54, 64, 68, 81, 101, 108, 113, 116]) {
    test(`QSB-${String(n).padStart(3, "0")}'s revisions equal git log --full-history -- 'QSBs/qsb-NNN-*' (commit, time, author, subject, newest first)`, async () => {
      const h = await history(n);
      assert.equal(h.known, true);
      const mine = h.revisions.map((r) => ({ commit: r.commit, committedAt: r.committedAt, author: r.author, subject: r.subject }));
      assert.deepEqual(mine, gitLog("--full-history", "--", `QSBs/qsb-${String(n).padStart(3, "0")}-*`));
    });
  }

  test("QSB-081: the side branch's revisions are listed, which the default git log hides; the merge that joined it brings no text of its own", async () => {
    const h = await history(81);
    const hidden = new Set(gitLog("--", "QSBs/qsb-081-*").map((r) => r.commit));
    const sideBranch = h.revisions.filter((r) => !hidden.has(r.commit)).map((r) => [r.commit.slice(0, 7), r.subject, r.hasText]);
    assert.deepEqual(sideBranch, [
      ["efee376", "Merge branch 'qsb-081' of github.com:QubesOS/qubes-secpack-priv into qsb-081", false],
      ["0d59ff5", "QSB-081: Add note about official list", true],
      ["6f37c5d", "QSB-081: Revise", true],
    ]);
    assert.equal(h.revisions.find((r) => r.subject === "QSB-081: sign")?.phase, "publication");
  });

  test("QSB-064's text revisions follow its rename (git log --follow of the text)", async () => {
    const h = await history(64);
    const touchingText = h.revisions.filter((r) => r.files.some((f) => /qsb-064-20\d\d\.txt$/.test(f))).map((r) => r.commit);
    assert.deepEqual(touchingText, gitLog("--follow", "--", "QSBs/qsb-064-2021.txt").map((r) => r.commit));
    const rename = h.revisions.find((r) => r.subject === "QSB-064: fix file name");
    assert.ok(rename?.files.includes("R QSBs/qsb-064-2020.txt -> QSBs/qsb-064-2021.txt"), rename?.files.join("\n"));
    assert.equal(rename?.hasText, false, "a pure rename is not a new text");
  });

  test("QSB-054: drafted, revised, then published by its first signature; never changed after", async () => {
    const h = await history(54);
    assert.deepEqual(
      h.revisions.map((r) => [r.subject, r.phase]),
      [
        ["QSB #54: sign", "after-publication"],
        ["QSB #54: Sign", "publication"],
        ["QSB #54: revise text", "before-publication"],
        ["QSB #54: draft", "before-publication"],
      ],
    );
    assert.deepEqual(h.updated, { updated: null, fromChangelog: null, fromHistory: null });
  });

  test("QSB-101 was revised after publication: updated 2024-03-17 by its changelog and by its history", async () => {
    const h = await history(101);
    assert.deepEqual(h.updated, { updated: "2024-03-17", fromChangelog: "2024-03-17", fromHistory: "2024-03-17" });
    const after = h.revisions.filter((r) => r.phase === "after-publication" && r.changedText).map((r) => r.subject);
    assert.deepEqual(after, ["QSB-101: Bump date of update to now (UTC)", "QSB-101: revise", "QSB-101: Add notes about INTEL-SA-00982"]);
    const b = await getBulletin(101);
    assert.equal(b?.updated.updated, "2024-03-17");
  });

  test("QSB-002: the history is later than the changelog (a link corrected in 2017), both kept", async () => {
    const h = await history(2);
    assert.equal(h.updated.fromHistory, "2017-03-07");
    assert.equal(h.updated.updated, "2017-03-07");
    // Its text entered the secpack in 2015, years after its 2012 publication: every commit is after publication.
    assert.ok(h.revisions.every((r) => r.phase === "after-publication"));
  });

  test("50 of the 116 bulletins had their text changed after publication", async () => {
    const { getDb } = await import("@/lib/db");
    const rows = await getDb().bulletinRevision.findMany({
      where: { phase: "after-publication", changedText: true },
      distinct: ["bulletinNumber"],
      select: { bulletinNumber: true },
    });
    assert.equal(rows.length, 50);
  });

  test("the diff between two texts of QSB-101, as text", async () => {
    const h = await history(101);
    const diff = await getRevisionDiff(101, h, "8b9cbd6", "762c169");
    assert.ok(diff.ok, diff.ok ? "" : diff.error);
    assert.equal(diff.from.subject, "QSB-101: Add notes about INTEL-SA-00982");
    const lines = diff.hunks.flatMap((x) => x.lines);
    assert.ok(lines.includes("-2024-03-15: Add notes about INTEL-SA-00982"), lines.join("\n"));
    assert.ok(lines.includes("+2024-03-17: Add information about INTEL-SA-00982"), lines.join("\n"));
    assert.ok(diff.added > 0);
    const same = await getRevisionDiff(101, h, "762c169", "762c169");
    assert.ok(same.ok && same.hunks.length === 0);
  });

  test("bad revision ids are clear messages", async () => {
    const h = await history(101);
    const error = async (from: string, to: string) => {
      const d = await getRevisionDiff(101, h, from, to);
      assert.equal(d.ok, false);
      return d.ok ? "" : d.error;
    };
    assert.match(await error("zzz", "762c169"), /not a commit id/);
    assert.match(await error("", "762c169"), /not a commit id/);
    assert.match(await error("deadbeef", "762c169"), /not a revision of this bulletin's text/);
    assert.match(await error("8007886", "762c169"), /only touched the signature files/);
    assert.match(await error("x".repeat(5000), "762c169"), /not a commit id/);
  });

  test("GET /api/qsb/101 carries the revisions and the updated dates", async () => {
    const { GET } = (await import("@/app/api/qsb/[n]/route")) as { GET: (r: Request, c: { params: Promise<{ n: string }> }) => Promise<Response> };
    const body = (await (await GET(new Request(`${SITE}/api/qsb/101`), { params: Promise.resolve({ n: "101" }) })).json()) as {
      updated: { updated: string | null; fromChangelog: string | null; fromHistory: string | null };
      revisions: { commit: string; phase: string }[] | null;
    };
    assert.deepEqual(body.updated, { updated: "2024-03-17", fromChangelog: "2024-03-17", fromHistory: "2024-03-17" });
    assert.deepEqual(body.revisions?.map((r) => r.commit), gitLog("--full-history", "--", "QSBs/qsb-101-*").map((r) => r.commit));
  });

  test("the feeds carry the later date as updated / date_modified", async () => {
    const mod = (await import("@/app/feed.json/route")) as { GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response> };
    const items: { id: string; date_published: string; date_modified: string }[] = [];
    for (let page = 1; page < 10; page++) {
      const response = await mod.GET(new Request(`${SITE}/feed.json${page > 1 ? `?page=${page}` : ""}`), { params: Promise.resolve({}) });
      if (response.status === 404) break;
      items.push(...((await response.json()) as { items: typeof items }).items);
    }
    const qsb2 = items.find((i) => i.id === bulletinEntryId(2));
    assert.ok(qsb2, items.slice(0, 3).map((i) => i.id).join(", "));
    assert.equal(qsb2.date_modified.slice(0, 10), "2017-03-07");
    const qsb54 = items.find((i) => i.id === bulletinEntryId(54));
    assert.equal(qsb54?.date_modified.slice(0, 10), "2019-11-26");
  });
});
