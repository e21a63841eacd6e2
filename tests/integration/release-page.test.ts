// A release's page stays the same size however many bulletins name it: its
// bulletin list is paged, on the real data (R4.0 has more than a page).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getRelease, RELEASE_PAGE_SIZE } from "@/lib/queries/releases";
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
});
