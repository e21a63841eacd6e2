// Small hand-written data for the builder tests.
import type { FeedAdvisory, FeedBulletin, FeedFix, OsvBulletin } from "@/lib/feeds/types";
import { familyLabel, type FamilyId } from "@/lib/vocabulary/package-family";
import type { Where } from "@/lib/vocabulary/where";

/** A fix as the read model gives it, from the few fields a test cares about. */
export function feedFix(f: { release: string | null; package: string; versions: string[]; where: Where; family?: FamilyId }): FeedFix {
  const family = f.family ?? (f.package === "xen" ? "xen" : "package");
  return {
    bulletin: 54,
    release: f.release,
    releaseStage: null,
    family,
    package: f.package,
    packageLabel: familyLabel({ family, package: f.package }),
    versions: f.versions,
    where: f.where,
    distribution: null,
    rawLine: `- ${f.package} ${f.versions.join(", ")}`,
    releaseLine: null,
  };
}

export const SITE = "https://tracker.example.org";

/** Synced once, long after publication: importedAt = updatedAt (a fresh sync). */
const SYNCED = "2026-11-24T21:24:59.726Z";

export const TRICKY_TITLE = `Escape <b> & "quotes" 'too' ]]> in titles`;

export function bulletin(overrides: Partial<FeedBulletin> = {}): FeedBulletin {
  return {
    number: 54,
    date: "2019-11-26",
    title: "Xen fix for XSA-302 found ineffective in Qubes configuration (XSA-306)",
    signatureStatus: "verified",
    importedAt: SYNCED,
    updatedAt: SYNCED,
    changelog: [],
    advisories: [{ number: 306, title: null }],
    releases: [{ name: "4.0", support: "unsupported", supportEnd: "2022-08-04" }],
    fixes: [feedFix({ release: "4.0", package: "xen", versions: ["4.8.5-13"], where: "dom0" })],
    ...overrides,
  };
}

export function osvBulletin(overrides: Partial<OsvBulletin> = {}): OsvBulletin {
  return {
    ...bulletin(),
    sourcePath: "QSBs/qsb-054-2019.txt",
    secpackCommit: "0123456789abcdef0123456789abcdef01234567",
    sha256: "a".repeat(64),
    covers: [{ number: 306, cves: ["CVE-2019-19579"] }],
    mentions: [302],
    relatedBulletins: [52],
    urls: [
      { label: "1", url: "https://github.com/QubesOS/qubes-secpack/blob/master/QSBs/qsb-052-2019.txt" },
      { label: "2", url: "https://xenbits.xen.org/xsa/advisory-302.html" },
      { label: "3", url: "https://xenbits.xen.org/xsa/advisory-306.html" },
      { label: "4", url: "https://xenproject.org/developers/security-policy/" },
      { label: "5", url: "https://github.com/QubesOS/qubes-issues/issues/5425" },
      { label: "6", url: "not a url" },
    ],
    ...overrides,
  };
}

export const ADVISORIES: FeedAdvisory[] = [
  { number: 306, date: "2019-11-26", title: null, cves: ["CVE-2019-19579"], bulletins: [{ number: 54, title: "Xen fix for XSA-302 found ineffective" }] },
  { number: 507, date: "2026-07-28", title: TRICKY_TITLE, cves: [], bulletins: [] },
];
