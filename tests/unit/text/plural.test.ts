import assert from "node:assert/strict";
import { test } from "node:test";
import { rejectedFilters } from "@/lib/search-params";
import { count, NOUNS } from "@/lib/text/plural";

test("counted nouns: 1 advisory, 2 advisories, 0 bulletins", () => {
  assert.equal(count(1, NOUNS.advisory), "1 advisory");
  assert.equal(count(2, NOUNS.advisory), "2 advisories");
  assert.equal(count(0, NOUNS.bulletin), "0 bulletins");
  assert.equal(count(1503, NOUNS.fix), "1,503 fixes");
});

test("filter values given but not understood are named, not dropped silently", () => {
  const params = { year: "abc", signature: "verified", page: "2" };
  assert.deepEqual(
    rejectedFilters(params, [
      { name: "year", label: "Year", value: undefined },
      { name: "signature", label: "Signature status", value: "verified" },
      { name: "release", label: "Release", value: undefined },
      { name: "page", label: "Page number", value: 2 },
    ]),
    [{ label: "Year", value: "abc" }],
  );
});
