// Golden test on real canaries of every era (2015's "Qubes Canary #1" with
// `feedstail` lines and no block hash, 2017's first block hash, 2019's three
// signers, 2020's "025" titles, 2021's letters, 2023's "last fourteen days",
// 2026's latest), read from the real secpack repository. The expected file
// holds only our reading of each canary (numbers, dates, the window, counts
// and hashes of the texts), never the canaries' text; `UPDATE_GOLDEN=1`
// rewrites it (review the diff before keeping it).
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import test, { describe } from "node:test";
import { parseCanary, type ParsedCanary } from "@/lib/canary/parse-canary";
import { sha256Hex } from "@/lib/secpack/read-text";
import { PROJECT_ROOT, realData } from "../../helpers/fixtures";
import { secpackFile, secpackList } from "../../helpers/secpack-git";

const EXPECTED = path.join(PROJECT_ROOT, "tests", "fixtures", "real-golden", "canaries.expected.json");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const ERAS = ["001", "005", "012", "018", "021", "025", "028", "029", "034", "047"];

const short = (text: string | null) => (text === null ? null : { length: text.length, sha256: sha256Hex(text).slice(0, 16) });

function reading(p: ParsedCanary) {
  return {
    titleNumber: p.titleNumber,
    date: p.date,
    statedBulletins: p.statedBulletins,
    statedMasterFingerprint: p.statedMasterFingerprint,
    preamble: short(p.preamble),
    statements: p.statements.map((s) => ({ number: s.number, ...short(s.text) })),
    nextDue: p.nextDue,
    specialAnnouncements: short(p.specialAnnouncements),
    freshness: {
      timestamp: p.freshness.timestamp,
      headlines: p.freshness.headlines.map((g) => ({ source: g.source, headlines: g.headlines.length })),
      blockHash: p.freshness.blockHash,
    },
    warnings: p.warnings,
  };
}

describe("parseCanary on real canaries of every era", realData, () => {
  test("matches the reviewed readings", () => {
    const files = secpackList("canaries");
    const actual: Record<string, unknown> = {};
    for (const n of ERAS) {
      const file = files.find((f) => f.startsWith(`canary-${n}-`) && /^canary-\d{3}-\d{4}\.txt$/.test(f));
      assert.ok(file, `canary ${n} in the secpack`);
      actual[file] = reading(parseCanary(secpackFile(`canaries/${file}`).toString("utf8")));
    }
    if (UPDATE) writeFileSync(EXPECTED, `${JSON.stringify(actual, null, 2)}\n`);
    assert.ok(existsSync(EXPECTED), `missing ${EXPECTED} (run with UPDATE_GOLDEN=1, then review it)`);
    assert.deepEqual(actual, JSON.parse(readFileSync(EXPECTED, "utf8")));
  });

  test("every one of the 47 canaries parses without a warning, with its window and fingerprint", () => {
    const files = secpackList("canaries").filter((f) => /^canary-\d{3}-\d{4}\.txt$/.test(f));
    assert.equal(files.length, 47);
    for (const file of files) {
      const p = parseCanary(secpackFile(`canaries/${file}`).toString("utf8"));
      assert.deepEqual(p.warnings, [], file);
      assert.equal(p.titleNumber, Number(file.slice(7, 10)), file);
      assert.equal(p.statedMasterFingerprint, "427F11FD0FAA4B080123F01CDDFA1A3E36879494", file);
      assert.ok(p.nextDue && p.date && p.nextDue.from > p.date, file);
      assert.ok(p.freshness.headlines.length >= 3, file);
    }
  });
});
