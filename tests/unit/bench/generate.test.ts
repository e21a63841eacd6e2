import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { copiedName, generateDataSet, scaleXsaTracker, touchedTracker } from "@/scripts/bench/generate";
import { FIXTURES_DIR, QSB_DIR, realData } from "../../helpers/fixtures";

test("copies get numbers past the real ones, and keep their signatures' names", () => {
  assert.equal(copiedName("qsb-054-2019.txt", 1, 116), "qsb-170-2019.txt");
  assert.equal(copiedName("qsb-054-2019.txt.sig.marmarek", 9, 116), "qsb-1098-2019.txt.sig.marmarek");
  assert.equal(copiedName("qsb-001-2011.txt.sign.joanna", 2, 116), "qsb-233-2011.txt.sign.joanna");
  assert.equal(copiedName("qsb-template.txt", 1, 116), null);
});

test("the tracker grows to the asked number of XSAs; a copy's QSB is the same copy of the bulletin", () => {
  const text = "- xsa: 1\n  date: 2011-03-14\n  affected: no\n- xsa: 2\n  affected: yes\n  qsb: 054-2019\n";
  const out = parse(scaleXsaTracker(text, 5, 116)) as { xsa: number; qsb?: string }[];
  assert.deepEqual(out.map((e) => e.xsa), [1, 2, 3, 4, 5]);
  assert.equal(out[3]?.qsb, "170-2019");
  assert.equal(out[4]?.qsb, undefined);
});

test("every touch of a tracker changes it, whichever data set was touched before", () => {
  const text = "- xsa: 1\n  date: 2011-03-14\n  affected: no\n";
  const once = touchedTracker(text);
  assert.notEqual(once, text);
  const twice = touchedTracker(once);
  assert.notEqual(twice, once);
  assert.equal(twice, text);
  // Another data set touched in between does not matter: each toggles on its own text.
  assert.notEqual(touchedTracker(touchedTracker(text)), touchedTracker(text));
  assert.throws(() => touchedTracker("- xsa: 2\n", "x.yml"), /x\.yml: no date for XSA-1/);
});

test("the 10x data set from the real one: 1,160 bulletins with their signatures, 5,000 XSAs, same bytes", realData, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "generate-test-"));
  try {
    const data = generateDataSet(FIXTURES_DIR, dir, 10, 5000);
    assert.equal(data.bulletins, 1160);
    const names = readdirSync(path.join(data.secpack, "QSBs"));
    assert.equal(names.filter((n) => /^qsb-\d+-\d{4}\.txt$/.test(n)).length, 1160);
    assert.equal(names.filter((n) => /^qsb-.*\.sig\./.test(n)).length, readdirSync(QSB_DIR).filter((n) => /^qsb-.*\.sig\./.test(n)).length * 10);
    assert.deepEqual(readFileSync(path.join(data.secpack, "QSBs", "qsb-1098-2019.txt")), readFileSync(path.join(QSB_DIR, "qsb-054-2019.txt")));
    assert.equal((parse(readFileSync(data.xsaTracker, "utf8")) as unknown[]).length, 5000);
    assert.equal((parse(readFileSync(data.qsbIndex, "utf8")) as unknown[]).length, 1160);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
