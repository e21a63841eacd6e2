// Golden files: tests/fixtures/bulletins/<name>.txt are short synthetic
// bulletins in the style of each era (written for these tests, not copied from
// the secpack); <name>.expected.json is parseBulletin's output for it, reviewed
// by hand. `UPDATE_GOLDEN=1 npm test -- tests/unit/secpack` rewrites the
// expected files (review the diff before keeping it).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import test, { describe } from "node:test";
import { parseBulletin } from "@/lib/secpack/parse-bulletin";
import { PROJECT_ROOT } from "../../helpers/fixtures";

const DIR = path.join(PROJECT_ROOT, "tests", "fixtures", "bulletins");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const names = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort();

describe("parseBulletin golden files", () => {
  test("there is a golden file for every era and a malformed text", () => {
    assert.ok(names.length >= 6, `only ${names.length} fixtures in ${DIR}`);
    assert.ok(names.some((n) => n.startsWith("malformed")));
  });

  for (const name of names) {
    test(name, () => {
      const text = readFileSync(path.join(DIR, name), "utf8");
      const actual = parseBulletin(text, name);
      const expectedPath = path.join(DIR, name.replace(/\.txt$/, ".expected.json"));
      if (UPDATE) {
        writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
        return;
      }
      assert.ok(existsSync(expectedPath), `missing ${expectedPath} (run with UPDATE_GOLDEN=1, then review it)`);
      const expected: unknown = JSON.parse(readFileSync(expectedPath, "utf8"));
      assert.deepEqual(actual, expected);
    });
  }
});
