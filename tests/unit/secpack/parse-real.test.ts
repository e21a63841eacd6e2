// The bulletin parser on the real Qubes Security Pack (read in place from
// ../shared/fixtures, never copied), and on hostile inputs.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import test, { describe } from "node:test";
import { parse as parseYaml } from "yaml";
import { parseBulletin, parseBulletinText } from "@/lib/secpack/parse-bulletin";
import type { ParsedBulletin, ParsedFix } from "@/lib/secpack/types";
import { QSB_DIR, XSA_TRACKER_FILE, realData } from "../../helpers/fixtures";
import { withCpuTime } from "../../helpers/timing";

const QSB_FILE = /^qsb-(\d{3})-(\d{4})\.txt$/;

function bulletinFiles(): string[] {
  return readdirSync(QSB_DIR)
    .filter((f) => QSB_FILE.test(f))
    .sort();
}

const cache = new Map<string, ParsedBulletin>();
function parsed(number: number): ParsedBulletin {
  const file = bulletinFiles().find((f) => Number(QSB_FILE.exec(f)?.[1]) === number);
  assert.ok(file, `no file for QSB ${number} in ${QSB_DIR}`);
  let r = cache.get(file);
  if (!r) {
    r = parseBulletin(readFileSync(path.join(QSB_DIR, file), "utf8"), file);
    cache.set(file, r);
  }
  return r;
}

type FixShape = Pick<ParsedFix, "release" | "family" | "package" | "versions" | "where" | "rawLine">;
const fix = (release: string | null, family: ParsedFix["family"], pkg: string, versions: string[], where: ParsedFix["where"], rawLine: string): FixShape => ({
  release,
  family,
  package: pkg,
  versions,
  where,
  rawLine,
});
const shape = (fixes: ParsedFix[]): FixShape[] =>
  fixes.map((f) => ({ release: f.release, family: f.family, package: f.package, versions: f.versions, where: f.where, rawLine: f.rawLine }));

const covers = (r: ParsedBulletin) => r.advisories.filter((a) => a.relation === "covers").map((a) => a.xsa);

describe("real bulletins", realData, () => {
  test("all 116 parse, with the number of their file name and no header warning", () => {
    const files = bulletinFiles();
    assert.equal(files.length, 116);
    for (const f of files) {
      const r = parsed(Number(QSB_FILE.exec(f)?.[1]));
      assert.equal(r.number, Number(QSB_FILE.exec(f)?.[1]), f);
      assert.deepEqual(r.warnings, [], `${f}: ${JSON.stringify(r.warnings)}`);
      assert.match(r.date ?? "", /^\d{4}-\d{2}-\d{2}$/, `${f} has a date`);
      assert.ok(r.date?.startsWith(QSB_FILE.exec(f)?.[2] ?? "?"), `${f}: date ${r.date} in the file name's year`);
    }
  });

  test("titles: none in the early ones, one from QSB-011 on", () => {
    for (let n = 1; n <= 10; n++) assert.equal(parsed(n).title, null, `QSB-${n}`);
    for (let n = 11; n <= 116; n++) assert.ok(parsed(n).title, `QSB-${n} has a title`);
    assert.equal(parsed(54).title, "Xen fix for XSA-302 found ineffective in Qubes configuration (XSA-306)");
    assert.equal(parsed(69).title, "Multiple Xen and Intel issues (XSA-373, XSA-374, XSA-375, XSA-377, INTEL-SA-00442)");
    assert.equal(parsed(83).title, "Retbleed Arbitrary speculative code execution with return instructions (XSA-407)");
  });

  test("QSB-054 exactly", () => {
    const r = parsed(54);
    assert.equal(r.number, 54);
    assert.equal(r.date, "2019-11-26");
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
        evidence:
          "In the course of re-verifying the fixes for QSB #52 (XSA-299, XSA-302) [1], the Qubes Security Team discovered that the fix released by the Xen Project for XSA-302 [2] is not effective for the configuration used in Qubes OS.",
      },
    ]);
    assert.deepEqual(shape(r.fixes), [fix("4.0", "xen", "xen", ["4.8.5-13"], "dom0", "- Xen packages version 4.8.5-13")]);
    assert.deepEqual(
      r.actions.map((a) => a.action),
      ["reseal-aem"],
    );
    assert.match(r.actions[0]?.detail ?? "", /^If you use Anti Evil Maid, you will need to reseal your secret passphrase/);
    assert.deepEqual(r.urls, [
      { label: "1", url: "https://github.com/QubesOS/qubes-secpack/blob/master/QSBs/qsb-052-2019.txt" },
      { label: "2", url: "https://xenbits.xen.org/xsa/advisory-302.html" },
      { label: "3", url: "https://xenbits.xen.org/xsa/advisory-306.html" },
      { label: "4", url: "https://xenproject.org/developers/security-policy/" },
    ]);
    assert.deepEqual(r.changes, []);
    assert.deepEqual(r.warnings, []);
  });

  // Written from the bulletin texts (their "User action required" / "Patching" sections).
  test("exact fixes of QSB-070, -090, -100, -108, -116", () => {
    assert.deepEqual(shape(parsed(70).fixes), [
      fix("4.0", "xen", "xen", ["4.8.5-35"], "dom0", "- Xen packages, version 4.8.5-35"),
      fix("4.1", "xen", "xen", ["4.14.2-2"], "dom0", "- Xen packages, version 4.14.2-2"),
    ]);
    assert.deepEqual(shape(parsed(90).fixes), [
      fix("4.1", "linux-firmware", "linux-firmware", ["20230625-146"], "dom0", "- linux-firmware 20230625-146"),
      fix("4.1", "xen", "xen", ["4.14.5-22"], "dom0", "- Xen packages 4.14.5-22"),
      fix("4.2", "linux-firmware", "linux-firmware", ["20230625-147"], "dom0", "- linux-firmware 20230625-147"),
      fix("4.2", "xen", "xen", ["4.17.1-4"], "dom0", "- Xen packages 4.17.1-4"),
    ]);
    assert.deepEqual(shape(parsed(100).fixes), [
      fix("4.1", "xen", "xen", ["4.14.6-6"], "dom0", "- Xen packages, version 4.14.6-6"),
      fix("4.2", "xen", "xen", ["4.17.3-2"], "dom0", "- Xen packages, version 4.17.3-2"),
    ]);
    assert.deepEqual(shape(parsed(108).fixes), [
      fix("4.2", "xen", "xen", ["4.17.5-10"], "dom0", "- Xen packages, version 4.17.5-10"),
      fix("4.2", "amd-ucode-firmware", "amd-ucode-firmware", ["20250708-1"], "dom0", "- amd-ucode-firmware version 20250708-1"),
    ]);
    assert.deepEqual(shape(parsed(116).fixes), [fix("4.3", "xen", "xen", ["4.19.5-2"], "dom0", "- Xen packages, version 4.19.5-2")]);
  });

  test("fixes in the older formats", () => {
    const short = (r: ParsedBulletin) =>
      r.fixes.map((f) => `${f.release ?? "-"}${f.releaseStage ? ` ${f.releaseStage}` : ""} ${f.package} ${f.versions.join("|")} ${f.where}${f.distribution ? `/${f.distribution}` : ""}`);
    // 2011 prose
    assert.deepEqual(short(parsed(1)), ["- qubes-gui-dom0 1.2.11 dom0", "- xen 3.4.3-9 dom0"]);
    // 2012: "Xen v4.1.2-4 packages"
    assert.deepEqual(short(parsed(2)), ["- xen 4.1.2-4 dom0"]);
    // 2013: "for Qubes Release 1 (version ...), as well as for ... Qubes R2 Beta 2 (version ...)"
    assert.deepEqual(short(parsed(6)), ["1 xen 4.1.2-9 dom0", "2 beta 2 xen 4.1.2-27 dom0"]);
    // 2014: "(qubes-core-vm-* version 1.7.48)", installed in templates
    assert.deepEqual(short(parsed(9)), ["1 qubes-core-vm 1.7.48 templates", "2 beta 3 qubes-core-vm 2.1.25 templates"]);
    // 2014: bullet lists, NVRs
    assert.deepEqual(short(parsed(10)), ["- qubes-gui-dom0 2.1.23-1 dom0", "- qubes-libvchan-xen 2.2.5-1 dom0", "- xen 4.1.6.1-5 dom0"]);
    assert.deepEqual(short(parsed(11)), ["- qubes-gui-dom0 2.1.34-1 dom0"]);
    assert.deepEqual(short(parsed(17)), ["- kernel 3.12.38-1 dom0"]);
    // 2015: "(R3.0)" / "(R2)" after the item
    assert.deepEqual(short(parsed(22)), ["3.0 xen 4.4.3-8 dom0", "2 xen 4.1.6.1-23 dom0"]);
    // 2016: "Qubes OS 3.1 and 3.2:"
    assert.deepEqual(short(parsed(24)), ["3.0 xen 4.4.3-12 dom0", "3.1 xen 4.6.1-20 dom0", "3.2 xen 4.6.1-20 dom0"]);
    // 2018: dom0 / domUs per release, "A (Fedora) / B (Debian) version"
    assert.deepEqual(short(parsed(38)).slice(2, 5), [
      "3.2 qubes-utils 3.2.7 templates",
      "3.2 qubes-core-vm 3.2.24 templates/fedora",
      "3.2 qubes-core-agent 3.2.24 templates/debian",
    ]);
    // 2019: table of old → new template packages
    assert.ok(short(parsed(46)).includes("4.0 qubes-template-whonix-gw-14 4.0.1-201901231238 dom0"));
    // 2022: several versions on a wrapped line: alternative branches of the VM kernels
    assert.deepEqual(short(parsed(82)).filter((f) => f.startsWith("4.1 kernel")), ["4.1 kernel-qubes-vm 5.15.52|5.8.9|5.10.128 dom0"]);
    // 2024: "in dom0 and templates", narrowed by "(all templates)"
    assert.deepEqual(short(parsed(104)), [
      "4.1 qubes-gui-agent 4.1.34 templates",
      "4.2 qubes-gui-agent 4.2.17 templates",
      "4.2 libwnck3 43.0-9 dom0+templates/fedora",
    ]);
  });

  test("every bulletin from QSB-092 on states package versions; before that only QSB-091 has none", () => {
    for (let n = 92; n <= 116; n++) assert.ok(parsed(n).fixes.length > 0, `QSB-${n} has fixes`);
    const without = bulletinFiles()
      .map((f) => Number(QSB_FILE.exec(f)?.[1]))
      .filter((n) => parsed(n).fixes.length === 0);
    // QSB-091: "At the time of writing, no fix is available".
    assert.deepEqual(without, [91]);
    for (const f of bulletinFiles()) {
      const r = parsed(Number(QSB_FILE.exec(f)?.[1]));
      for (const x of r.fixes) {
        assert.ok(x.versions.length > 0, `${f}: ${JSON.stringify(x)}`);
        for (const v of x.versions) assert.match(v, /^\d/, `${f}: ${JSON.stringify(x)}`);
        assert.ok(x.release === null || /^([12]|[34]\.\d)$/.test(x.release), `${f}: release ${x.release}`);
        assert.ok(["dom0", "templates", "dom0+templates"].includes(x.where), `${f}: where ${x.where}`);
      }
    }
  });

  test("changelogs", () => {
    assert.deepEqual(parsed(90).changes, [
      { date: "2023-07-24", text: "Original QSB published" },
      { date: "2023-08-01", text: "Updated Xen packages with upstream bug fix (XSA-433 v3 [3])" },
    ]);
    assert.deepEqual(parsed(77).changes[1], {
      date: "2022-04-04",
      text: "Updated package version for Qubes 4.1 to include complete fix and removed note about this",
    });
    // "July 14: ..." has no year: kept in the text, date not guessed.
    assert.deepEqual(parsed(19).changes[0], { date: null, text: "July 14: Improved readability, some clarifications." });
  });

  test("covers agree with the XSA tracker except where the texts and the tracker genuinely differ", () => {
    const tracker = parseYaml(readFileSync(XSA_TRACKER_FILE, "utf8")) as { xsa: number; qsb?: string | number }[];
    const byQsb = new Map<number, number[]>();
    for (const e of tracker) {
      if (e.qsb === undefined) continue;
      const n = Number(String(e.qsb).split("-")[0]);
      byQsb.set(n, [...(byQsb.get(n) ?? []), e.xsa]);
    }
    const differences: Record<number, { textOnly: number[]; trackerOnly: number[] }> = {};
    for (const f of bulletinFiles()) {
      const n = Number(QSB_FILE.exec(f)?.[1]);
      const text = covers(parsed(n));
      const track = byQsb.get(n) ?? [];
      const textOnly = text.filter((x) => !track.includes(x));
      const trackerOnly = track.filter((x) => !text.includes(x)).sort((a, b) => a - b);
      if (textOnly.length || trackerOnly.length) differences[n] = { textOnly, trackerOnly };
    }
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    assert.deepEqual(differences, {
      // The text never names XSA-7 (it links a mailing-list post).
      2: { textOnly: [], trackerOnly: [7] },
      // The tracker marks these "affected: no" although the bulletin announces and patches them.
      3: { textOnly: [12, 13, 14], trackerOnly: [] },
      5: { textOnly: range(20, 32), trackerOnly: [] },
      6: { textOnly: range(44, 51), trackerOnly: [] },
      8: { textOnly: [58], trackerOnly: [] },
      17: { textOnly: [120, 124], trackerOnly: [] },
      // Title names XSA-213 and XSA-214 only; XSA-215 is "extremely unlikely to affect any Qubes users".
      30: { textOnly: [], trackerOnly: [215] },
      // Titles name ranges the tracker splits by its own "affected" verdict.
      33: { textOnly: [233], trackerOnly: [] },
      34: { textOnly: [237, 238, 240, 242, 243, 244], trackerOnly: [] },
      // "we do not consider this XSA to affect the security of Qubes OS. However, we are including it in this QSB anyway".
      60: { textOnly: [345], trackerOnly: [] },
    });
  });

  test("follow-up relations stated by the texts", () => {
    const all = bulletinFiles().flatMap((f) => {
      const n = Number(QSB_FILE.exec(f)?.[1]);
      return parsed(n).advisoryRelations.map((r) => `QSB-${n}: ${r.from}->${r.to}`);
    });
    assert.deepEqual(all, [
      "QSB-8: 58->45",
      "QSB-29: 212->29",
      "QSB-44: 280->240",
      "QSB-54: 306->302",
      "QSB-62: 355->346",
      "QSB-65: 366->321",
      "QSB-65: 366->320",
      "QSB-92: 432->423",
      "QSB-96: 446->422",
      "QSB-96: 446->434",
    ]);
  });

  test("user actions in every era", () => {
    const kinds = (n: number) => parsed(n).actions.map((a) => a.action);
    assert.deepEqual(kinds(3), ["restart-dom0", "reseal-aem"]);
    assert.deepEqual(kinds(13), ["restart-vms"]);
    assert.deepEqual(kinds(14), ["restart-vms", "update-templates"]);
    assert.deepEqual(kinds(42), ["restart-vms", "reseal-aem"]);
    assert.deepEqual(kinds(84), ["update-templates"]);
    assert.deepEqual(kinds(105), []);
    assert.deepEqual(kinds(116), ["restart-dom0", "reseal-aem"]);
  });

  test("the template text parses with warnings, without a number", () => {
    const file = path.join(QSB_DIR, "qsb-template.txt");
    if (!existsSync(file)) return;
    const r = parseBulletin(readFileSync(file, "utf8"), "qsb-template.txt");
    assert.equal(r.number, null);
    assert.ok(r.warnings.length > 0);
  });
});

describe("hostile inputs", () => {
  test("empty string", () => {
    const r = parseBulletin("");
    assert.equal(r.number, null);
    assert.deepEqual(r.fixes, []);
    assert.ok(r.warnings.some((w) => w.message === "the text is empty"));
  });

  test("random bytes decoded as latin1", () => {
    let seed = 12345;
    const bytes = Buffer.alloc(1_000_000);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = seed >> 16;
    }
    const r = parseBulletin(bytes.toString("latin1"), "qsb-999-2030.txt");
    assert.equal(r.number, 999);
    assert.ok(r.warnings.some((w) => /binary data/.test(w.message)));
  });

  test("50 MB strings finish well under a few seconds", () => {
    const bulletin = [
      "---===[ Qubes Security Bulletin #54 ]===---",
      "",
      "2019-11-26",
      "",
      "Some title (XSA-306)",
      "",
      "Patching",
      "--------",
      "",
      "  For Qubes OS 4.0:",
      "  - Xen packages version 4.8.5-13",
      "",
      "See QSB #52 (XSA-299, XSA-302) and XSA 1-5. Dom0 must be restarted. [1] https://example.org/",
      "",
    ].join("\n");
    const inputs = {
      letters: "a".repeat(50_000_000),
      bulletins: bulletin.repeat(Math.ceil(50_000_000 / bulletin.length)),
      newlines: "\n".repeat(50_000_000),
      advisories: "XSA-1, XSA 2-4 & 5 QSB #6 (XSA-7) ".repeat(1_500_000),
    };
    for (const [name, text] of Object.entries(inputs)) {
      const { result: r, ms } = withCpuTime(() => parseBulletin(text, "qsb-054-2019.txt"));
      assert.ok(ms < 3000, `${name}: ${Math.round(ms)} ms`);
      assert.ok(r.warnings.some((w) => /far larger than any bulletin/.test(w.message)), name);
    }
  });

  test("without the size cap, the parser stays linear (4 MB of hostile text in well under seconds)", () => {
    const inputs = {
      sentences: "a. B".repeat(1_000_000),
      ranges: "XSA 1-2-3-4-5-".repeat(280_000),
      lists: "For Qubes 4.0:\n- Xen packages, version 4.8.5-13\n".repeat(80_000),
      headings: "Patching\n--------\n".repeat(220_000),
      labels: "QSB #52 (XSA-1) ".repeat(250_000),
      parens: "(".repeat(4_000_000),
    };
    for (const [name, text] of Object.entries(inputs)) {
      const { ms } = withCpuTime(() => parseBulletinText(text, undefined, Number.POSITIVE_INFINITY));
      assert.ok(ms < 4000, `${name}: ${Math.round(ms)} ms`);
    }
  });

  test("a text without a header is parsed as far as possible", () => {
    const r = parseBulletin(
      "Notes on a Xen issue (XSA-306).\n\nPatching\n--------\n\n  For Qubes 4.0:\n  - Xen packages, version 4.8.5-13\n\nA system restart will be required afterwards.\n",
      "qsb-054-2019.txt",
    );
    assert.equal(r.number, 54);
    assert.equal(r.title, null);
    assert.deepEqual(shape(r.fixes), [fix("4.0", "xen", "xen", ["4.8.5-13"], "dom0", "- Xen packages, version 4.8.5-13")]);
    assert.deepEqual(
      r.actions.map((a) => a.action),
      ["restart-dom0"],
    );
    assert.deepEqual(r.warnings, [{ message: "no 'Qubes Security Bulletin #N' header found; number 54 taken from the file name" }]);
  });
});
