import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { normalizeRelease, parseRelease, releaseLabel, releaseSortKey } from "@/lib/vocabulary/release";
import { classifyWhere, templateScope, whereLabel } from "@/lib/vocabulary/where";

describe("release names: one spelling for every release", () => {
  test("R2 and 3.0 are written alike; R2 Beta 2 is release 2 at stage beta 2", () => {
    assert.equal(normalizeRelease("R2"), "2");
    assert.equal(normalizeRelease("Release 2"), "2");
    assert.equal(normalizeRelease("R3.0"), "3.0");
    assert.equal(normalizeRelease("3"), "3.0");
    assert.equal(normalizeRelease("Qubes OS 4.2"), "4.2");
    assert.equal(normalizeRelease("4.2.1"), "4.2");
    assert.deepEqual(parseRelease("R2 Beta 2"), { name: "2", stage: "beta 2" });
    assert.equal(normalizeRelease("2.1"), null);
    assert.equal(normalizeRelease("nonsense"), null);
  });
  test("labels and order", () => {
    assert.equal(releaseLabel("2"), "Qubes OS R2");
    assert.equal(releaseLabel("4.2"), "Qubes OS R4.2");
    assert.equal(releaseLabel("2", "beta 2"), "Qubes OS R2 beta 2");
    assert.equal(releaseLabel(null), "no release named");
    assert.ok((releaseSortKey("2") ?? 0) < (releaseSortKey("3.0") ?? 0));
  });
});

describe("where", () => {
  test("places and distributions", () => {
    assert.deepEqual(classifyWhere("in dom0"), { where: "dom0", distribution: null });
    assert.deepEqual(classifyWhere("domUs"), { where: "templates", distribution: null });
    assert.deepEqual(classifyWhere("Fedora templates and dom0"), { where: "dom0+templates", distribution: "fedora" });
    assert.deepEqual(classifyWhere("Debian"), { where: null, distribution: "debian" });
    assert.equal(classifyWhere("for Intel CPU users"), null);
    assert.equal(whereLabel("dom0+templates", "fedora"), "dom0 and Fedora templates");
  });
});

describe("a bulletin's narrower template side", () => {
  test("the template(s) of any GUI qube(s) is the templates of GUI qubes; plain templates are every template", () => {
    assert.equal(templateScope("For Qubes 4.1, in dom0 and the template(s) of any GUI qube(s) [1]:"), "the templates of GUI qubes");
    assert.equal(templateScope("in the templates of your USB qubes"), "the templates of USB qubes");
    assert.equal(templateScope("For Qubes 4.1, in templates and standalones:"), null);
    assert.equal(templateScope("For Qubes 4.2, in dom0 and templates:"), null);
    assert.equal(templateScope(null), null);
  });
});
