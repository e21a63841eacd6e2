// The search through the FTS5 index gives the results of the scan it
// replaced, on the real data: the scan (the previous implementation, kept
// here as the reference) and the index answer the same queries alike.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { searchAll, type SearchResult } from "@/lib/queries/search";
import { markSnippet } from "@/lib/text/snippet";
import { describeEachDatabase, markDataChanged, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { QSB_DIR, realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

/** The search before the index: every bulletin and advisory read, every word looked for in each. */
async function scan(t: AnyTestDatabase, words: string[]): Promise<Pick<SearchResult, "id" | "why" | "snippet">[]> {
  const [bulletins, advisories] = await Promise.all([
    t.db.bulletin.findMany({ select: { number: true, title: true, date: true, rawText: true } }),
    t.db.advisory.findMany({ where: { title: { not: null } }, select: { number: true, title: true, date: true } }),
  ]);
  const lower = words.map((w) => w.toLowerCase());
  const count = (haystack: string, needle: string) => {
    let n = 0;
    for (let i = haystack.indexOf(needle); i >= 0 && n < 1000; i = haystack.indexOf(needle, i + needle.length)) n++;
    return n;
  };
  const snippet = (text: string) => {
    const at = Math.min(...lower.map((w) => text.toLowerCase().indexOf(w)).filter((i) => i >= 0));
    if (!Number.isFinite(at)) return null;
    const start = Math.max(0, at - 80);
    const end = Math.min(text.length, at + 120);
    return `${start > 0 ? "…" : ""}${text.slice(start, end).replace(/\s+/g, " ").trim()}${end < text.length ? "…" : ""}`;
  };
  const quoted = words.map((w) => `“${w}”`).join(" and ");
  const scored: { id: string; why: string; snippet: string | null; score: number; date: string }[] = [];
  for (const b of bulletins) {
    const title = (b.title ?? "").toLowerCase();
    const body = b.rawText.toLowerCase();
    if (!lower.every((w) => title.includes(w) || body.includes(w))) continue;
    const inTitle = lower.filter((w) => title.includes(w));
    scored.push({
      id: `QSB-${String(b.number).padStart(3, "0")}`,
      why: inTitle.length === lower.length ? `has ${quoted} in its title` : `has ${quoted} in its title or text`,
      snippet: snippet(b.rawText),
      score: inTitle.length * 1000 + lower.reduce((n, w) => n + Math.min(count(body, w), 50), 0),
      date: b.date ?? "",
    });
  }
  for (const a of advisories) {
    if (!lower.every((w) => (a.title ?? "").toLowerCase().includes(w))) continue;
    scored.push({ id: `XSA-${a.number}`, why: `has ${quoted} in its title`, snippet: null, score: 1000 * lower.length - 1, date: a.date ?? "" });
  }
  return scored
    .sort((x, y) => y.score - x.score || y.date.localeCompare(x.date))
    .slice(0, 100)
    .map(({ id, why, snippet: s }) => ({ id, why, snippet: markSnippet(s, lower) }));
}

describeEachDatabase("search by index, on the real data", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
    // Titles for some advisories, as Xen's index would give (the fixtures have none).
    await t.db.advisory.update({ where: { number: 306 }, data: { title: "Device quarantine for alternate pci assignment methods" } });
    await t.db.advisory.update({ where: { number: 302 }, data: { title: "passed through PCI devices may corrupt host memory after deassignment" } });
    // The news posts' "not affected" reasons are searched apart from the index (and listed first): this file compares the index with the scan it replaced.
    await t.db.postAdvisory.deleteMany();
  });
  after(() => t.cleanup());

  // Words from a real bulletin, and spellings the scan handled: case, short words, quotes, punctuation, no match.
  const words = [...new Set(readFileSync(path.join(QSB_DIR, "qsb-054-2019.txt"), "utf8").toLowerCase().match(/[a-z]{3,}/g) ?? [])].slice(0, 60);
  const queries = [
    ...words.map((w) => [w]),
    ...words.slice(0, 20).map((w, i) => [w, words[(i * 7 + 3) % words.length] ?? "xen"]),
    ["Xen"], ["XSA"], ["pci"], ["ineffective"], ["PCI", "passthrough"], ["de"], ["a", "xen"], ["it's"], ['"quoted'], ["dom0:"], ["4.8.5-13"], ["zzzqqq"], ["device", "quarantine"], ["корень"],
  ];

  test(`${queries.length} queries: the same results, order, reasons and snippets as the scan`, async () => {
    for (const q of queries) {
      const outcome = await searchAll(q.join(" "));
      assert.equal(outcome.interpretation, "text", q.join(" "));
      const got = outcome.results.map(({ id, why, snippet }) => ({ id, why, snippet }));
      // searchAll lowercases the query before it splits it into words, as it did before the index.
      const expected = await scan(t, q.join(" ").toLowerCase().split(/\s+/).filter(Boolean));
      const at = got.findIndex((g, i) => JSON.stringify(g) !== JSON.stringify(expected[i]));
      assert.ok(at < 0 && got.length === expected.length, `query ${JSON.stringify(q.join(" "))}: ${got.length} results, the scan ${expected.length}; first difference at ${at}: ${JSON.stringify(got[at])} against ${JSON.stringify(expected[at])}`);
    }
  });

  test("a search finds a bulletin written after the index was built, and forgets a removed one", async () => {
    // Written as a sync writes, which moves the data version: each word's bulletins are kept for the data (lib/queries/data-memo.ts).
    await t.db.bulletin.update({ where: { number: 54 }, data: { title: "Zebracorn quarantine" } });
    await markDataChanged(t.db);
    assert.deepEqual((await searchAll("zebracorn")).results.map((r) => r.id), ["QSB-054"]);
    await t.db.bulletin.delete({ where: { number: 1 } });
    await markDataChanged(t.db);
    assert.equal((await searchAll("gui daemon")).results.some((r) => r.id === "QSB-001"), false);
  });
});
