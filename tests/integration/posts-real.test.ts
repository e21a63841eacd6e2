// The Qubes news posts (../shared/fixtures/git/qubes-posts.bundle, the real
// repository) through the parser, a sync, the audit, the queries, the API and
// the XSA feed; the sync and what follows it on each database. The sync runs
// onto a copy of the synced template (whose own sync read the same bundle)
// with the posts as its only plugged source: its summary, rows and audit are
// this run's.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { buildPostRecords } from "@/lib/posts/build";
import { readPostsTree } from "@/lib/posts/source";
import { REASON_CATEGORIES } from "@/lib/posts/vocabulary";
import { parseXsaTracker } from "@/lib/secpack/parse-website";
import { pluggedSources } from "@/lib/secpack/sources";
import { runSync, type SyncSummary } from "@/lib/secpack/sync";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { POSTS_BUNDLE, XSA_TRACKER_FILE, realData } from "../helpers/fixtures";
import { fixtureSyncOptions } from "../helpers/sync";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const SITE = "https://tracker.example.org";
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function get(modulePath: string, url: string, params: Record<string, string> = {}): Promise<unknown> {
  const mod = (await import(modulePath)) as { GET: Handler };
  const response = await mod.GET(new Request(`${SITE}${url}`), { params: Promise.resolve(params) });
  assert.equal(response.status, 200, url);
  return JSON.parse(await response.text()) as unknown;
}

let checkoutDir: string | undefined;

/** A checkout of the posts bundle, made once for the file. */
function postsCheckout(): string {
  if (checkoutDir) return checkoutDir;
  const dir = mkdtempSync(path.join(os.tmpdir(), "posts-checkout-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  execFileSync("git", ["clone", "--quiet", POSTS_BUNDLE, dir]);
  return (checkoutDir = dir);
}

describe("the Qubes news posts over the real repository", realData, () => {
  describe("the parser", () => {
    let checkout: string;
    before(() => {
      checkout = postsCheckout();
    });
    const built = () => buildPostRecords(readPostsTree(checkout, null, checkout).files);

    test("reads 504 posts and keeps 97 XSA, 94 bulletin and 38 canary announcements", () => {
      const tree = readPostsTree(checkout, null, checkout);
      assert.equal(tree.postCount, 504);
      const { posts } = built();
      const count = (kind: string) => posts.filter((p) => p.kind === kind).length;
      assert.deepEqual([count("xsa"), count("bulletin"), count("canary")], [97, 94, 38]);
    });

    test("every XSA post is parsed with no unparsed bullet or line, and names at least one XSA", () => {
      const { posts, warnings } = built();
      assert.deepEqual(warnings.map((w) => w.message), []);
      for (const post of posts.filter((p) => p.kind === "xsa")) assert.ok(post.advisories.length > 0, `${post.fileName} names an XSA`);
    });

    test("216 mentions of XSAs; 104 XSAs with a reason, by category", () => {
      const { posts } = built();
      const mentions = posts.flatMap((p) => p.advisories);
      assert.equal(mentions.length, 216);
      const byXsa = new Map(mentions.filter((m) => m.reason).map((m) => [m.xsa, m]));
      assert.equal(byXsa.size, 104);
      const perCategory = Object.fromEntries(REASON_CATEGORIES.map((c) => [c, [...byXsa.values()].filter((m) => m.category === c).length]));
      assert.deepEqual(perCategory, {
        "dos-only": 50,
        "other-architecture": 11,
        "in-vm-only": 6,
        "unused-feature": 26,
        "qubes-configuration": 8,
        other: 3,
      });
    });

    test("the reasons of XSAs across the years, checked by hand", () => {
      const { posts } = built();
      const of = (xsa: number) => {
        const m = posts.flatMap((p) => p.advisories.map((a) => ({ ...a, post: p }))).find((a) => a.xsa === xsa);
        assert.ok(m, `XSA-${xsa} is in a post`);
        return m;
      };
      const cases: [number, string, string | null, string | null, string][] = [
        [289, "other", null, "2019-01-21", "XSA-289 is unusual in that it does not disclose any new vulnerabilities."],
        [322, "qubes-configuration", null, "2020-12-16", "domid reuse impractical in Qubes case"],
        [345, "qubes-configuration", null, "2020-10-20", "Although XSA-345 is included in [QSB #060], we do not consider XSA-345 to affect"],
        [364, "other-architecture", null, "2021-02-17", "ARM-only"],
        [387, "unused-feature", "grant table v2", "2021-11-24", "Qubes has grant tables v2 disabled"],
        [408, "unused-feature", "shadow paging", "2022-07-26", "shadow mode is disabled at build time"],
        [426, "unused-feature", "SMT", "2023-02-15", "SMT is disabled in Qubes OS by default"],
        [430, "unused-feature", "shadow paging", "2023-04-25", "Shadow paging is disabled in Qubes OS at build time.\nQubes OS 4.1 uses an unaffected version of Xen (4.14)."],
        [460, "unused-feature", "PCI hot plug", "2024-08-14", "Qubes OS does not hot plug/unplug PCI devices."],
        [468, "in-vm-only", null, "2025-05-27", "In-guest privilege escalation only"],
        [477, "unused-feature", "shadow paging", "2026-01-27", "This XSA affects only HVMs with shadow paging and tracing enabled. In Qubes OS, shadow paging and tracing are disabled at build time."],
        [484, "dos-only", null, "2026-04-28", "Denial of service only"],
        [493, "other-architecture", null, "2026-06-09", "Only Arm systems are affected. Qubes OS does not run on Arm systems."],
      ];
      for (const [xsa, category, feature, date, reason] of cases) {
        const m = of(xsa);
        assert.equal(m.verdict, "not-affected", `XSA-${xsa}`);
        assert.equal(m.category, category, `XSA-${xsa}`);
        assert.equal(m.feature, feature, `XSA-${xsa}`);
        assert.equal(m.post.date, date, `XSA-${xsa}`);
        assert.ok(m.reason?.startsWith(reason), `XSA-${xsa}: ${m.reason}`);
      }
      // Before the reasons began: the verdict alone.
      assert.equal(of(206).reason, null);
      assert.equal(of(206).verdict, "not-affected");
      // 2017-12-12-xsa-245-251-qubes-not-affected.md is about XSA-248 to XSA-251 (its title and links say so, not its file name).
      assert.deepEqual(posts.find((p) => p.fileName === "2017-12-12-xsa-245-251-qubes-not-affected.md")?.advisories.map((a) => a.xsa), [248, 249, 250, 251]);
      assert.equal(of(254).verdict, "investigating");
      // The bulletins the posts point to for the XSAs that affect Qubes.
      for (const [xsa, qsb] of [[115, 63], [382, 70], [433, 90], [456, 102], [491, 115]] as const) {
        assert.equal(of(xsa).verdict, "affected", `XSA-${xsa}`);
        assert.equal(of(xsa).qsb, qsb, `XSA-${xsa}`);
      }
      const announcement = posts.find((p) => p.fileName === "2019-11-26-qsb-054.md");
      assert.equal(announcement?.title, "QSB #054: Xen fix for XSA-302 found ineffective in Qubes configuration (XSA-306)");
      assert.equal(announcement?.url, "https://www.qubes-os.org/news/2019/11/26/qsb-054/");
    });
  });
});

describeEachDatabase("a sync with the real news posts", realData, (provider) => {
  let t: AnyTestDatabase;
  let first: SyncSummary;
  const withPosts = (posts: string) => fixtureSyncOptions(t, { sources: pluggedSources({ posts }) });

  before(async () => {
    t = await createSyncedTestDatabaseFor(provider, "tracker_posts");
    process.env.SITE_URL = `${SITE}/`;
    await useDatabase(t);
    first = await runSync(t.db, withPosts(POSTS_BUNDLE));
  });
  after(async () => t.cleanup());

  test("stores the posts and says how many it read", async () => {
    assert.equal(first.status, "updated");
    assert.deepEqual(first.sources.posts, {
      postsRead: 504,
      xsaPosts: 97,
      bulletinPosts: 94,
      canaryPosts: 38,
      xsaMentions: 216,
      xsasWithReason: 104,
      postOnlyAdvisories: 2,
    });
    assert.equal(await t.db.post.count(), 97 + 94 + 38);
    assert.equal(await t.db.postAdvisory.count(), 216);
    const post = await t.db.post.findUniqueOrThrow({ where: { fileName: "2024-08-14-xsas-released-on-2024-08-13.md" } });
    assert.equal(post.url, "https://www.qubes-os.org/news/2024/08/14/xsas-released-on-2024-08-13/");
    assert.match(post.postsCommit ?? "", /^fd75217f/);
  });

  test("the audit list holds every disagreement between the posts, the tracker and the bulletins, and no more", async () => {
    const posts = (await t.db.warning.findMany({ where: { kind: "audit", message: { contains: "news" } }, orderBy: { id: "asc" } })).map((w) => w.message);
    assert.deepEqual(posts, [
      "XSA-465: the news post 2024-12-18-xsas-released-on-2024-12-17.md of 2024-12-18 says it does not affect Qubes OS, but the XSA tracker has no entry for it",
      "XSA-466: the news post 2024-12-18-xsas-released-on-2024-12-17.md of 2024-12-18 says it does not affect Qubes OS, but the XSA tracker has no entry for it",
      'QSB-037: its news announcement 2018-01-11-qsb-37.md is titled "Information leaks due to processor speculative execution bugs (XSA-254, Meltdown & Spectre)", the bulletin "Information leaks due to processor speculative execution bugs"',
      'QSB-093: its news announcement 2023-08-09-qsb-093.md is titled "Transient execution vulnerabilities in AMD and Intel CPUs (CVE-2023-20569/XSA-434, CVE-2022-40982/XSA-435)", the bulletin "Transient execution vulnerabilities in AMD and Intel CPUs"',
      'QSB-106: its news announcement 2024-11-12-qsb-106.md is titled "Information disclosure through uninitialized memory in libxl", the bulletin "Information disclosure through uninitialized memory in libxl (XSA-464)"',
      "QSB-116 has no news announcement (the news announces every bulletin since QSB-027)",
    ]);
    // Checked against the tracker itself: every XSA a post rates has the same verdict there, or is missing from it.
    const tracker = new Map(parseXsaTracker(readFileSync(XSA_TRACKER_FILE, "utf8"), XSA_TRACKER_FILE).entries.map((e) => [e.xsa, e]));
    const rows = await t.db.postAdvisory.findMany({ include: { post: true } });
    const missing = new Set<number>();
    for (const row of rows) {
      const entry = tracker.get(row.advisoryNumber);
      if (!entry) {
        missing.add(row.advisoryNumber);
        continue;
      }
      if (row.verdict === "not-affected") assert.equal(entry.verdict, "no", `XSA-${row.advisoryNumber}`);
      if (row.verdict === "affected") assert.equal(entry.verdict, "yes", `XSA-${row.advisoryNumber}`);
      if (row.bulletinNumber !== null) assert.equal(entry.qsb, row.bulletinNumber, `XSA-${row.advisoryNumber}'s QSB`);
    }
    assert.deepEqual([...missing].sort(), [465, 466]);
  });

  test("GET /api/xsa/484 adds notAffected; an affected XSA and an unexplained one give null", async () => {
    const xsa484 = (await get("@/app/api/xsa/[n]/route", "/api/xsa/484", { n: "484" })) as { notAffected: unknown };
    assert.deepEqual(xsa484.notAffected, {
      reason: "Denial of service only",
      category: "dos-only",
      announcement: { date: "2026-04-28", url: "https://www.qubes-os.org/news/2026/04/28/xsas-released-on-2026-04-28/", title: "XSAs released on 2026-04-28" },
    });
    for (const n of ["491", "100"]) {
      const body = (await get("@/app/api/xsa/[n]/route", `/api/xsa/${n}`, { n })) as { notAffected: unknown };
      assert.equal(body.notAffected, null, `XSA-${n}`);
    }
    // XSA-466 is only in the news: it has a page, with its reason.
    const xsa466 = (await get("@/app/api/xsa/[n]/route", "/api/xsa/466", { n: "466" })) as { inTracker: boolean; notAffected: { category: string } };
    assert.equal(xsa466.inTracker, false);
    assert.equal(xsa466.notAffected.category, "in-vm-only");
  });

  test("GET /api/xsa lists the tracker with the same fields", async () => {
    const body = (await get("@/app/api/xsa/route", "/api/xsa")) as { items: { number: number; id: string; qubesAffected: string; notAffected: { category: string } | null }[] };
    assert.equal(body.items.length, await t.db.advisory.count());
    assert.deepEqual(body.items.slice(0, 3).map((i) => i.number), [...body.items.map((i) => i.number)].sort((a, b) => b - a).slice(0, 3));
    assert.equal(body.items.find((i) => i.number === 484)?.notAffected?.category, "dos-only");
    assert.equal(body.items.filter((i) => i.notAffected?.category).length, 104);
  });

  test("the tracker filters by category, the chart counts every not-affected XSA, search finds reasons", async () => {
    const { listAdvisoriesPage } = await import("@/lib/queries/advisories");
    const { listNotAffectedByYear } = await import("@/lib/queries/announcements");
    const { searchAll } = await import("@/lib/queries/search");
    const unused = await listAdvisoriesPage({ category: "unused-feature", pageSize: 500 });
    assert.equal(unused.total, 26);
    assert.ok(unused.items.every((i) => i.notAffected?.category === "unused-feature"));
    const chart = await listNotAffectedByYear();
    assert.equal(chart.total, await t.db.advisory.count({ where: { qubesAffected: "no" } }));
    assert.equal(Object.values(chart.totals).reduce((a, b) => a + b, 0), chart.total);
    // 50 XSAs have a "DoS only" reason; XSA-465 is one of them but is not in the tracker, so not in its "no" count.
    assert.equal(chart.totals["dos-only"], 49);
    const y2026 = chart.years.find((y) => y.year === 2026);
    assert.ok(y2026 && y2026.byCategory["dos-only"] > 0);
    const search = await searchAll("oxenstored");
    const ids = search.results.map((r) => r.id);
    for (const id of ["XSA-323", "XSA-352", "XSA-353", "XSA-420", "XSA-483"]) assert.ok(ids.includes(id), `${id} found by "oxenstored"`);
    assert.match(search.results.find((r) => r.id === "XSA-483")?.why ?? "", /reason the Qubes news gives/);
  });

  test("the XSA feed entries carry the verdict and the reason", async () => {
    const feed = (await get("@/app/xsa/feed.json/route", "/xsa/feed.json")) as { items: { url: string; title: string; summary: string; tags: string[] }[] };
    const xsa484 = feed.items.find((i) => i.url === `${SITE}/xsa/484`);
    assert.ok(xsa484, "XSA-484 is in the feed");
    assert.match(xsa484.title, /not affected: denial of service only/);
    assert.match(xsa484.summary, /does not affect Qubes OS .*Why, per the Qubes news \(2026-04-28\): Denial of service only/);
    assert.ok(xsa484.tags.includes("not-affected") && xsa484.tags.includes("dos-only"));
    const xsa491 = feed.items.find((i) => i.url === `${SITE}/xsa/491`);
    assert.match(xsa491?.title ?? "", /affects Qubes OS/);
  });

  test("bulletin and canary announcements are linked", async () => {
    const { getCanaryAnnouncement, listBulletinAnnouncements } = await import("@/lib/queries/announcements");
    const qsb37 = await listBulletinAnnouncements(37);
    assert.deepEqual(qsb37.map((a) => [a.date, a.isUpdate]), [["2018-01-11", false], ["2018-01-24", true], ["2018-03-15", true]]);
    const canary = await getCanaryAnnouncement(47);
    assert.equal(canary?.url, "https://www.qubes-os.org/news/2026/06/03/canary-047/");
  });

  test("the same posts again: nothing changed, nothing written", async () => {
    const again = await runSync(t.db, withPosts(POSTS_BUNDLE));
    assert.equal(again.status, "unchanged");
  });

  test("a missing or unreachable posts source does not fail the sync, and the stored posts stay", async () => {
    for (const source of [path.join(os.tmpdir(), "no-such-posts-folder"), "https://github.invalid/QubesOS/qubes-posts.git"]) {
      const summary = await runSync(t.db, withPosts(source));
      assert.ok(summary.status === "updated" || summary.status === "unchanged", source);
      assert.equal(await t.db.bulletin.count(), 116);
      assert.equal(await t.db.post.count(), 229, `the stored posts stay (${source})`);
      const warnings = await t.db.warning.findMany({ where: { kind: "source", message: { contains: "news posts not updated" } } });
      assert.equal(warnings.length, 1, source);
      assert.ok(warnings[0]?.message.includes(source.startsWith("https") ? "github.invalid" : "no-such-posts-folder"), warnings[0]?.message);
      // The stored posts are still audited.
      assert.equal(await t.db.warning.count({ where: { kind: "audit", message: { contains: "QSB-116 has no news announcement" } } }), 1);
      assert.ok(await t.db.advisory.findUnique({ where: { number: 466 } }), "XSA-466 (news only) keeps its page");
    }
    // And back: the posts are read again.
    const back = await runSync(t.db, withPosts(postsCheckout()));
    assert.equal(back.status, "updated");
    assert.equal(await t.db.warning.count({ where: { message: { contains: "news posts not updated" } } }), 0);
  });
});
