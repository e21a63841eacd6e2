// The reads kept for the data (lib/queries/data-memo.ts: the dashboard's
// counts, the news' verdicts and the chart, the sync status, the provenance,
// the sources, the feeds' order) answer what reading afresh answers, on the
// real data, and follow a data change and a new sync run. And the relation
// chains, read in four queries, are the chains the query per XSA gave.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getDb } from "@/lib/db";
import { bulletinId } from "@/lib/ids";
import { listAdvisoriesPage } from "@/lib/queries/advisories";
import { listAdvisoryAnnouncements, listNotAffectedByYear } from "@/lib/queries/announcements";
import { getRelationChains, type ChainNode, type RelationChain } from "@/lib/queries/bulletins";
import { forgetKeptData, keptForDataEach } from "@/lib/queries/data-memo";
import { listFeedAdvisoriesPage, listFeedBulletinsPage } from "@/lib/queries/feeds";
import { getImportedSources, getSourceProvenance } from "@/lib/queries/source";
import { getDashboardStats } from "@/lib/queries/stats";
import { getSyncStatus } from "@/lib/queries/sync-runs";
import { warmKeptReads } from "@/lib/queries/warm";
import { recordUnchangedRun } from "@/lib/secpack/store";
import { describeEachDatabase, markDataChanged, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const HOUR = 3600;
const NOW = new Date("2026-12-02T00:00:00Z");

/** Every kept read, as the pages call them. */
async function readAll() {
  return {
    stats: await getDashboardStats(),
    notAffected: await listNotAffectedByYear(),
    announcements: [...(await listAdvisoryAnnouncements())],
    dosOnly: await listAdvisoriesPage({ category: "dos-only" }),
    syncStatus: await getSyncStatus(),
    provenance: await getSourceProvenance(HOUR, NOW),
    sources: await getImportedSources(),
    feed: [await listFeedBulletinsPage(1), await listFeedBulletinsPage(3)].map((w) => ({ ...w, items: w.items.map((b) => b.number) })),
    releaseFeed: (await listFeedBulletinsPage(1, "4.2")).items.map((b) => b.number),
    advisoryFeed: (await listFeedAdvisoriesPage(2)).items.map((a) => a.number),
  };
}

async function readAfresh() {
  forgetKeptData();
  return readAll();
}

/** getRelationChains as it was: three queries per covered XSA and one per related XSA; `ordered`: each XSA's relations by the related XSA's number. */
async function relationChainsPerXsa(number: number, ordered: boolean): Promise<RelationChain[]> {
  const db = getDb();
  const covered = await db.bulletinAdvisory.findMany({ where: { bulletinNumber: number, relation: "covers" }, orderBy: { advisoryNumber: "asc" } });
  const chains: RelationChain[] = [];
  const bulletinNode = (n: number): ChainNode => ({ kind: "bulletin", id: bulletinId(n), href: `/qsb/${n}` });
  const advisoryNode = (n: number): ChainNode => ({ kind: "advisory", id: `XSA-${n}`, href: `/xsa/${n}` });
  for (const { advisoryNumber: x } of covered) {
    const [outgoing, incoming] = await Promise.all([
      db.advisoryRelation.findMany({ where: { fromNumber: x }, ...(ordered ? { orderBy: { toNumber: "asc" } } : {}) }),
      db.advisoryRelation.findMany({ where: { toNumber: x }, ...(ordered ? { orderBy: { fromNumber: "asc" } } : {}) }),
    ]);
    const related = [
      ...outgoing.map((r) => ({ other: r.toNumber, words: r.relation === "follows-up" ? "follows up" : r.relation })),
      ...incoming.map((r) => ({ other: r.fromNumber, words: r.relation === "follows-up" ? "followed up by" : r.relation })),
    ];
    for (const { other, words } of related) {
      const coveringOther = await db.bulletinAdvisory.findMany({ where: { advisoryNumber: other, relation: "covers", bulletinNumber: { not: number } }, orderBy: { bulletinNumber: "asc" } });
      const base = { nodes: [bulletinNode(number), advisoryNode(x), advisoryNode(other)], edges: ["covers", words] };
      if (coveringOther.length === 0) chains.push(base);
      for (const c of coveringOther) chains.push({ nodes: [...base.nodes, bulletinNode(c.bulletinNumber)], edges: [...base.edges, "covered by"] });
    }
  }
  return chains;
}

describeEachDatabase("reads kept for the data", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(() => t.cleanup());

  // The old queries gave each XSA's relations in no defined order (no ORDER BY); the chains now follow the
  // related XSAs' numbers: on SQLite the same order as before, on PostgreSQL QSB-065's XSA-320 now before XSA-321.
  test("every bulletin's relation chains: the chains one query per XSA gave, the related XSAs in ascending order", async () => {
    const numbers = (await t.db.bulletin.findMany({ select: { number: true }, orderBy: { number: "asc" } })).map((b) => b.number);
    let chains = 0;
    const reordered: string[] = [];
    const line = (c: RelationChain) => `${c.nodes.map((n) => n.id).join(" ")} / ${c.edges.join(" ")}`;
    for (const number of numbers) {
      const stored = await relationChainsPerXsa(number, false);
      const got = await getRelationChains(number);
      assert.deepEqual(got, await relationChainsPerXsa(number, true), bulletinId(number));
      assert.deepEqual(got.map(line).sort(), stored.map(line).sort(), `${bulletinId(number)}: the same chains`);
      if (JSON.stringify(got) !== JSON.stringify(stored)) reordered.push(bulletinId(number));
      chains += stored.length;
    }
    // SQLite gave them in ascending order already; PostgreSQL's storage order differs on QSB-065 alone.
    if (provider === "sqlite") assert.deepEqual(reordered, [], "the same chains in the same order");
    else assert.ok(reordered.every((id) => id === "QSB-065"), `only QSB-065's chains may change order: ${reordered.join(", ")}`);
    assert.ok(chains > 10, `the real data has relation chains (${chains})`);
    assert.ok((await getRelationChains(54)).some((c) => c.nodes.map((n) => n.id).join(" ") === "QSB-054 XSA-306 XSA-302 QSB-052"));
  });

  test("kept: the answer read afresh, the same object until the data changes", async () => {
    const kept = await readAll();
    assert.deepEqual(kept, await readAfresh());
    const first = await getDashboardStats();
    assert.equal(await getDashboardStats(), first, "kept, not read again");
    assert.equal(await listNotAffectedByYear(), await listNotAffectedByYear());
    assert.ok(kept.notAffected.total > 0 && kept.dosOnly.total > 0 && kept.announcements.length > 100);
  });

  test("a data change (the data version bumped, as a sync that wrote does) is read again", async () => {
    const before = await readAll();
    // XSA-484: "not affected" (denial of service only) in the real data; now affected, with its posts gone; QSB-012 revised.
    await t.db.advisory.update({ where: { number: 484 }, data: { qubesAffected: "yes" } });
    await t.db.postAdvisory.deleteMany({ where: { advisoryNumber: 484 } });
    await t.db.bulletin.update({ where: { number: 12 }, data: { updatedAt: new Date("2031-01-01T00:00:00Z") } });
    await markDataChanged(t.db);
    const changed = await readAll();
    assert.deepEqual(changed, await readAfresh());
    assert.notDeepEqual(changed.stats, before.stats);
    assert.notDeepEqual(changed.notAffected, before.notAffected);
    assert.equal(changed.dosOnly.total, before.dosOnly.total - 1);
    // The feed's first page now holds QSB-012 (the page's items come in number order; the builder orders them).
    assert.ok(!before.feed[0]?.items.includes(12) && changed.feed[0]?.items.includes(12));
    assert.ok(!changed.announcements.some(([n]) => n === 484));
  });

  test("read ahead after a data change (warmKeptReads): what a page then reads is what was there when it ran", async () => {
    await markDataChanged(t.db);
    const afresh = await readAfresh();
    await markDataChanged(t.db);
    await warmKeptReads(HOUR);
    // Changed behind the kept reads' back (no data version bump): the reads kept ahead do not see it...
    await t.db.advisory.update({ where: { number: 306 }, data: { qubesAffected: "no" } });
    await t.db.bulletin.update({ where: { number: 13 }, data: { updatedAt: new Date("2032-01-01T00:00:00Z") } });
    const kept = await readAll();
    assert.deepEqual(kept.stats, afresh.stats);
    assert.deepEqual(kept.notAffected, afresh.notAffected);
    assert.deepEqual(kept.feed, afresh.feed);
    assert.deepEqual(kept.advisoryFeed, afresh.advisoryFeed);
    // ...and the next data version is read again.
    await markDataChanged(t.db);
    const changed = await readAll();
    assert.notDeepEqual(changed.stats, afresh.stats);
    assert.ok(changed.feed[0]?.items.includes(13));
    assert.deepEqual(changed, await readAfresh());
  });

  test("a new sync run, even one that changed nothing, is read again", async () => {
    const before = await getSyncStatus();
    await recordUnchangedRun(t.db, { startedAt: new Date(), secpackSource: "/tmp/secpack", trackerSource: "none", qsbIndexSource: "none", xenIndexSource: "none", counts: {}, secpackCommit: null, warningCount: 0 });
    const after = await getSyncStatus();
    assert.notDeepEqual(after, before);
    assert.equal(after.lastOk?.result, "unchanged");
    assert.deepEqual(await readAll(), await readAfresh());
  });

  test("kept per name (keptForDataEach): each name read once for the data, again after a change, and the group started over once past its weight", async () => {
    const reads: string[] = [];
    const read = (name: string) => {
      reads.push(name);
      return Promise.resolve(name.length);
    };
    const each = (names: string[]) => keptForDataEach("test-group", names, read, (n) => n, 10);
    assert.deepEqual(await each(["ab", "cde", "ab"]), [2, 3, 2]);
    assert.deepEqual(await each(["cde", "ab"]), [3, 2]);
    assert.deepEqual(reads, ["ab", "cde"], "one read a name, kept");
    await markDataChanged(t.db);
    await each(["ab"]);
    assert.deepEqual(reads, ["ab", "cde", "ab"], "read again for the new data");
    // "ab" weighs 1 + 2; past 10 the group starts again: "ab" is read again after two more.
    await each(["cdefgh", "ijk"]);
    await each(["xy", "ab"]);
    assert.deepEqual(reads.slice(3), ["cdefgh", "ijk", "xy", "ab"]);
    const failing = () => Promise.reject(new Error("the database is gone"));
    await assert.rejects(keptForDataEach("test-failing", ["x"], failing, () => 0, 10));
    assert.deepEqual(await keptForDataEach("test-failing", ["x"], read, (n) => n, 10), [1], "a failed read is not kept");
  });
});
