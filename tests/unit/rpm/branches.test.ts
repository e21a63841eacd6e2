import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { branchOf, checkBranches, minimumOverFixes, withLaterBranches } from "@/lib/rpm/branches";
import { parseEvr } from "@/lib/rpm/version";

const at = (installed: string, versions: string[]) => checkBranches(parseEvr(installed), versions);

describe("the branch rule", () => {
  test("branches are major.minor", () => {
    assert.equal(branchOf("6.1.43"), "6.1");
    assert.equal(branchOf("5.10.104-2"), "5.10");
    assert.equal(branchOf("20230625-147"), "20230625");
    assert.equal(branchOf("2.1-57.qubes1"), "2.1");
  });
  test("at least the version of its own branch", () => {
    assert.deepEqual(at("6.1.62-1.qubes.fc37", ["6.1.43", "6.4.8", "5.15.124"]), { fixed: true, verdict: "fixed-on-branch", branch: "6.1", fixedIn: "6.1.43" });
    assert.deepEqual(at("5.15.124-1.qubes.fc32", ["6.1.43", "6.4.8", "5.15.124"]), { fixed: true, verdict: "fixed-on-branch", branch: "5.15", fixedIn: "5.15.124" });
  });
  test("older on its own branch", () => {
    assert.deepEqual(at("6.1.40-1.qubes.fc37", ["6.1.43", "6.4.8"]), { fixed: false, verdict: "older-on-branch", branch: "6.1", fixedIn: "6.1.43" });
  });
  test("a branch newer than every listed one", () => {
    assert.equal(at("6.6.48-1", ["6.1.43", "6.4.8"]).verdict, "newer-branch");
    assert.equal(at("6.10.1-1", ["6.1.43", "6.4.8"]).fixed, true);
  });
  test("an older, unlisted branch is not fixed, nor one between listed branches", () => {
    assert.deepEqual(at("5.15.150-1", ["6.1.43", "6.4.8"]), { fixed: false, verdict: "unlisted-branch", branch: "5.15", fixedIn: "6.1.43" });
    assert.deepEqual(at("6.3.9-1", ["6.1.43", "6.4.8"]), { fixed: false, verdict: "unlisted-branch", branch: "6.3", fixedIn: "6.4.8" });
  });
  test("one version: rpm's plain at-least", () => {
    assert.equal(at("4.17.5-10.fc37", ["4.17.5-10"]).fixed, true);
    assert.equal(at("4.17.5-9.fc37", ["4.17.5-10"]).fixed, false);
    assert.equal(at("4.19.1-1.fc41", ["4.17.5-10"]).fixed, true);
    assert.equal(at("4.14.6-10.fc32", ["4.17.5-10"]).fixed, false);
  });
});

describe("the union of branch rules (minimum versions)", () => {
  test("per branch the highest version asked; branches a fix rules out are left out", () => {
    const min = minimumOverFixes([
      { bulletin: 78, versions: ["5.10.104-2", "5.16.13-2"] },
      { bulletin: 64, versions: ["5.10.16-1", "5.4.98-1"] },
    ]);
    assert.deepEqual(min, {
      branches: [
        { branch: "5.16", version: "5.16.13-2", bulletins: [78] },
        { branch: "5.10", version: "5.10.104-2", bulletins: [78, 64] },
      ],
      newerThan: "5.16",
    });
  });
  test("a later bulletin vouches for a branch an earlier one did not list (5.15 after QSB-078)", () => {
    const fixes = withLaterBranches(
      [
        { bulletin: 78, versions: ["5.10.104-2", "5.16.13-2"] },
        { bulletin: 92, versions: ["6.1.43", "6.4.8", "5.15.124"] },
      ],
      () => "linux",
    );
    assert.deepEqual(fixes[0]!.implied, ["5.15.124"]);
    assert.equal(checkBranches(parseEvr("5.15.124-1"), fixes[0]!.versions).fixed, true);
    assert.deepEqual(fixes[1]!.implied, []);
  });
});
