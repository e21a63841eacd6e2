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
    // The rest of the figures, as they were counted before they came from one query.
    const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
    assert.deepEqual(stats.bulletinSignatureStatus, tally(bulletins.map((b) => b.signatureStatus)));
    const signatures = await t.db.signature.findMany({ select: { status: true, weakHash: true } });
    assert.ok(signatures.length > 200);
    assert.deepEqual(stats.signatures, tally(signatures.map((s) => s.status)));
    assert.equal(stats.weakHashSignatures, signatures.filter((s) => s.weakHash).length);
    assert.ok(stats.weakHashSignatures > 0);
    const warnings = await t.db.warning.findMany({ orderBy: { id: "asc" }, select: { kind: true, message: true, bulletinNumber: true, advisoryNumber: true } });
    assert.equal(stats.parseWarnings, warnings.filter((w) => w.kind === "parse" || w.kind === "source").length);
    assert.deepEqual(stats.disagreements, warnings.filter((w) => w.kind === "audit").slice(0, DISAGREEMENT_PREVIEW).map(({ kind: _kind, ...w }) => w));
    const bulletinYears = bulletins.map((b) => Number(b.date?.slice(0, 4))).filter((y) => y > 0);
    const from = Math.min(...bulletinYears);
    const span = Array.from({ length: Math.max(...bulletinYears) - from + 1 }, (_, i) => from + i);
    assert.deepEqual(stats.bulletinsPerYear, span.map((y) => ({ year: y, count: bulletinYears.filter((x) => x === y).length })));
    assert.equal(stats.affectingPercent, Math.round((stats.xsasAffectingQubes / stats.xsasPublished) * 1000) / 10);
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
