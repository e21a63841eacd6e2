// The dashboard figures, counted in the database, against the same figures
// counted from every row (as the dashboard did before), on the real data.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DISAGREEMENT_PREVIEW, DISAGREEMENTS_PAGE_SIZE, getDashboardStats, listDisagreementsPage } from "@/lib/queries/stats";
import { listAdvisoryYears } from "@/lib/queries/advisories";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

describeEachDatabase("dashboard figures from the database", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(() => t.cleanup());

  test("the same figures as counting every row", async () => {
    const stats = await getDashboardStats();
    const advisories = await t.db.advisory.findMany({ where: { inTracker: true }, select: { date: true, qubesAffected: true } });
    const bulletins = await t.db.bulletin.findMany({ select: { date: true, signatureStatus: true } });
    const published = advisories.filter((a) => a.qubesAffected !== "unused");
    const years = advisories.map((a) => Number(a.date?.slice(0, 4))).filter((y) => y > 0);
    assert.equal(stats.xsasPublished, published.length);
    assert.equal(stats.xsasAffectingQubes, published.filter((a) => a.qubesAffected === "yes").length);
    assert.equal(stats.firstYear, Math.min(...years));
    assert.equal(stats.lastYear, Math.max(...years));
    assert.equal(stats.bulletins, 116);
    assert.equal(stats.bulletinSignatureStatus.verified, bulletins.filter((b) => b.signatureStatus === "verified").length);
    const perYear = stats.bulletinsPerYear.reduce((n, y) => n + y.count, 0);
    assert.equal(perYear, bulletins.filter((b) => Number(b.date?.slice(0, 4)) > 0).length);
    assert.equal(stats.bulletinsPerYear.find((y) => y.year === 2019)?.count, bulletins.filter((b) => b.date?.startsWith("2019")).length);
    const audit = await t.db.warning.count({ where: { kind: "audit" } });
    assert.equal(stats.disagreementCount, audit);
    assert.equal(stats.disagreements.length, Math.min(audit, DISAGREEMENT_PREVIEW));
    const allYears = [...new Set((await t.db.advisory.findMany({ select: { date: true } })).map((r) => Number(r.date?.slice(0, 4))).filter((y) => y > 0))].sort((a, b) => b - a);
    assert.deepEqual(await listAdvisoryYears(), allYears);
  });

  test("every disagreement over the pages of /disagreements, in order", async () => {
    const all = await t.db.warning.findMany({ where: { kind: "audit" }, orderBy: { id: "asc" }, select: { message: true } });
    const first = await listDisagreementsPage(undefined);
    assert.equal(first.total, all.length);
    const seen = [];
    for (let page = 1; page <= first.pages; page++) seen.push(...(await listDisagreementsPage(page)).items.map((d) => d.message));
    assert.deepEqual(seen, all.map((w) => w.message));
    assert.ok(first.items.length <= DISAGREEMENTS_PAGE_SIZE);
    // A page out of range is clamped, not an error.
    assert.equal((await listDisagreementsPage(999)).page, first.pages);
  });
});
