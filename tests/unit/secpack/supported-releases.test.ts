import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test, { describe } from "node:test";
import { detectRelease } from "@/lib/rpm/detect-release";
import { parseInstalledPackages } from "@/lib/rpm/installed";
import { parseSupportedReleases, supportOn } from "@/lib/secpack/parse-supported-releases";
import { SUPPORTED_RELEASES_FILE, realData } from "../../helpers/fixtures";

describe("the supported-releases page", realData, () => {
  const parsed = parseSupportedReleases(readFileSync(SUPPORTED_RELEASES_FILE, "utf8"), "supported-releases.rst");
  test("every release with its window, status and dom0 Fedora", () => {
    assert.deepEqual(parsed.warnings, []);
    assert.deepEqual(
      parsed.releases.map((r) => [r.name, r.start, r.end, r.status, r.dom0Fedora]),
      [
        ["1", "2012-09-03", "2015-03-26", "unsupported", 13],
        ["2", "2014-09-26", "2016-04-01", "unsupported", 18],
        ["3.0", "2015-10-01", "2016-09-09", "unsupported", 20],
        ["3.1", "2016-03-09", "2017-03-29", "unsupported", 20],
        ["3.2", "2016-09-29", "2019-03-28", "unsupported", 23],
        ["4.0", "2018-03-28", "2022-08-04", "unsupported", 25],
        ["4.1", "2022-02-04", "2024-06-18", "unsupported", 32],
        ["4.2", "2023-12-18", "2026-06-21", "unsupported", 37],
        ["4.3", "2025-12-21", null, "supported", 41],
      ],
    );
  });
  test("a release past its end date is unsupported whatever the page says", () => {
    assert.equal(supportOn({ status: "supported", end: "2026-06-21" }, "2026-07-01"), "unsupported");
    assert.equal(supportOn({ status: "supported", end: null }, "2026-07-01"), "supported");
  });
  test("a list's release from qubes-release, else from its .fcNN dist tags", () => {
    const table = parsed.releases;
    const fc37 = parseInstalledPackages("bash-5.2.15-2.fc37.x86_64\nxen-hypervisor-4.17.5-10.fc37.x86_64\nzlib-1.2.13-3.fc32.x86_64").packages;
    assert.equal(detectRelease(fc37, table).release, "4.2");
    const told = parseInstalledPackages("qubes-release-4.1-2.fc32.noarch\nbash-5.2.15-2.fc37.x86_64").packages;
    assert.equal(detectRelease(told, table).release, "4.1");
    const ambiguous = parseInstalledPackages("bash-4.2.53-1.fc20.x86_64").packages;
    assert.equal(detectRelease(ambiguous, table).release, null);
    assert.match(detectRelease(ambiguous, table).evidence ?? "", /3\.0 and 3\.1/);
  });
  test("malformed pages give warnings, not a crash", () => {
    const r = parseSupportedReleases(".. list-table::\n\n   * - Qubes OS\n     - Start Date\n     - End Date\n     - Status\n   * - Release 9.9\n     - soon\n     - TBD\n     - Maybe\n", "x.rst");
    assert.equal(r.releases[0]?.status, null);
    assert.ok(r.warnings.some((w) => /start date 'soon'/.test(w)));
    assert.ok(r.warnings.some((w) => /dom0 OS/.test(w)));
  });
});
