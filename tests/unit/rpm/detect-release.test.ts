import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { fedoraTag } from "@/lib/rpm/detect-release";

/** What detectRelease matched before fedoraTag (a regular expression per package). */
const BEFORE = /(?:^|\.)fc(\d{2})(?:\.|_|$)/;
const before = (release: string) => {
  const m = BEFORE.exec(release);
  return m ? Number(m[1]) : null;
};

describe("fedoraTag", () => {
  test("the dist tags of real releases", () => {
    assert.equal(fedoraTag("10.fc37"), 37);
    assert.equal(fedoraTag("1.qubes.fc37"), 37);
    assert.equal(fedoraTag("53.3.fc37"), 37);
    assert.equal(fedoraTag("fc41"), 41);
    assert.equal(fedoraTag("2.fc32_1"), 32);
    assert.equal(fedoraTag("1.fc37.1"), 37);
    assert.equal(fedoraTag("202407251440"), null);
    assert.equal(fedoraTag("1.fc3"), null);
    assert.equal(fedoraTag("1.fc370"), null);
    assert.equal(fedoraTag("1xfc37"), null);
    assert.equal(fedoraTag("1.fcx.fc38"), 38);
    assert.equal(fedoraTag("1.fc371.fc39"), 39);
  });

  test("finds what the regular expression it replaced found, on random releases", () => {
    const alphabet = ["f", "c", "fc", ".", "_", "1", "3", "7", "x", ".fc", "fc3"];
    let s = 37;
    for (let i = 0; i < 20_000; i++) {
      let release = "";
      const length = (i % 9) + 1;
      for (let k = 0; k < length; k++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        release += alphabet[s % alphabet.length];
      }
      assert.equal(fedoraTag(release), before(release), release);
    }
  });
});
