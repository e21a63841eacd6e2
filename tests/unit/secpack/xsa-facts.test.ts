// XSA titles and CVE IDs quoted by the bulletins (lib/secpack/parse/xsa-facts.ts),
// on the real texts, and how the build step merges them with Xen's index.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { buildRecords, type BulletinInput } from "@/lib/secpack/build";
import { parseBulletin } from "@/lib/secpack/parse-bulletin";
import { QSB_DIR, realData } from "../../helpers/fixtures";

function parsed(file: string) {
  return parseBulletin(readFileSync(path.join(QSB_DIR, file), "utf8"), file);
}

describe("XSA facts quoted by the real bulletins", realData, () => {
  test("QSB-115 quotes XSA-491's title and CVE, with their lines", () => {
    const p = parsed("qsb-115-2026.txt");
    assert.deepEqual(p.xsaTitles, [{ xsa: 491, title: "x86 HVM I/O port list traversal", line: 19 }]);
    assert.deepEqual(p.xsaCves, [{ xsa: 491, cve: "CVE-2026-42487", line: 20 }]);
  });

  test("QSB-054 quotes XSA-306's title; QSB-055's list style gives title and CVE", () => {
    assert.deepEqual(parsed("qsb-054-2019.txt").xsaTitles, [{ xsa: 306, title: "Device quarantine for alternate pci assignment methods", line: 21 }]);
    const p = parsed("qsb-055-2019.txt");
    assert.deepEqual(p.xsaTitles.map((t) => [t.xsa, t.title]), [
      [310, "Further issues with restartable PV type change operations"],
      [311, "Bugs in dynamic height handling for AMD IOMMU pagetables"],
    ]);
    assert.deepEqual(p.xsaCves.map((c) => [c.xsa, c.cve, c.line]), [
      [310, "CVE-2019-19580", 17],
      [311, "CVE-2019-19577", 27],
    ]);
  });

  test("CVEs inside a quoted description belong to the one XSA its introduction names", () => {
    const p = parsed("qsb-074-2021.txt");
    assert.deepEqual(p.xsaCves.map((c) => `${c.xsa}:${c.cve}`), [
      "388:CVE-2021-28704",
      "388:CVE-2021-28707",
      "388:CVE-2021-28708",
      "389:CVE-2021-28705",
      "389:CVE-2021-28709",
    ]);
  });

  test("`CVE / XSA` pairs of the older formats", () => {
    assert.deepEqual(parsed("qsb-016-2015.txt").xsaCves, [
      { xsa: 121, cve: "CVE-2015-2044", line: 18 },
      { xsa: 122, cve: "CVE-2015-2045", line: 28 },
    ]);
    assert.deepEqual(parsed("qsb-049-2019.txt").xsaCves.map((c) => c.cve), ["CVE-2018-12126", "CVE-2018-12127", "CVE-2018-12130", "CVE-2019-11091"]);
  });

  test("CVEs that are not an XSA's are left alone (RPM, Intel, a Linux report)", () => {
    for (const file of ["qsb-067-2021.txt", "qsb-076-2022.txt", "qsb-056-2019.txt"]) {
      assert.deepEqual(parsed(file).xsaCves, [], file);
    }
  });

  test("over every bulletin: 69 titles and 50 CVEs, each XSA's title given once per bulletin", () => {
    let titles = 0;
    let cves = 0;
    for (const file of readdirSync(QSB_DIR).filter((f) => /^qsb-\d{3}-\d{4}\.txt$/.test(f))) {
      const p = parsed(file);
      titles += p.xsaTitles.length;
      cves += p.xsaCves.length;
      assert.equal(new Set(p.xsaTitles.map((t) => t.xsa)).size, p.xsaTitles.length, file);
      for (const t of p.xsaTitles) assert.doesNotMatch(t.title, /["\n]|\s{2}/, file);
    }
    assert.equal(titles, 69);
    assert.equal(cves, 50);
  });
});

describe("quoted XSA facts in synthetic texts", () => {
  const text = (body: string) => `Qubes Security Bulletin #900\n\nSummary\n========\n\n${body}\n`;

  test("a quotation introduced by two XSAs gives its CVEs to neither", () => {
    const p = parseBulletin(text("XSA-1 and XSA-2 were published:\n\n| A bug (CVE-2020-0001).\n"), "qsb-900-2030.txt");
    assert.deepEqual(p.xsaCves, []);
  });

  test("an introduction that does not end in a colon owns no quotation", () => {
    const p = parseBulletin(text("See XSA-7 for details.\n\n| A bug (CVE-2020-0002).\n"), "qsb-900-2030.txt");
    assert.deepEqual(p.xsaCves, []);
  });

  test("a title spread over two lines is read whole, at the XSA's line", () => {
    const p = parseBulletin(text('On 2030-01-01, the Xen Project published XSA-900, "A long\ntitle over lines" [1]:\n\n| It is bad (CVE-2030-12345).\n'), "qsb-900-2030.txt");
    assert.deepEqual(p.xsaTitles, [{ xsa: 900, title: "A long title over lines", line: 6 }]);
    assert.deepEqual(p.xsaCves, [{ xsa: 900, cve: "CVE-2030-12345", line: 9 }]);
  });
});

describe("the build step: Xen's index first, the bulletins where it is silent", () => {
  const bulletin = (number: number, xsaTitles: BulletinInput["parsed"]["xsaTitles"], xsaCves: BulletinInput["parsed"]["xsaCves"]): BulletinInput => ({
    number,
    fileName: `qsb-${number}-2030.txt`,
    sourcePath: `QSBs/qsb-${number}-2030.txt`,
    year: 2030,
    rawText: "",
    sha256: "",
    fileWarnings: [],
    parsed: { ...parseBulletin("", "x.txt"), warnings: [], number, advisories: [{ xsa: 900, relation: "covers" }], xsaTitles, xsaCves },
  });
  const bulletins = [
    bulletin(10, [{ xsa: 900, title: "Quoted title", line: 5 }], [{ xsa: 900, cve: "CVE-2030-0001", line: 6 }]),
    bulletin(11, [{ xsa: 900, title: "Another title", line: 9 }], [{ xsa: 900, cve: "CVE-2030-0002", line: 9 }]),
  ];

  test("without Xen's index, the earliest bulletin's title and every quoted CVE, with bulletin and line", () => {
    const build = buildRecords({ bulletins, tracker: [], index: [], xen: null });
    const a = build.advisories.find((x) => x.number === 900);
    assert.equal(a?.title, "Quoted title");
    assert.deepEqual(a?.titleOrigin, { source: "bulletin", bulletinNumber: 10, line: 5 });
    assert.deepEqual(a?.cves, [
      { cve: "CVE-2030-0001", source: "bulletin", bulletinNumber: 10, line: 6 },
      { cve: "CVE-2030-0002", source: "bulletin", bulletinNumber: 11, line: 9 },
    ]);
    assert.ok(build.warnings.some((w) => w.kind === "audit" && /QSB-011 \(line 9\) quotes XSA-900's title as “Another title”, QSB-010 \(line 5\) as “Quoted title”/.test(w.message)));
  });

  test("Xen's index takes precedence, and where the bulletins say otherwise it goes in the audit", () => {
    const build = buildRecords({ bulletins, tracker: [], index: [], xen: [{ xsa: 900, title: "Xen's title", date: "2030-01-01", cves: ["CVE-2030-0001"] }] });
    const a = build.advisories.find((x) => x.number === 900);
    assert.equal(a?.title, "Xen's title");
    assert.deepEqual(a?.titleOrigin, { source: "xen-index", bulletinNumber: null, line: null });
    assert.deepEqual(a?.cves, [{ cve: "CVE-2030-0001", source: "xen-index", bulletinNumber: null, line: null }]);
    const audit = build.warnings.filter((w) => w.advisoryNumber === 900).map((w) => w.message);
    assert.ok(audit.includes("Xen's index titles XSA-900 “Xen's title”; QSB-010 (line 5) quotes “Quoted title”"), audit.join("\n"));
    assert.ok(audit.includes("QSB-011 (line 9) gives CVE-2030-0002 for XSA-900, which Xen's index does not list for it"), audit.join("\n"));
    assert.ok(!audit.some((m) => m.includes("CVE-2030-0001")));
  });
});
