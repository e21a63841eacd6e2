// The importer over the real Qubes data in ../shared/fixtures, from an empty
// database (a fresh sync, not the template: the first run's own summary is
// under test), on each database.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { parseQsbIndex, parseXsaTracker } from "@/lib/secpack/parse-website";
import { runSync, type SyncSummary } from "@/lib/secpack/sync";
import { createTestDatabaseFor, describeEachDatabase, snapshotDatabase, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { QSB_INDEX_FILE, XSA_TRACKER_FILE, realData } from "../helpers/fixtures";
import { copySecpack, fixtureSyncOptions } from "../helpers/sync";

describeEachDatabase("sync over the real data", realData, (provider) => {
  let t: AnyTestDatabase;
  let first: SyncSummary;

  before(async () => {
    t = await createTestDatabaseFor(provider, "tracker_real");
    await useDatabase(t);
    first = await runSync(t.db, fixtureSyncOptions(t));
  });
  after(async () => t.cleanup());

  test("a plain-folder secpack: no revision history, and the bulletin page says it is unknown", async () => {
    const { getBulletinHistory } = await import("@/lib/queries/history");
    const { RevisionHistory } = await import("@/components/bulletin/revision-history");
    const { createElement } = await import("react");
    const { renderToStaticMarkup } = await import("react-dom/server");
    assert.equal(await t.db.bulletinRevision.count(), 0);
    const history = await getBulletinHistory(101, "2024-03-12", ["2024-03-12", "2024-03-17"]);
    assert.equal(history.known, false);
    // The changelog still dates the update; the history's date stays unknown.
    assert.deepEqual(history.updated, { updated: "2024-03-17", fromChangelog: "2024-03-17", fromHistory: null });
    const html = renderToStaticMarkup(createElement(RevisionHistory, { bulletin: 101, history, diff: null, from: undefined, to: undefined, signatures: [] }));
    assert.match(html, /History unknown: the secpack was read from a plain folder/);
    // The provenance says so too, with no commit and no tags.
    const row = await t.db.secpackProvenance.findUniqueOrThrow({ where: { id: 1 } });
    assert.equal(row.kind, "folder");
    assert.equal(row.commit, null);
    assert.match(row.note ?? "", /git history and signed tags are unknown/);
    assert.equal(await t.db.secpackTag.count(), 0);
  });

  test("imports all 116 bulletins with the index's date and a title", async () => {
    assert.equal(first.status, "updated");
    assert.equal(first.counts.bulletins, 116);
    const index = new Map(parseQsbIndex(readFileSync(QSB_INDEX_FILE, "utf8"), QSB_INDEX_FILE).entries.map((e) => [e.number, e]));
    const rows = await t.db.bulletin.findMany({ orderBy: { number: "asc" } });
    assert.deepEqual(rows.map((r) => r.number), Array.from({ length: 116 }, (_, i) => i + 1));
    for (const row of rows) {
      const entry = index.get(row.number);
      assert.ok(entry?.title, `QSB-${row.number} in the index, with a title`);
      assert.equal(row.date, entry.date, `date of QSB-${row.number}`);
      assert.equal(row.title, entry.title, `title of QSB-${row.number}`);
      assert.match(row.sha256, /^[0-9a-f]{64}$/);
      assert.ok(row.rawText.includes("Qubes Security Bulletin"), `raw text of QSB-${row.number}`);
    }
  });

  test("keeps each bulletin's text verbatim, with its file's sha256", async () => {
    const row = await t.db.bulletin.findUniqueOrThrow({ where: { number: 54 } });
    const file = path.join(fixtureSyncOptions(t).secpack, "QSBs", "qsb-054-2019.txt");
    assert.equal(row.rawText, readFileSync(file, "utf8"));
    assert.equal(row.sourcePath, "QSBs/qsb-054-2019.txt");
  });

  test("every tracker entry's verdict", async () => {
    const tracker = parseXsaTracker(readFileSync(XSA_TRACKER_FILE, "utf8"), XSA_TRACKER_FILE).entries;
    const advisories = new Map((await t.db.advisory.findMany()).map((a) => [a.number, a]));
    for (const entry of tracker) {
      const row = advisories.get(entry.xsa);
      assert.ok(row, `XSA-${entry.xsa} stored`);
      assert.equal(row.qubesAffected, entry.verdict, `verdict of XSA-${entry.xsa}`);
      assert.equal(row.date, entry.date, `date of XSA-${entry.xsa}`);
      assert.equal(row.inTracker, true);
    }
  });

  test("QSB-054, XSA-306, XSA-302 and QSB-052 through the API", async () => {
    const { GET: getQsb } = await import("@/app/api/qsb/[n]/route");
    const { GET: getXsa } = await import("@/app/api/xsa/[n]/route");
    const call = async (handler: typeof getQsb, n: string) => {
      const response = await handler(new Request("http://localhost/"), { params: Promise.resolve({ n }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    for (const spelling of ["54", "054", "QSB-054"]) {
      const { status, body } = await call(getQsb, spelling);
      assert.equal(status, 200, spelling);
      assert.equal(body.number, 54);
      assert.equal(body.id, "QSB-054");
      assert.equal(body.date, "2019-11-26");
      assert.equal(body.title, "Xen fix for XSA-302 found ineffective in Qubes configuration (XSA-306)");
      assert.deepEqual(
        (body.advisories as { xsa: number; relation: string }[]).map(({ xsa, relation }) => ({ xsa, relation })),
        [
          { xsa: 306, relation: "covers" },
          { xsa: 302, relation: "references" },
        ],
      );
      assert.deepEqual(
        (body.bulletins as { qsb: number; relation: string }[]).map(({ qsb, relation }) => ({ qsb, relation })),
        [{ qsb: 52, relation: "references" }],
      );
      assert.deepEqual(
        (body.fixes as Record<string, unknown>[]).map(({ release, family, package: pkg, versions, where, releaseLine }) => ({ release, family, package: pkg, versions, where, releaseLine })),
        [{ release: "4.0", family: "xen", package: "xen", versions: ["4.8.5-13"], where: "dom0", releaseLine: "For Qubes OS 4.0:" }],
      );
    }
    const xsa306 = await call(getXsa, "306");
    assert.equal(xsa306.status, 200);
    assert.equal(xsa306.body.id, "XSA-306");
    assert.equal(xsa306.body.date, "2019-11-26");
    assert.equal(xsa306.body.qubesAffected, "yes");
    assert.deepEqual(
      (xsa306.body.bulletins as { qsb: number; relation: string }[]).map(({ qsb, relation }) => ({ qsb, relation })),
      [{ qsb: 54, relation: "covers" }],
    );
    const related306 = xsa306.body.related as { xsa: number; relation: string }[];
    assert.deepEqual(related306.map(({ xsa, relation }) => ({ xsa, relation })), [{ xsa: 302, relation: "follows-up" }]);

    const xsa302 = await call(getXsa, "XSA-302");
    assert.equal(xsa302.body.qubesAffected, "yes");
    assert.deepEqual(
      (xsa302.body.bulletins as { qsb: number; relation: string }[]).map(({ qsb, relation }) => ({ qsb, relation })),
      [
        { qsb: 52, relation: "covers" },
        { qsb: 54, relation: "references" },
      ],
    );
    assert.deepEqual(
      (xsa302.body.related as { xsa: number; relation: string }[]).map(({ xsa, relation }) => ({ xsa, relation })),
      [{ xsa: 306, relation: "followed-up-by" }],
    );
    const qsb52 = await call(getQsb, "52");
    assert.ok((qsb52.body.advisories as { xsa: number; relation: string }[]).some((a) => a.xsa === 302 && a.relation === "covers"));
  });

  test("unknown and malformed numbers are 404 with a JSON error", async () => {
    const { GET: getQsb } = await import("@/app/api/qsb/[n]/route");
    const { GET: getXsa } = await import("@/app/api/xsa/[n]/route");
    for (const [handler, n] of [
      [getQsb, "999"],
      [getQsb, "0"],
      [getQsb, "abc"],
      [getQsb, "%E0%A4%A"],
      [getQsb, "54; DROP TABLE"],
      [getXsa, "99999"],
      [getXsa, "-1"],
      [getXsa, "XSA-"],
    ] as const) {
      const response = await handler(new Request("http://localhost/"), { params: Promise.resolve({ n }) });
      assert.equal(response.status, 404, n);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, "not_found");
      assert.ok(body.error.message.length > 0);
    }
  });

  test("the list API: newest first", async () => {
    const { GET } = await import("@/app/api/qsb/route");
    const body = (await (await GET(new Request("http://localhost/api/qsb"))).json()) as { items: { number: number; id: string; date: string; title: string; signatureStatus: string }[] };
    assert.equal(body.items.length, 116);
    assert.equal(body.items[0]?.number, 116);
    assert.deepEqual(Object.keys(body.items[0] ?? {}).sort(), ["date", "id", "number", "signatureStatus", "title"]);
  });

  test("a second run with nothing changed writes nothing but its run record, and says so", async () => {
    const before = await snapshotDatabase(t);
    const version = await t.db.dataVersion.findUnique({ where: { id: 1 } });
    const runs = await t.db.syncRun.count();
    const second = await runSync(t.db, fixtureSyncOptions(t));
    assert.equal(second.status, "unchanged");
    assert.equal(second.counts.bulletins, 116);
    assert.equal(await snapshotDatabase(t), before, "no data row changed");
    assert.deepEqual(await t.db.dataVersion.findUnique({ where: { id: 1 } }), version, "the data version did not move");
    // The run is recorded (the pages' "last refreshed" moves on), as "unchanged".
    assert.equal(await t.db.syncRun.count(), runs + 1);
    assert.equal((await t.db.syncRun.findFirst({ orderBy: { id: "desc" } }))?.status, "unchanged");
  });

  test("Xen's XSA index adds titles and CVEs (a small file in xsa.json's shape)", async () => {
    const file = path.join(t.dir, "xsa.json");
    writeFileSync(
      file,
      JSON.stringify([
        {
          xsas: [
            { xsa: "302", title: "passed-through PCI devices may corrupt host memory after deassignment", public_time: "2019-10-31 12:00", version: 2, cve: ["CVE-2019-18424"], files: [] },
            { xsa: "306", title: "Device quarantine for alternate pci assignment methods", public_time: "2019-11-26 12:00", version: 2, cve: ["CVE-2019-19579"], files: [] },
          ],
        },
      ]),
    );
    const run = await runSync(t.db, fixtureSyncOptions(t, { xenIndex: file }));
    assert.equal(run.status, "updated");
    const { GET } = await import("@/app/api/xsa/[n]/route");
    const body = (await (await GET(new Request("http://localhost/"), { params: Promise.resolve({ n: "306" }) })).json()) as Record<string, unknown>;
    assert.equal(body.title, "Device quarantine for alternate pci assignment methods");
    assert.deepEqual(body.cves, ["CVE-2019-19579"]);
    assert.equal(body.qubesAffected, "yes", "the tracker's verdict stays");
    const { searchAll } = await import("@/lib/queries/search");
    const found = await searchAll("cve-2019-19579");
    assert.equal(found.results[0]?.id, "XSA-306");
    // Back to the run without Xen's index, for the tests after this one.
    assert.equal((await runSync(t.db, fixtureSyncOptions(t))).status, "updated");
  });

  test("a changed file is parsed again; the rest keep their import time", async () => {
    const secpack = copySecpack();
    const file = path.join(secpack, "QSBs", "qsb-116-2026.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("Xen packages", "Xen packages (changed)"));
    const before = await t.db.bulletin.findUniqueOrThrow({ where: { number: 115 } });
    const run = await runSync(t.db, fixtureSyncOptions(t, { secpack }));
    assert.equal(run.status, "updated");
    assert.equal(run.counts.bulletinsUpdated, 1);
    assert.equal(run.counts.bulletinsAdded, 0);
    const changed = await t.db.bulletin.findUniqueOrThrow({ where: { number: 116 }, include: { signatures: true } });
    assert.ok(changed.rawText.includes("Xen packages (changed)"));
    // Only the changed file's signatures were verified again, and they no longer match.
    assert.equal(run.counts.signaturesVerified, changed.signatures.length);
    assert.deepEqual(changed.signatures.map((s) => s.status), changed.signatures.map(() => "bad"));
    assert.equal(changed.signatureStatus, "failed");
    const after115 = await t.db.bulletin.findUniqueOrThrow({ where: { number: 115 } });
    assert.equal(after115.updatedAt.getTime(), before.updatedAt.getTime());
    // Back to the real data for the tests after this one.
    const back = await runSync(t.db, fixtureSyncOptions(t));
    assert.equal(back.counts.bulletinsUpdated, 1);
    assert.equal((await t.db.bulletin.findUniqueOrThrow({ where: { number: 116 } })).signatureStatus, "verified");
  });
});
