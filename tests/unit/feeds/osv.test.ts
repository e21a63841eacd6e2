import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { OSV_ECOSYSTEM, buildOsv, escapeMarkdown, fixedEvents, osvAffected, parseOsvId, type OsvRecord } from "@/lib/feeds/osv";
import { osvProblems } from "./osv-rules";
import { SITE, TRICKY_TITLE, feedFix, osvBulletin } from "./sample";

const RULES = { customEcosystems: [OSV_ECOSYSTEM] };

describe("buildOsv", () => {
  const record = buildOsv(osvBulletin(), SITE);

  test("passes every rule of the OSV schema we check", () => {
    assert.deepEqual(osvProblems(record, RULES), []);
  });
  test("id, schema version, dates", () => {
    assert.equal(record.id, "QSB-054");
    assert.equal(record.schema_version, "1.7.4");
    assert.equal(record.published, "2019-11-26T00:00:00Z");
    assert.equal(record.modified, "2019-11-26T00:00:00Z");
  });
  test("modified follows revisions, not the import", () => {
    const revised = buildOsv(osvBulletin({ changelog: [{ date: "2019-11-26", text: "Original" }, { date: "2020-01-10", text: "Updated packages" }] }), SITE);
    assert.equal(revised.id, record.id);
    assert.equal(revised.modified, "2020-01-10T00:00:00Z");
    assert.equal(revised.published, "2019-11-26T00:00:00Z");
    assert.match(revised.details!, /Updated: Revised 2020-01-10: Updated packages\./);
  });
  test("one affected entry per fix and binary package of its family, with an ECOSYSTEM range from 0 to the fix", () => {
    const affected = record.affected ?? [];
    // "Xen packages" are every binary package of the xen source, never xen-hvm-stubdom-*.
    assert.deepEqual(
      affected.map((a) => a.package.name),
      ["xen-hypervisor", "xen", "xen-libs", "xen-runtime", "xen-licenses", "xen-doc", "xen-devel", "xen-qubes-vm", "python3-xen", "python-xen", "xen-hvm"],
    );
    assert.deepEqual(affected[0], {
      package: { ecosystem: "Qubes OS:4.0", name: "xen-hypervisor", purl: "pkg:rpm/qubes/xen-hypervisor?distro=qubes-4.0" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "4.8.5-13" }] }],
      ecosystem_specific: { location: "dom0", package_family: "xen", source_text: "- xen 4.8.5-13" },
    });
  });
  test("covered XSAs and their CVEs are upstream; mentioned XSAs and other bulletins related; no aliases", () => {
    assert.deepEqual(record.upstream, ["XSA-306", "CVE-2019-19579"]);
    assert.deepEqual(record.related, ["XSA-302", "QSB-052"]);
    assert.equal(record.aliases, undefined);
  });
  test("references: the bulletin file, our page, the XSAs, the [n] URLs typed, deduplicated, only http(s)", () => {
    assert.deepEqual(record.references, [
      { type: "ADVISORY", url: "https://github.com/QubesOS/qubes-secpack/blob/0123456789abcdef0123456789abcdef01234567/QSBs/qsb-054-2019.txt" },
      { type: "WEB", url: `${SITE}/qsb/54` },
      { type: "ADVISORY", url: "https://xenbits.xen.org/xsa/advisory-306.html" },
      { type: "WEB", url: "https://github.com/QubesOS/qubes-secpack/blob/master/QSBs/qsb-052-2019.txt" },
      { type: "ADVISORY", url: "https://xenbits.xen.org/xsa/advisory-302.html" },
      { type: "WEB", url: "https://xenproject.org/developers/security-policy/" },
      { type: "REPORT", url: "https://github.com/QubesOS/qubes-issues/issues/5425" },
    ]);
  });
  test("database_specific carries the signature status and the secpack commit", () => {
    assert.equal(record.database_specific?.signature_status, "verified");
    assert.equal(record.database_specific?.secpack_commit, "0123456789abcdef0123456789abcdef01234567");
  });
  test("summary is the one-line title; details are Markdown with markup escaped", () => {
    const tricky = buildOsv(osvBulletin({ title: `${TRICKY_TITLE}\nsecond line` }), SITE);
    assert.equal(tricky.summary, `${TRICKY_TITLE} second line`);
    assert.ok(tricky.details!.includes(`Escape \\<b\\> & "quotes" 'too' \\]\\]\\> in titles second line.`), tricky.details);
    assert.deepEqual(osvProblems(tricky, RULES), []);
  });
  test("a bulletin with no fixes and no XSAs is still a valid record", () => {
    const bare = buildOsv(osvBulletin({ fixes: [], covers: [], advisories: [], mentions: [], relatedBulletins: [], urls: [], date: null, title: null }), SITE);
    assert.equal(bare.affected, undefined);
    assert.equal(bare.published, undefined);
    assert.equal(bare.summary, "QSB-054");
    assert.deepEqual(osvProblems(bare, RULES), []);
  });
});

describe("fixedEvents", () => {
  test("one version: introduced 0, fixed", () => {
    assert.deepEqual(fixedEvents(["4.8.5-13"]), [{ introduced: "0" }, { fixed: "4.8.5-13" }]);
  });
  test("alternative kernel branches: each fixed at its version, the next range opening at the branch after", () => {
    // As the check reads it: 5.0-5.3 (unlisted, between listed branches) stay affected.
    assert.deepEqual(fixedEvents(["5.9.14-1", "5.4.83-1", "4.19.163-1"]), [
      { introduced: "0" },
      { fixed: "4.19.163-1" },
      { introduced: "4.20" },
      { fixed: "5.4.83-1" },
      { introduced: "5.5" },
      { fixed: "5.9.14-1" },
    ]);
  });
  test("QSB-092 on 4.2: 6.1.43 or 6.4.8", () => {
    assert.deepEqual(fixedEvents(["6.1.43", "6.4.8"]), [{ introduced: "0" }, { fixed: "6.1.43" }, { introduced: "6.2" }, { fixed: "6.4.8" }]);
  });
  test("several versions of one branch: the lowest is the fix on it, as in the check", () => {
    assert.deepEqual(fixedEvents(["4.8.5-13", "4.8.5-14", "4.8.5-13"]), [{ introduced: "0" }, { fixed: "4.8.5-13" }]);
  });
  test("several places of one package are separate entries", () => {
    const affected = osvAffected([
      feedFix({ release: "4.1", package: "qubes-core-agent", versions: ["4.1.20-1"], where: "templates" }),
      feedFix({ release: "4.1", package: "qubes-core-agent", versions: ["4.1.20-1"], where: "dom0" }),
      feedFix({ release: null, package: "qubes-gui-dom0", versions: ["1.2.11"], where: "dom0" }),
    ]);
    assert.deepEqual(
      affected.map((a) => [a.package.ecosystem, a.package.purl ?? null, a.ecosystem_specific?.location]),
      [
        ["Qubes OS:4.1", null, "templates"],
        ["Qubes OS:4.1", "pkg:rpm/qubes/qubes-core-agent?distro=qubes-4.1", "dom0"],
        ["Qubes OS", "pkg:rpm/qubes/qubes-gui-dom0", "dom0"],
      ],
    );
  });
});

describe("OSV IDs and text", () => {
  test("parseOsvId reads QSB-054 and QSB-54, nothing else", () => {
    assert.equal(parseOsvId("QSB-054"), 54);
    assert.equal(parseOsvId("qsb-54"), 54);
    for (const bad of ["54", "QSB054", "QSB-0", "XSA-306", "QSB-054.json", "QSB-12345"]) assert.equal(parseOsvId(bad), null, bad);
  });
  test("escapeMarkdown", () => {
    assert.equal(escapeMarkdown("a *b* _c_ [d](e) <f> `g` #h |i| ~j~ \\k"), "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\#h \\|i\\| \\~j\\~ \\\\k");
  });
});

describe("the OSV rules helper rejects what the spec forbids", () => {
  const good = (): OsvRecord => buildOsv(osvBulletin(), SITE);
  const broken = (change: (r: Record<string, unknown>) => void) => {
    const record = structuredClone(good()) as unknown as Record<string, unknown>;
    change(record);
    return osvProblems(record, RULES);
  };
  const affected0 = (r: Record<string, unknown>) => (r.affected as { ranges: { events: unknown[]; type?: string }[]; package: Record<string, unknown> }[])[0]!;
  const cases: [string, (r: Record<string, unknown>) => void, RegExp][] = [
    ["missing modified", (r) => delete r.modified, /modified is required/],
    ["missing schema_version", (r) => delete r.schema_version, /schema_version is required/],
    ["id without prefix", (r) => (r.id = "054"), /<DB>-<ENTRYID>/],
    ["timestamp without Z", (r) => (r.modified = "2019-11-26T00:00:00+01:00"), /RFC 3339 UTC/],
    ["date-only timestamp", (r) => (r.published = "2019-11-26"), /RFC 3339 UTC/],
    ["published after modified", (r) => (r.published = "2030-01-01T00:00:00Z"), /published is after modified/],
    ["duplicate related", (r) => (r.related = ["XSA-302", "XSA-302"]), /related has duplicates/],
    ["own id in related", (r) => (r.related = ["QSB-054"]), /own id/],
    ["same id upstream and related", (r) => (r.related = ["XSA-306"]), /both upstream and related/],
    ["unknown field", (r) => (r.severityScore = 5), /unknown top-level field/],
    ["multi-line summary", (r) => (r.summary = "a\nb"), /one line/],
    ["fixed before introduced", (r) => (affected0(r).ranges[0]!.events = [{ fixed: "1" }, { introduced: "0" }]), /fixed without an introduced before it/],
    ["no introduced", (r) => (affected0(r).ranges[0]!.events = [{ fixed: "1" }]), /no introduced/],
    ["two keys in one event", (r) => (affected0(r).ranges[0]!.events = [{ introduced: "0", fixed: "1" }]), /exactly one of/],
    ["fixed and last_affected", (r) => (affected0(r).ranges[0]!.events = [{ introduced: "0" }, { fixed: "1" }, { introduced: "2" }, { last_affected: "3" }]), /mixes fixed and last_affected/],
    ["empty events", (r) => (affected0(r).ranges[0]!.events = []), /events is empty/],
    ["bad range type", (r) => (affected0(r).ranges[0]!.type = "RPM"), /is not SEMVER, ECOSYSTEM or GIT/],
    ["undeclared ecosystem", (r) => (affected0(r).package.ecosystem = "Qubes:4.0"), /neither defined by the spec nor declared/],
    ["purl with a version", (r) => (affected0(r).package.purl = "pkg:rpm/qubes/xen@4.8.5"), /purl/],
    ["bad reference type", (r) => ((r.references as { type: string }[])[0]!.type = "BULLETIN"), /not in the spec's enum/],
    ["relative reference url", (r) => ((r.references as { url: string }[])[0]!.url = "/qsb/54"), /absolute http\(s\) URL/],
  ];
  for (const [name, change, expected] of cases) {
    test(name, () => {
      const problems = broken(change);
      assert.ok(problems.some((p) => expected.test(p)), `${name}: ${JSON.stringify(problems)}`);
    });
  }
  test("declared custom ecosystems only; the spec's own pass", () => {
    assert.deepEqual(osvProblems(good(), RULES), []);
    assert.ok(osvProblems(good()).some((p) => /Qubes OS:4\.0/.test(p)));
    const debian = structuredClone(good());
    debian.affected = debian.affected!.slice(0, 1);
    debian.affected[0]!.package.ecosystem = "Debian:12";
    assert.deepEqual(osvProblems(debian), []);
  });
});
