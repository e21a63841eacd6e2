import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test, { describe } from "node:test";
import { SourceError } from "@/lib/secpack/errors";
import { parseQsbIndex, parseXenIndex, parseXsaTracker } from "@/lib/secpack/parse-website";
import { QSB_INDEX_FILE, XSA_TRACKER_FILE, realData } from "../../helpers/fixtures";

describe("XSA tracker", () => {
  test("reads verdicts, dates and covering QSBs", () => {
    const { entries, warnings } = parseXsaTracker(
      [
        "- xsa: 79",
        "  date: 2013-11-20",
        "  affected: no",
        "  unused: yes",
        "- xsa: 306",
        "  date: 2019-11-26",
        "  affected: yes",
        "  qsb: 054-2019",
        "- xsa: 307",
        "  date: 2019-12-11",
        "  affected: no",
        "- xsa: 308",
        "  date: 2019-12-11",
      ].join("\n"),
      "t.yml",
    );
    assert.deepEqual(entries, [
      { xsa: 79, date: "2013-11-20", verdict: "unused", qsb: null, qsbRef: null },
      { xsa: 306, date: "2019-11-26", verdict: "yes", qsb: 54, qsbRef: "054-2019" },
      { xsa: 307, date: "2019-12-11", verdict: "no", qsb: null, qsbRef: null },
      { xsa: 308, date: "2019-12-11", verdict: "unknown", qsb: null, qsbRef: null },
    ]);
    assert.match(warnings[0] ?? "", /XSA-308 has no yes\/no "affected" value/);
  });

  test("a YAML file that is not a tracker is an error naming the file", () => {
    for (const text of ["title: hello\nlayout: page\n", "- qsb: '001'\n  title: x\n", "[1, 2, 3]", "", ": : :\n\t- ["]) {
      assert.throws(
        () => parseXsaTracker(text, "/tmp/not-a-tracker.yml"),
        (error: unknown) => error instanceof SourceError && /not-a-tracker\.yml/.test(error.message),
        `accepted ${JSON.stringify(text)}`,
      );
    }
  });

  test("one bad entry is a warning, not fatal", () => {
    const { entries, warnings } = parseXsaTracker("- xsa: 1\n  date: 2011-03-14\n  affected: no\n- xsa: oops\n- xsa: 1\n  affected: yes\n", "t.yml");
    assert.equal(entries.length, 1);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? "", /entry 2 has no valid xsa number/);
    assert.match(warnings[1] ?? "", /XSA-1 appears more than once/);
  });

  test("the real tracker: 502 entries, every verdict", realData, () => {
    const { entries, warnings } = parseXsaTracker(readFileSync(XSA_TRACKER_FILE, "utf8"), XSA_TRACKER_FILE);
    assert.equal(entries.length, 502);
    assert.deepEqual(warnings, []);
    const count = (v: string) => entries.filter((e) => e.verdict === v).length;
    assert.equal(count("unused"), 10);
    assert.equal(count("yes"), 121);
    assert.equal(count("no"), 371);
    assert.deepEqual(entries.find((e) => e.xsa === 302), { xsa: 302, date: "2019-10-31", verdict: "yes", qsb: 52, qsbRef: "052-2019" });
  });
});

describe("QSB index", () => {
  test("the real index: 116 bulletins, each with a title and a date", realData, () => {
    const { entries, warnings } = parseQsbIndex(readFileSync(QSB_INDEX_FILE, "utf8"), QSB_INDEX_FILE);
    assert.deepEqual(warnings, []);
    assert.equal(entries.length, 116);
    assert.deepEqual(entries.map((e) => e.number), Array.from({ length: 116 }, (_, i) => i + 1));
    assert.ok(entries.every((e) => e.title && /^\d{4}-\d{2}-\d{2}$/.test(e.date ?? "")));
    assert.deepEqual(entries[53], { number: 54, title: "Xen fix for XSA-302 found ineffective in Qubes configuration (XSA-306)", date: "2019-11-26" });
  });

  test("a tracker is not an index", realData, () => {
    assert.throws(() => parseQsbIndex(readFileSync(XSA_TRACKER_FILE, "utf8"), XSA_TRACKER_FILE), /is not a QSB index/);
  });
});

describe("Xen XSA index", () => {
  const sample = JSON.stringify([
    {
      xsas: [
        { xsa: "26", title: "Grant table hypercall acquire/release imbalance", public_time: "2012-12-03 17:51", version: 3, cve: ["CVE-2012-5510"], files: [] },
        { xsa: "306", title: "Device quarantine for alternate pci assignment methods", public_time: "2019-11-26 12:00", version: 2, cve: ["CVE-2019-19579"], files: [] },
        { xsa: "xx", title: "broken" },
        { xsa: "500", title: "", public_time: "", cve: ["not-a-cve"] },
      ],
    },
  ]);

  test("reads titles, dates and CVEs", () => {
    const { entries, warnings } = parseXenIndex(sample, "xsa.json");
    assert.deepEqual(entries, [
      { xsa: 26, title: "Grant table hypercall acquire/release imbalance", date: "2012-12-03", cves: ["CVE-2012-5510"] },
      { xsa: 306, title: "Device quarantine for alternate pci assignment methods", date: "2019-11-26", cves: ["CVE-2019-19579"] },
      { xsa: 500, title: null, date: null, cves: [] },
    ]);
    assert.equal(warnings.length, 1);
  });

  test("JSON of another shape is an error", () => {
    assert.throws(() => parseXenIndex("{\"a\": 1}", "x.json"), /x\.json is not Xen's XSA index/);
    assert.throws(() => parseXenIndex("not json", "x.json"), /x\.json is not valid JSON/);
  });
});
