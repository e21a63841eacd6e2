// The posts' audit on small records: each kind of disagreement is one warning.
import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { announcedTitle, announcementOf, auditPosts, postOnlyAdvisories, type PostRecord } from "@/lib/posts/build";
import type { ParsedPostAdvisory } from "@/lib/posts/types";

function post(fileName: string, date: string, advisories: Partial<ParsedPostAdvisory>[], extra: Partial<PostRecord> = {}): PostRecord {
  return {
    fileName,
    path: fileName,
    slug: fileName,
    date,
    title: "XSAs released",
    url: null,
    kind: "xsa",
    bulletinNumber: null,
    isUpdate: false,
    canaryNumber: null,
    sha256: "0",
    advisories: advisories.map((a) => ({ xsa: 0, verdict: "not-affected", reason: null, category: null, feature: null, qsb: null, line: 1, ...a })),
    ...extra,
  };
}

const advisories = [
  { number: 10, qubesAffected: "yes" as const, inTracker: true },
  { number: 11, qubesAffected: "no" as const, inTracker: true },
  { number: 12, qubesAffected: "yes" as const, inTracker: true },
  { number: 13, qubesAffected: "no" as const, inTracker: true },
];
const bulletins = [{ number: 5, title: "Five" }, { number: 6, title: "Six" }];
const links = [{ bulletinNumber: 5, advisoryNumber: 10, relation: "covers" as const, source: "text" as const }];

describe("auditPosts", () => {
  test("a post's verdict against the tracker's, both ways", () => {
    const warnings = auditPosts({
      posts: [post("a.md", "2024-01-01", [{ xsa: 10, verdict: "not-affected" }, { xsa: 11, verdict: "affected" }, { xsa: 13 }])],
      advisories,
      bulletins: [],
      links,
    }).map((w) => w.message);
    assert.deepEqual(warnings, [
      "XSA-10: the news post a.md of 2024-01-01 says it does not affect Qubes OS; the tracker marks it affected (yes)",
      "XSA-11: the news post a.md of 2024-01-01 says it affects Qubes OS; the tracker marks it not affected (no)",
    ]);
  });

  test("an XSA the tracker lacks, a QSB the secpack lacks, a QSB that does not cover the XSA", () => {
    const posts = [post("b.md", "2024-02-01", [{ xsa: 99 }, { xsa: 10, verdict: "affected", qsb: 5 }, { xsa: 12, verdict: "affected", qsb: 7 }])];
    const warnings = auditPosts({ posts, advisories, bulletins, links });
    assert.deepEqual(
      warnings.filter((w) => w.advisoryNumber !== null).map((w) => [w.message, w.bulletinNumber, w.advisoryNumber]),
      [
        ["XSA-12: the news post b.md of 2024-02-01 points to QSB-007, which is not in the secpack", null, 12],
        ["XSA-99: the news post b.md of 2024-02-01 says it does not affect Qubes OS, but the XSA tracker has no entry for it", null, 99],
      ],
    );
    const notCovering = auditPosts({ posts: [post("c.md", "2024-02-02", [{ xsa: 12, verdict: "affected", qsb: 6 }])], advisories, bulletins, links });
    assert.deepEqual(
      notCovering.filter((w) => w.advisoryNumber !== null).map((w) => [w.message, w.bulletinNumber]),
      [["XSA-12: the news post c.md of 2024-02-02 points to QSB-006, which does not cover XSA-12", 6]],
    );
  });

  test("posts that disagree with each other: the latest speaks, the disagreement is noted", () => {
    const posts = [post("old.md", "2020-01-01", [{ xsa: 13, verdict: "affected" }]), post("new.md", "2021-01-01", [{ xsa: 13, verdict: "not-affected" }])];
    const warnings = auditPosts({ posts, advisories, bulletins: [], links }).map((w) => w.message);
    assert.deepEqual(warnings, ["XSA-13: the news posts disagree (old.md: affects Qubes OS; new.md: does not affect Qubes OS); the latest is shown"]);
    const mentions = posts.flatMap((p) => p.advisories.map((a) => ({ ...a, post: p })));
    assert.equal(announcementOf(mentions)?.post.fileName, "new.md");
    assert.equal(announcementOf([{ ...mentions[1]!, verdict: "investigating" }, mentions[0]!])?.post.fileName, "old.md");
  });

  test("bulletin announcements: a missing one after the first announced, a differing title", () => {
    const announcement = (n: number, title: string) => post(`qsb-${n}.md`, "2024-01-01", [], { kind: "bulletin", bulletinNumber: n, title });
    const warnings = auditPosts({
      posts: [announcement(5, "QSB-005: Five."), announcement(7, "QSB #007: Seven")],
      advisories: [],
      bulletins: [{ number: 4, title: "Four" }, { number: 5, title: "Five" }, { number: 6, title: "Six" }, { number: 7, title: "Something else" }],
      links: [],
    }).map((w) => w.message);
    assert.deepEqual(warnings, [
      "QSB-006 has no news announcement (the news announces every bulletin since QSB-005)",
      'QSB-007: its news announcement qsb-7.md is titled "Seven", the bulletin "Something else"',
    ]);
    assert.equal(announcedTitle("Qubes Security Bulletin (QSB) #28: Debian update mechanism vulnerability"), "Debian update mechanism vulnerability");
    assert.equal(announcedTitle("Update for QSB #37: Information leaks"), "Information leaks");
  });

  test("XSAs only the posts name get an advisory row, dated by their first post", () => {
    const rows = postOnlyAdvisories([post("n.md", "2024-12-18", [{ xsa: 465 }]), post("m.md", "2024-12-01", [{ xsa: 465 }, { xsa: 10 }])], [{ number: 10, date: null, title: null, titleOrigin: null, qubesAffected: "yes", trackerQsb: null, inTracker: true, inXenIndex: false, cves: [] }]);
    assert.deepEqual(rows.map((r) => [r.number, r.date, r.qubesAffected, r.inTracker]), [[465, "2024-12-01", "unknown", false]]);
  });
});
