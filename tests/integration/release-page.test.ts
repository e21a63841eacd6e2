// A release's page stays the same size however many bulletins name it: its
// bulletin list is paged, on the real data (R4.0 has more than a page).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { computeMinimumVersions, getRelease, listReleases, RELEASE_PAGE_SIZE } from "@/lib/queries/releases";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

describeEachDatabase("a release's bulletins, a page at a time", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(() => t.cleanup());

  test("every bulletin naming R4.0 once over the pages, newest first; a page out of range is the last", async () => {
    const named = await t.db.fix.findMany({ where: { releaseName: "4.0" }, select: { bulletinNumber: true }, distinct: ["bulletinNumber"] });
    const expected = named.map((f) => f.bulletinNumber).sort((a, b) => b - a);
    assert.ok(expected.length > RELEASE_PAGE_SIZE, `R4.0 has ${expected.length} bulletins, more than a page`);
    const first = await getRelease("4.0");
    assert.ok(first);
    assert.equal(first.bulletinCount, expected.length);
    assert.equal(first.page, 1);
    assert.equal(first.pages, Math.ceil(expected.length / RELEASE_PAGE_SIZE));
    assert.equal(first.bulletins.length, RELEASE_PAGE_SIZE);
    const seen: number[] = [];
    for (let page = 1; page <= first.pages; page++) seen.push(...(await getRelease("4.0", page))!.bulletins.map((b) => b.number));
    assert.deepEqual(seen, expected);
    assert.deepEqual((await getRelease("4.0", 999))!.bulletins, (await getRelease("4.0", first.pages))!.bulletins);
    // The minimum versions still come from every bulletin, not only the page's.
    assert.deepEqual((await getRelease("4.0", 2))!.minimumVersions, first.minimumVersions);
  });

  test("the minimum versions the sync stored equal the ones computed from every fix, for every release", async () => {
    const releases = await t.db.release.findMany({ select: { name: true } });
    let compared = 0;
    for (const { name } of releases) {
      const stored = await t.db.releaseMinimum.count({ where: { releaseName: name } });
      const computed = await computeMinimumVersions(name);
      assert.equal(stored, computed.length, `R${name}: ${stored} stored rows, ${computed.length} computed`);
      assert.deepEqual((await getRelease(name))!.minimumVersions, computed, `R${name}`);
      compared += computed.length;
    }
    assert.ok(compared > 50, `${compared} package minimums compared`);
    // Not only one-branch rows: some package on R4.2 can be on one of several branches.
    assert.ok((await getRelease("4.2"))!.minimumVersions.some((m) => m.branches.length > 1), "a package with several branches on R4.2");
  });

  test("a database synced before the minimums were stored: the page computes them from the fixes", async () => {
    const before = (await getRelease("4.1"))!.minimumVersions;
    await t.db.releaseMinimum.deleteMany({ where: { releaseName: "4.1" } });
    assert.deepEqual((await getRelease("4.1"))!.minimumVersions, before);
    assert.ok(before.length > 0);
  });

  test("/releases: each release's bulletin and fix counts and newest bulletin, counted in the database, equal those of its fixes", async () => {
    const fixes = await t.db.fix.findMany({ select: { releaseName: true, bulletinNumber: true, bulletin: { select: { date: true } } } });
    const summaries = await listReleases();
    assert.ok(summaries.length >= 5);
    for (const r of summaries) {
      const own = fixes.filter((f) => f.releaseName === r.name);
      const numbers = [...new Set(own.map((f) => f.bulletinNumber))];
      const newest = numbers.length ? Math.max(...numbers) : null;
      assert.equal(r.fixes, own.length, `R${r.name} fixes`);
      assert.equal(r.bulletins, numbers.length, `R${r.name} bulletins`);
      assert.deepEqual(r.latest && { number: r.latest.number, date: r.latest.date }, newest === null ? null : { number: newest, date: own.find((f) => f.bulletinNumber === newest)!.bulletin.date }, `R${r.name} latest`);
    }
  });

  test("a release is found by its exact stored name, with its support worked out from every release", async () => {
    for (const missing of ["9.9", "4", "r4.2", " 4.2"]) assert.equal(await getRelease(missing), null, missing);
    const release = await getRelease("4.3", 1, "2026-12-01");
    assert.equal(release?.name, "4.3");
    assert.equal(release?.support.status, "supported");
    assert.equal((await getRelease("4.0", 1, "2026-12-01"))?.support.moveTo, "4.3");
  });
});
