// Search by the reason the Qubes news gives for an XSA not affecting Qubes:
// the database picks the candidate XSAs (every ASCII word as a substring of a
// post's reason or feature) instead of every announcement being read for
// every query; the results are those of reading them all, on the real posts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { listAdvisoryAnnouncements, searchAdvisoryReasons } from "@/lib/queries/announcements";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

/** The search before the database picked candidates: every announcement read and checked. */
async function everyAnnouncement(words: string[]) {
  const lower = words.map((w) => w.toLowerCase()).filter(Boolean);
  if (lower.length === 0) return [];
  const all = await listAdvisoryAnnouncements();
  return [...all]
    .filter(([, a]) => a.reason && lower.every((w) => (a.reason ?? "").toLowerCase().includes(w) || (a.feature ?? "").toLowerCase().includes(w)))
    .sort((x, y) => y[0] - x[0])
    .map(([number, a]) => ({ number, reason: a.reason ?? "", category: a.category }));
}

describeEachDatabase("search by the news' reasons, on the real data", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(() => t.cleanup());

  test("the same XSAs, reasons and order as reading every announcement", async () => {
    const reasons = (await t.db.postAdvisory.findMany({ where: { reason: { not: null } }, select: { reason: true, feature: true } })).map((r) => `${r.reason} ${r.feature ?? ""}`);
    assert.ok(reasons.length > 50, `${reasons.length} reasons in the posts`);
    const words = [...new Set(reasons.join(" ").toLowerCase().match(/[a-z0-9]{2,}/g) ?? [])].slice(0, 120);
    const queries = [
      ...words.map((w) => [w]),
      ...words.slice(0, 30).map((w, i) => [w, words[(i * 7 + 3) % words.length] ?? "xen"]),
      ["oxenstored"], ["shadow", "paging"], ["Denial", "OF"], ["x86"], ["arm"], ["pv"], ["100%"], ["a_b"], ["it's"], ["корень"], ["xen", "корень"], ["zzzqqq"],
    ];
    let matched = 0;
    for (const q of queries) {
      const got = (await searchAdvisoryReasons(q)).map(({ number, reason, category }) => ({ number, reason, category }));
      assert.deepEqual(got, await everyAnnouncement(q), `query ${JSON.stringify(q)}`);
      if (got.length) matched++;
    }
    assert.ok(matched > 50, `${matched} of ${queries.length} queries match some reason`);
  });
});
