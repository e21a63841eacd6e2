// The XSA page's facts from the bulletins: fixed versions per release from its
// covering bulletins, the tracker's caveats, and which sources it names, on
// the real data (the template has the news posts but no Xen index).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { advisoryCaveats, listAdvisoryFixes } from "@/lib/queries/advisory-fixes";
import { getAdvisory } from "@/lib/queries/advisories";
import { getImportedSources } from "@/lib/queries/source";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

describeEachDatabase("XSA facts from the covering bulletins", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider, "tracker_advisory_page");
    await useDatabase(t);
  });
  after(() => t.cleanup());

  test("XSA-491: the versions of QSB-115 per release, newest first, with support", async () => {
    const groups = await listAdvisoryFixes(491, "2026-12-01");
    assert.deepEqual(
      groups.map((g) => [g.release, g.support?.status, g.fixes.map((f) => `${f.bulletin} ${f.package} ${f.versions.join(" or ")} ${f.where}`)]),
      [
        ["4.3", "supported", ["115 xen 4.19.4-9 dom0"]],
        ["4.2", "unsupported", ["115 xen 4.17.6-6 dom0"]],
      ],
    );
    const caveats = advisoryCaveats("yes", groups, 1).join(" ");
    assert.match(caveats, /not a statement that any system is vulnerable today/);
    assert.match(caveats, /only effect is a denial of service/);
    assert.match(caveats, /For R4\.3, still supported, the versions below are what to have/);
    assert.match(caveats, /R4\.2 is no longer supported/);
  });

  test("XSA-306: an old XSA whose only release is unsupported is not called a current threat", async () => {
    const groups = await listAdvisoryFixes(306, "2026-12-01");
    assert.deepEqual(groups.map((g) => [g.release, g.support?.status, g.support?.moveTo]), [["4.0", "unsupported", "4.3"]]);
    const caveats = advisoryCaveats("yes", groups, 1);
    assert.ok(
      caveats.includes(
        "Its bulletins give fixes only for R4.0, which is no longer supported. It is not a current threat to a system that installed those fixes; a system still on that release gets no more security fixes: move to Qubes OS R4.3.",
      ),
      caveats.join("\n"),
    );
  });

  test("a not-affected XSA gets the DoS caveat and no fixed versions", async () => {
    assert.deepEqual(await listAdvisoryFixes(150), []);
    assert.deepEqual(advisoryCaveats("no", [], 0), [
      "The tracker counts an XSA whose only effect is a denial of service (a crash or hang of Xen or of a qube) as not affecting Qubes: “not affected” means isolation holds, not that nothing can go wrong.",
    ]);
  });

  test("facts keep where they came from: QSB-115 line 19 for XSA-491's title, line 20 for its CVE", async () => {
    const a = await getAdvisory(491);
    assert.deepEqual(a?.titleOrigin, { source: "bulletin", bulletinNumber: 115, line: 19 });
    assert.deepEqual(a?.cveOrigins, [{ cve: "CVE-2026-42487", source: "bulletin", bulletinNumber: 115, line: 20 }]);
  });

  test("the imported sources are those whose data is here: the template has the news posts but no Xen index", async () => {
    assert.deepEqual(await getImportedSources(), {
      secpack: true,
      "xsa-tracker": true,
      "qsb-index": true,
      "xen-index": false,
      "supported-releases": true,
      news: true,
    });
  });
});
