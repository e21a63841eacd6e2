// Small hand-written data for the builder tests.
import type { FeedAdvisory, FeedBulletin, OsvBulletin } from "@/lib/feeds/types";

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
    fixes: [{ release: "4.0", package: "xen", version: "4.8.5-13", where: "dom0" }],
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
