// Golden files: tests/fixtures/posts/<name>.md are short posts written for
// these tests in the style of each format era of the Qubes XSA announcements
// (and one bulletin and one canary announcement); <name>.expected.json is
// parsePost's output, reviewed by hand. `UPDATE_GOLDEN=1 npm test --
// tests/unit/posts` rewrites the expected files (review the diff).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import test, { describe } from "node:test";
import { parsePost } from "@/lib/posts/parse-post";
import { PROJECT_ROOT } from "../../helpers/fixtures";

const DIR = path.join(PROJECT_ROOT, "tests", "fixtures", "posts");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const names = readdirSync(DIR)
  .filter((f) => f.endsWith(".md"))
  .sort();

describe("parsePost golden files", () => {
  test("there is a golden file for every format era and a malformed post", () => {
    assert.ok(names.length >= 10, `only ${names.length} fixtures in ${DIR}`);
    assert.ok(names.some((n) => n.includes("malformed")));
  });

  for (const name of names) {
    test(name, () => {
      const actual = parsePost(name, readFileSync(path.join(DIR, name), "utf8"));
      const expectedPath = path.join(DIR, name.replace(/\.md$/, ".expected.json"));
      if (UPDATE) {
        writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
        return;
      }
      assert.ok(existsSync(expectedPath), `missing ${expectedPath} (run with UPDATE_GOLDEN=1, then review it)`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, "utf8")));
    });
  }
});
