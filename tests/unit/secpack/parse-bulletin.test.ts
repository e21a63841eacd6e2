// Unit tests of the bulletin parser on short synthetic texts (no real data).
import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { parseBulletin } from "@/lib/secpack/parse-bulletin";
import { normPackageName, normRelease, parseItem, parseReleaseLine, splitNvr } from "@/lib/secpack/parse/fixes";
import { scanQsb, scanXsa } from "@/lib/secpack/parse/mentions";
import { parseDate } from "@/lib/secpack/parse/text";

const header = (n: string) => `\n             ---===[ Qubes Security Bulletin ${n} ]===---\n\n                              2019-11-26\n\n`;

function xsas(text: string): number[] {
  return scanXsa(text).flatMap((g) => g.numbers);
}

describe("header", () => {
  test("number from '#54', '54' and '#54]' headers; the file name agrees", () => {
    for (const h of ["#54", "54", "054"]) {
      const r = parseBulletin(`${header(h)}Some title\n\nSummary\n-------\n\ntext\n`, "qsb-054-2019.txt");
      assert.equal(r.number, 54);
      assert.deepEqual(r.warnings, []);
      assert.equal(r.title, "Some title");
      assert.equal(r.date, "2019-11-26");
    }
    const tight = parseBulletin("   ---===[ Qubes Security Bulletin #7]===---\n\n   June 21, 2013\n\nProblem\n-------\n");
    assert.equal(tight.number, 7);
    assert.equal(tight.date, "2013-06-21");
    assert.equal(tight.title, null);
  });

  test("header and file name disagree: the header wins, with a warning", () => {
    const r = parseBulletin(`${header("#55")}T\n\nSummary\n-------\n`, "qsb-054-2019.txt");
    assert.equal(r.number, 55);
    assert.deepEqual(r.warnings, [{ line: 2, message: "header says #55 but file name says 054" }]);
  });

  test("no header: number from the file name, with a warning; none without a file name", () => {
    const r = parseBulletin("Just some text about XSA-306.\n", "qsb-054-2019.txt");
    assert.equal(r.number, 54);
    assert.match(r.warnings[0]?.message ?? "", /^no 'Qubes Security Bulletin #N' header found/);
    assert.equal(parseBulletin("Just some text.\n").number, null);
  });

  test("a placeholder header has no number", () => {
    const r = parseBulletin("---===[ Qubes Security Bulletin TODO ]===---\n\nTODO\n\nTODO\n\nUser action\n----\n");
    assert.equal(r.number, null);
    assert.ok(r.warnings.some((w) => /has no bulletin number/.test(w.message)));
  });

  test("dates: only ones the text states, validated", () => {
    assert.equal(parseDate("May 12, 2011"), "2011-05-12");
    assert.equal(parseDate("May  8, 2018"), "2018-05-08");
    assert.equal(parseDate("2019-11-26"), "2019-11-26");
    assert.equal(parseDate("February 29, 2012"), "2012-02-29");
    assert.equal(parseDate("February 29, 2013"), null);
    assert.equal(parseDate("2019-13-01"), null);
    assert.equal(parseDate("TODO"), null);
  });

  test("a title wrapped over several lines is joined with spaces", () => {
    const r = parseBulletin(`${header("83")}   Retbleed\n\n     Arbitrary speculative\n     code execution (XSA-407)\n\nUser action\n-----\n`);
    assert.equal(r.title, "Retbleed Arbitrary speculative code execution (XSA-407)");
    assert.deepEqual(r.advisories, [{ xsa: 407, relation: "covers" }]);
  });
});

describe("advisory and bulletin mentions", () => {
  test("XSA spellings", () => {
    assert.deepEqual(xsas("XSA-306 and XSA 307 and XSA306"), [306, 307, 306]);
    assert.deepEqual(xsas("(XSA-299, XSA-302)"), [299, 302]);
    assert.deepEqual(xsas("XSA 52-54, XSA 57"), [52, 53, 54, 57]);
    assert.deepEqual(xsas("(XSA20-32 [1])").length, 13);
    assert.deepEqual(xsas("(XSA-226 through XSA-230)"), [226, 227, 228, 229, 230]);
    assert.deepEqual(xsas("Xen Security Advisories 260 through 262"), [260, 261, 262]);
    assert.deepEqual(xsas("Xen Security Advisory 263 (CVE-2018-3639 / XSA-263)"), [263, 263]);
    assert.deepEqual(xsas("(XSA 121 & 122)"), [121, 122]);
    assert.deepEqual(xsas("XSA 45,58 potential DoS"), [45, 58]);
    assert.deepEqual(xsas("advisories (XSA\n120 and 124, see [1])".replace("\n", " ")), [120, 124]);
    assert.deepEqual(xsas("https://xenbits.xen.org/xsa/advisory-302.html"), [302]);
    assert.deepEqual(xsas("XSA-xxx, XSAs, an XSA, QSB-052, CVE-2019-1234, XSA-306 on 2019-11-26"), [306]);
  });

  test("QSB spellings; the bulletin's own number is not listed", () => {
    const nums = (t: string) => scanQsb(t).map((q) => q.number);
    assert.deepEqual(nums("QSB #52, QSB-052, QSB 52, QSB #052, QSB18, Qubes Security Bulletin #12"), [52, 52, 52, 52, 18, 12]);
    assert.deepEqual(nums("https://github.com/QubesOS/qubes-secpack/blob/master/QSBs/qsb-052-2019.txt"), [52]);
    assert.deepEqual(nums("this QSB. QSBs are signed. QSB 2019"), []);
    const r = parseBulletin(`${header("#54")}T\n\nSummary\n-------\n\nSee QSB #52, QSB-053 and QSB #54.\n`);
    assert.deepEqual(r.bulletins, [52, 53]);
  });

  test("XSAs labelling another bulletin are not this bulletin's mentions", () => {
    const r = parseBulletin(
      `${header("#54")}Fix for XSA-302 found ineffective (XSA-306)\n\nSummary\n-------\n\n` +
        "While re-verifying QSB #52 (XSA-299, XSA-302), we found that the fix\nfor XSA-302 [2] is not effective.\n",
    );
    assert.deepEqual(r.advisories, [
      { xsa: 306, relation: "covers" },
      { xsa: 302, relation: "references" },
    ]);
    assert.deepEqual(r.bulletins, [52]);
    assert.deepEqual(r.advisoryRelations, [
      {
        from: 306,
        to: 302,
        relation: "follows-up",
        evidence: "While re-verifying QSB #52 (XSA-299, XSA-302), we found that the fix for XSA-302 [2] is not effective.",
      },
    ]);
  });

  test("without a title list: announcement entries and announcement sentences cover", () => {
    const r = parseBulletin(
      `${header("48")}Multiple Xen vulnerabilities\n\nSummary\n-------\n\n` +
        "On 2019-03-05, the Xen Security Team published the following Xen\nSecurity Advisories (XSAs):\n\n" +
        'XSA-285 [1] "race with pass-through device hotplug":\n| text\n\n' +
        "XSA-287 (CVE-2019-0001) [2] steal_page problem\n\nThe Xen Project also published XSA-290, which is similar to XSA-240.\n" +
        "XSA-285 and XSA-287 are similar to XSA-240.\n",
    );
    assert.deepEqual(r.advisories, [
      { xsa: 285, relation: "covers" },
      { xsa: 287, relation: "covers" },
      { xsa: 290, relation: "covers" },
      { xsa: 240, relation: "references" },
    ]);
  });
});

describe("fixes", () => {
  test("release names: one spelling, the pre-release kept beside it", () => {
    assert.deepEqual(normRelease("R3.0"), { name: "3.0", stage: null });
    assert.deepEqual(normRelease("3.2"), { name: "3.2", stage: null });
    assert.deepEqual(normRelease("Qubes OS 4.2"), { name: "4.2", stage: null });
    assert.deepEqual(normRelease("Qubes R2"), { name: "2", stage: null });
    assert.deepEqual(normRelease("R2-beta3"), { name: "2", stage: "beta 3" });
    assert.deepEqual(normRelease("R2 Beta 2"), { name: "2", stage: "beta 2" });
    assert.deepEqual(normRelease("Release 1"), { name: "1", stage: null });
    assert.equal(normRelease("beta"), null);
  });

  test("release lines", () => {
    const rl = (t: string) => {
      const r = parseReleaseLine(t);
      return r && { releases: r.releases.map((x) => x.name), where: r.where, distribution: r.distribution, nothing: r.nothing };
    };
    assert.deepEqual(rl("For Qubes 4.2, in dom0:"), { releases: ["4.2"], where: "dom0", distribution: null, nothing: false });
    assert.deepEqual(rl("For Qubes OS 4.2 and 4.3, in dom0:"), { releases: ["4.2", "4.3"], where: "dom0", distribution: null, nothing: false });
    assert.deepEqual(rl("Qubes OS 3.1 and 3.2:"), { releases: ["3.1", "3.2"], where: null, distribution: null, nothing: false });
    assert.deepEqual(rl("For Qubes R3.0:"), { releases: ["3.0"], where: null, distribution: null, nothing: false });
    assert.deepEqual(rl("## Qubes 4.0"), { releases: ["4.0"], where: null, distribution: null, nothing: false });
    assert.deepEqual(rl("For Qubes 3.2, domUs:"), { releases: ["3.2"], where: "templates", distribution: null, nothing: false });
    assert.deepEqual(rl("For Qubes 4.1, in templates, standalones and dom0:"), { releases: ["4.1"], where: "dom0+templates", distribution: null, nothing: false });
    assert.deepEqual(rl("For Qubes 4.2, in Debian templates:"), { releases: ["4.2"], where: "templates", distribution: "debian", nothing: false });
    assert.deepEqual(rl("For Qubes 4.1: not affected"), { releases: ["4.1"], where: null, distribution: null, nothing: true });
    assert.equal(parseReleaseLine("For updates from the stable repository:"), null);
    assert.equal(parseReleaseLine("Qubes 4.0 uses HVM domains by default, which mitigates this."), null);
  });

  test("package words", () => {
    assert.equal(normPackageName("Xen packages"), "xen");
    assert.equal(normPackageName("Multiple Xen packages"), "xen");
    assert.equal(normPackageName("Linux kernel packages"), "kernel");
    assert.equal(normPackageName("Linux kernel packages (kernel*-qubes-vm)"), "kernel*-qubes-vm");
    assert.equal(normPackageName("New Dom0 kernel packages"), "dom0 kernel");
    assert.equal(normPackageName("kernel-latest packages"), "kernel-latest");
    assert.equal(normPackageName("LVM2 packages"), "lvm2");
    assert.equal(normPackageName("qubes-core-vm-*"), "qubes-core-vm");
    assert.equal(normPackageName("The packages are"), null);
    assert.deepEqual(splitNvr("kernel-qubes-vm-3.12.40-3"), { name: "kernel-qubes-vm", version: "3.12.40-3" });
    assert.deepEqual(splitNvr("qubes-template-debian-8-3.0.6-201612171620"), { name: "qubes-template-debian-8", version: "3.0.6-201612171620" });
    assert.deepEqual(splitNvr("dracut-050-62.git20200529"), { name: "dracut", version: "050-62.git20200529" });
  });

  test("list items", () => {
    const item = (t: string) => {
      const i = parseItem(t);
      return i && { names: i.names.map((n) => (n.distribution ? `${n.words} (${n.distribution})` : n.words)), versions: i.versions, release: i.release?.name ?? null };
    };
    assert.deepEqual(item("Xen packages, version 4.8.5-13"), { names: ["xen"], versions: ["4.8.5-13"], release: null });
    assert.deepEqual(item("Xen packages 4.14.5-22"), { names: ["xen"], versions: ["4.14.5-22"], release: null });
    assert.deepEqual(item("amd-ucode-firmware version 20250708-1"), { names: ["amd-ucode-firmware"], versions: ["20250708-1"], release: null });
    assert.deepEqual(item("Linux kernel packages (kernel*-qubes-vm), versions 5.4.203, 5.8.9, 4.19.250"), {
      names: ["kernel*-qubes-vm"],
      versions: ["5.4.203", "5.8.9", "4.19.250"],
      release: null,
    });
    assert.deepEqual(item("qubes-core-vm (Fedora) / qubes-core-agent (Debian) 3.2.24"), {
      names: ["qubes-core-vm (fedora)", "qubes-core-agent (debian)"],
      versions: ["3.2.24"],
      release: null,
    });
    assert.deepEqual(item("qubes-core-admin-client, python3-qubesadmin version 4.0.26"), {
      names: ["qubes-core-admin-client", "python3-qubesadmin"],
      versions: ["4.0.26"],
      release: null,
    });
    assert.deepEqual(item("xen packages, version 4.4.3-8 (R3.0)"), { names: ["xen"], versions: ["4.4.3-8"], release: "3.0" });
    assert.deepEqual(item("kernel-qubes-vm package, version 4.14.67-1 (optional)"), {
      names: ["kernel-qubes-vm"],
      versions: ["4.14.67-1"],
      release: null,
    });
    assert.deepEqual(item("New Xen packages (xen-4.4.3-11, xen-libs-4.4.3-11)"), {
      names: ["xen", "xen-libs"],
      versions: ["4.4.3-11", "4.4.3-11"],
      release: null,
    });
    assert.deepEqual(item("qubes-gui-dom0-2.1.34-1"), { names: ["qubes-gui-dom0"], versions: ["2.1.34-1"], release: null });
    assert.equal(item("No packages necessary, since 3.2 is not affected."), null);
    assert.equal(item("TODO"), null);
  });

  test("a section that promises packages but lists none readable is a warning", () => {
    const r = parseBulletin(
      `${header("60")}T\n\nPatching\n--------\n\nThe specific packages that resolve the problems discussed in this\nbulletin are as follows:\n\n  For Qubes 4.0:\n  - TBD\n`,
    );
    assert.deepEqual(r.fixes, []);
    assert.ok(r.warnings.some((w) => w.line === 15 && /no package version could be read from the list item 'TBD'/.test(w.message)));
    assert.ok(r.warnings.some((w) => /no patching\/user action section with package versions found/.test(w.message)));
  });

  test("a bulletin that says no fix exists gets no such warning", () => {
    const r = parseBulletin(`${header("91")}T\n\nUser action required\n-----\n\nAt the time of writing, no fix is available.\n`);
    assert.deepEqual(r.fixes, []);
    assert.deepEqual(r.warnings, []);
  });
});

describe("actions, changes, references", () => {
  test("negated and optional restarts are not actions", () => {
    const r = parseBulletin(
      `${header("13")}T\n\nPatching\n--------\n\n* qubes-gui-dom0 version 2.1.35\n\n` +
        "Reboot of the whole system is not necessary. This can be done by restarting dom0 or by logging out.\n",
    );
    assert.deepEqual(r.actions, []);
  });

  test("changelog entries with wrapped lines", () => {
    const r = parseBulletin(
      `${header("90")}T\n\nChangelog\n---------\n\n2023-07-24: Original QSB published\n2023-08-01: Updated Xen packages\n            with a fix (XSA-433 v3 [3])\n\nSummary\n----\n`,
    );
    assert.deepEqual(r.changes, [
      { date: "2023-07-24", text: "Original QSB published" },
      { date: "2023-08-01", text: "Updated Xen packages with a fix (XSA-433 v3 [3])" },
    ]);
  });

  test("references: numbered, only http(s), URL possibly on the next line", () => {
    const r = parseBulletin(
      `${header("3")}T\n\nReferences\n----------\n\n[1] XSA 12,\nhttp://lists.xen.org/a.html\n\n[2]\nhttps://example.org/b.\n[3] ftp://example.org/c\n[4] A footnote without a link.\n[01] https://example.org/d\n1) Old style:\nhttp://example.org/e\n`,
    );
    assert.deepEqual(r.urls, [
      { label: "1", url: "http://lists.xen.org/a.html" },
      { label: "2", url: "https://example.org/b" },
      { label: "01", url: "https://example.org/d" },
      { label: "1", url: "http://example.org/e" },
    ]);
  });
});

describe("never throws", () => {
  test("odd inputs become warnings", () => {
    for (const input of ["", " ", "\u0000\u0001\u0002", "---===[ Qubes Security Bulletin #", "[1]", "XSA-", "For Qubes 4.0:\n- ", "\uFEFF\r\n\r"]) {
      const r = parseBulletin(input, "qsb-x.txt");
      assert.equal(typeof r, "object");
      assert.ok(Array.isArray(r.warnings));
    }
    // Not a string at all (a caller bug), still no exception.
    const r = parseBulletin(undefined as unknown as string);
    assert.match(r.warnings[0]?.message ?? "", /input is not text/);
  });
});
