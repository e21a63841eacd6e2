// Hostile website and Xen files: an absurd number, a huge list, a deep
// nesting. Each is a warning naming the entry or a clear error naming the
// file, never a loop over a number range or an out-of-memory crash.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import test, { describe } from "node:test";
import { buildRecords } from "@/lib/secpack/build";
import { SourceError } from "@/lib/secpack/errors";
import { MAX_ENTRY_DEPTH, MAX_LIST_ENTRIES, nestingDepth, parseQsbIndex, parseXenIndex, parseXsaTracker } from "@/lib/secpack/parse-website";
import { MAX_SOURCE_BYTES, readSource } from "@/lib/secpack/source";
import { withCpuTime } from "../../helpers/timing";

const entry = (xsa: string | number) => `- xsa: ${xsa}\n  date: 2020-01-01\n  affected: no\n`;

function assertSourceError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof SourceError, `a SourceError, got ${String(error)}`);
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes("\n"), "one line");
    return true;
  });
}

describe("bounded tracker, index and Xen index", () => {
  test("an xsa: 99999999999999999999 entry is a warning naming it; the sync's build stays quick", () => {
    const { result, ms } = withCpuTime(() => {
      const tracker = parseXsaTracker([entry(1), entry("99999999999999999999"), entry(3)].join(""), "t.yml");
      return { tracker, build: buildRecords({ bulletins: [], tracker: tracker.entries, index: [], xen: null }) };
    });
    assert.deepEqual(result.tracker.entries.map((e) => e.xsa), [1, 3]);
    assert.deepEqual(result.tracker.warnings, ["t.yml: entry 2 has xsa number 100000000000000000000, outside 1 to 99999; skipped"]);
    assert.ok(ms < 1000, `${ms} ms`);
    assert.deepEqual(result.build.warnings.map((w) => w.message), ["XSA-2 is missing from the tracker (it lists XSA-1 to XSA-3)"]);
  });

  test("quoted, negative and fractional numbers", () => {
    const tracker = parseXsaTracker([entry(1), entry('"99999999999999999999"'), entry(-4), entry(2.5), entry(100000), entry(99999)].join(""), "t.yml");
    assert.deepEqual(tracker.entries.map((e) => e.xsa), [1, 99999]);
    assert.match(tracker.warnings[0] ?? "", /entry 2 has xsa number "99999999999999999999", outside 1 to 99999/);
    assert.match(tracker.warnings[1] ?? "", /entry 3 has no valid xsa number \(-4\)/);
    assert.match(tracker.warnings[2] ?? "", /entry 4 has no valid xsa number \(2\.5\)/);
    assert.match(tracker.warnings[3] ?? "", /entry 5 has xsa number 100000, outside 1 to 99999/);
    const index = parseQsbIndex("- qsb: 10000\n  title: x\n  date: 2020-01-01\n- qsb: 9999\n  title: y\n  date: 2020-01-01\n", "i.yml");
    assert.deepEqual(index.entries.map((e) => e.number), [9999]);
    assert.match(index.warnings[0] ?? "", /i\.yml: entry 1 has qsb number 10000, outside 1 to 9999; skipped/);
  });

  test("a wide gap below a high number is one warning (plus the advisories bulletins name), not one per number", () => {
    const tracker = parseXsaTracker([entry(1), entry(99999)].join(""), "t.yml");
    const { result: build, ms } = withCpuTime(() => buildRecords({ bulletins: [], tracker: tracker.entries, index: [], xen: null }));
    assert.ok(ms < 1000, `${ms} ms`);
    assert.deepEqual(build.warnings.map((w) => w.message), ["XSA-2 to XSA-99998 (99997 numbers) are missing from the tracker (it lists XSA-1 to XSA-99999)"]);
  });

  test("a list longer than any tracker is a clear error naming the file", () => {
    const text = "- xsa: 1\n".repeat(MAX_LIST_ENTRIES + 1);
    assertSourceError(() => parseXsaTracker(text, "/tmp/huge.yml"), /^\/tmp\/huge\.yml is not an XSA tracker: it has 20001 entries, more than the 20000 one can hold$/);
    const json = JSON.stringify([{ xsas: Array.from({ length: MAX_LIST_ENTRIES + 1 }, (_, i) => ({ xsa: String(i + 1) })) }]);
    assertSourceError(() => parseXenIndex(json, "xsa.json"), /xsa\.json is not Xen's XSA index: it has 20001 entries/);
  });

  test("YAML or JSON nested deeper than the parser can go is a clear error naming the file", () => {
    const depth = 200_000;
    assertSourceError(() => parseXsaTracker(`- xsa: 1\n  date: ${"[".repeat(depth)}${"]".repeat(depth)}\n`, "deep.yml"), /^deep\.yml is not an XSA tracker: its YAML is nested too deeply to read$/);
    assertSourceError(() => parseQsbIndex(`${"- ".repeat(depth)}qsb: 1\n`, "deep-index.yml"), /deep-index\.yml is not a QSB index/);
    assertSourceError(() => parseXenIndex(`${"[".repeat(depth)}${"]".repeat(depth)}`, "deep.json"), /^deep\.json is not Xen's XSA index: /);
  });

  test("an entry nested deeper than an entry can be is skipped with a warning naming it; others are kept", () => {
    const nested = `${"[".repeat(MAX_ENTRY_DEPTH + 5)}1${"]".repeat(MAX_ENTRY_DEPTH + 5)}`;
    const tracker = parseXsaTracker(`${entry(1)}- xsa: 2\n  date: ${nested}\n${entry(3)}`, "t.yml");
    assert.deepEqual(tracker.entries.map((e) => e.xsa), [1, 3]);
    assert.deepEqual(tracker.warnings, [`t.yml: entry 2 is nested more than ${MAX_ENTRY_DEPTH} levels deep; skipped`]);
    assert.equal(nestingDepth({ a: [1, { b: 2 }] }), 3);
  });

  test("a long odd value is shown cut short in its warning", () => {
    const tracker = parseXsaTracker(`- xsa: 1\n  date: ${"x".repeat(100_000)}\n  affected: no\n`, "t.yml");
    assert.equal(tracker.warnings.length, 1);
    assert.ok((tracker.warnings[0] ?? "").length < 200, tracker.warnings[0]);
  });

  test("a source file past the size bound is refused before it is read, naming it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bounded-"));
    try {
      const file = path.join(dir, "sec-xsa.yml");
      writeFileSync(file, Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20));
      await assert.rejects(readSource(file, "XSA tracker"), (error: unknown) => {
        assert.ok(error instanceof SourceError);
        assert.match(error.message, /^the XSA tracker at .*sec-xsa\.yml is 8\.0 MB, more than 8\.0 MB, far more than one can be; it was not read$/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
