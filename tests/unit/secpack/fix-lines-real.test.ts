// Golden test on the real bulletins: every fix line that names several
// versions (alternative branches) or several packages, with what the parser
// makes of it. The expected file (tests/fixtures/real-golden/) holds only
// our reading of each line, keyed by bulletin and line, never the bulletin
// text; `UPDATE_GOLDEN=1` rewrites it (review the diff before keeping it).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import test, { describe } from "node:test";
import { parseBulletin } from "@/lib/secpack/parse-bulletin";
import type { ParsedFix } from "@/lib/secpack/types";
import { PROJECT_ROOT, QSB_DIR, realData } from "../../helpers/fixtures";

const EXPECTED = path.join(PROJECT_ROOT, "tests", "fixtures", "real-golden", "multi-fix-lines.expected.json");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

type Reading = Pick<ParsedFix, "release" | "releaseStage" | "family" | "package" | "versions" | "where" | "distribution">;

function multiLines(): Record<string, Reading[]> {
  const out: Record<string, Reading[]> = {};
  for (const file of readdirSync(QSB_DIR).filter((f) => /^qsb-\d{3}-\d{4}\.txt$/.test(f)).sort()) {
    const parsed = parseBulletin(readFileSync(path.join(QSB_DIR, file), "utf8"), file);
    const byLine = new Map<string, ParsedFix[]>();
    for (const f of parsed.fixes) {
      const key = `QSB-${String(parsed.number).padStart(3, "0")}: ${f.releaseLine ? `${f.releaseLine} ` : ""}${f.rawLine}`;
      byLine.set(key, [...(byLine.get(key) ?? []), f]);
    }
    for (const [key, fixes] of byLine) {
      const packages = new Set(fixes.map((f) => f.package));
      if (fixes.some((f) => f.versions.length > 1) || packages.size > 1) {
        out[key] = fixes.map((f) => ({
          release: f.release,
          releaseStage: f.releaseStage,
          family: f.family,
          package: f.package,
          versions: f.versions,
          where: f.where,
          distribution: f.distribution,
        }));
      }
    }
  }
  return out;
}

describe("multi-version and multi-package fix lines of the real bulletins", realData, () => {
  const actual = multiLines();

  test("match the reviewed golden file", () => {
    if (UPDATE) {
      writeFileSync(EXPECTED, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    assert.ok(existsSync(EXPECTED), `missing ${EXPECTED} (run with UPDATE_GOLDEN=1, then review it)`);
    assert.deepEqual(actual, JSON.parse(readFileSync(EXPECTED, "utf8")));
  });

  test("QSB-092: the VM kernels, with their branches, per release", () => {
    const lines = Object.entries(actual).filter(([k]) => k.startsWith("QSB-092"));
    assert.deepEqual(
      lines.map(([, v]) => v),
      [
        [{ release: "4.1", releaseStage: null, family: "kernel-vm", package: "kernel-qubes-vm", versions: ["6.1.43", "6.4.8", "5.15.124"], where: "dom0", distribution: null }],
        [{ release: "4.2", releaseStage: null, family: "kernel-vm", package: "kernel-qubes-vm", versions: ["6.1.43", "6.4.8"], where: "dom0", distribution: null }],
      ],
    );
  });

  test("bare \"Linux kernel packages\" read from each bulletin's own words", () => {
    const families = (n: string) => [...new Set(Object.entries(actual).filter(([k]) => k.startsWith(n)).flatMap(([, v]) => v.map((f) => f.family)))].sort();
    assert.deepEqual(families("QSB-063"), ["kernel"]); // PV block backend in dom0; no VM kernel named
    assert.deepEqual(families("QSB-069"), ["kernel-vm"]); // netback in sys-net: "kernel-latest-qubes-vm"
    assert.deepEqual(families("QSB-078"), ["kernel", "kernel-vm"]); // "Dom0 kernel binaries" and "qube kernels are provided by dom0"
    assert.deepEqual(families("QSB-082"), ["kernel-vm"]); // "(kernel*-qubes-vm)"
  });

  test("two items of one package under one release line are alternatives (QSB-031)", () => {
    const [, v] = Object.entries(actual).find(([k]) => k.startsWith("QSB-031")) ?? [];
    assert.deepEqual(v?.map((f) => [f.package, f.versions]), [["kernel", ["4.4.67-13", "4.9.33-18"]]]);
  });

  test("one item naming several packages per distribution (QSB-038)", () => {
    const [, v] = Object.entries(actual).find(([k]) => k.startsWith("QSB-038") && k.includes("qubes-core-vm (Fedora)")) ?? [];
    assert.deepEqual(v?.map((f) => [f.package, f.where, f.distribution]), [
      ["qubes-core-vm", "templates", "fedora"],
      ["qubes-core-agent", "templates", "debian"],
    ]);
  });
});
