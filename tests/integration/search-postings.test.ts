// Each search word's bulletins, kept across syncs (lib/queries/search-postings.ts),
// are what reading them afresh gives, on the real data and on both
// databases: after a data change that touched no bulletin (kept as they
// were, not read again) and after bulletins were changed, added and removed
// (patched with those alone).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { forgetKeptData } from "@/lib/queries/data-memo";
import { bulletinPostings } from "@/lib/queries/search-postings";
import { describeEachDatabase, markDataChanged, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { QSB_DIR, realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

describeEachDatabase("search postings carried across syncs, on the real data", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(() => t.cleanup());

  // Words of a real bulletin, short ones (no index), one with a letter the database may not lower, one found nowhere yet.
  const words = [
    ...new Set(readFileSync(path.join(QSB_DIR, "qsb-054-2019.txt"), "utf8").toLowerCase().match(/[a-z]{3,}/g) ?? []),
  ].slice(0, 40);
  words.push("de", "xen", "pci", "quarantine", "zebracorn", "ünïcode");

  async function afresh(): Promise<string> {
    forgetKeptData();
    return JSON.stringify(await bulletinPostings(words));
  }

  test("a data change that touched no bulletin keeps every word's postings as they were", async () => {
    const kept = await bulletinPostings(words);
    await t.db.advisory.update({ where: { number: 306 }, data: { title: "Device quarantine for alternate pci assignment methods" } });
    await markDataChanged(t.db);
    const carried = await bulletinPostings(words);
    assert.ok(carried.every((postings, i) => postings === kept[i]), "the same lists, not read again");
    assert.equal(JSON.stringify(carried), await afresh());
  });

  test("bulletins changed, added and removed: each word's postings patched with them equal a fresh read", async () => {
    const before = await bulletinPostings(words);
    assert.ok((before[words.indexOf("quarantine")]?.length ?? 0) > 0);
    const qsb54 = await t.db.bulletin.findUniqueOrThrow({ where: { number: 54 } });
    // A new text (the sha256 as a sync would set it), a title alone, a bulletin gone, a new one.
    await t.db.bulletin.update({ where: { number: 54 }, data: { rawText: `${qsb54.rawText}\nZebracorn quarantine, de novo.\n`, sha256: "0".repeat(64) } });
    await t.db.bulletin.update({ where: { number: 52 }, data: { title: "Zebracorn: PCI passthrough" } });
    await t.db.bulletin.delete({ where: { number: 1 } });
    await t.db.bulletin.create({
      data: { number: 998, fileName: "qsb-998-2026.txt", sourcePath: "QSBs/qsb-998-2026.txt", date: "2026-12-01", title: "Ünïcode quarantine", rawText: "Xen PCI device quarantine, zebracorn.", sha256: "1".repeat(64) },
    });
    await markDataChanged(t.db);
    const carried = await bulletinPostings(words);
    const numbers = (word: string) => carried[words.indexOf(word)]?.map((p) => p.number) ?? [];
    assert.deepEqual(numbers("zebracorn"), [52, 54, 998]);
    assert.ok(!numbers("xen").includes(1) && numbers("xen").includes(998));
    assert.equal(JSON.stringify(carried), await afresh());
    // A word's lists that the change did not touch are equal too (the patch keeps their order by number).
    const unchanged = words.findIndex((w, i) => JSON.stringify(before[i]) === JSON.stringify(carried[i]) && (before[i]?.length ?? 0) > 0);
    assert.ok(unchanged >= 0);
  });
});
