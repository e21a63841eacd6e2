// OSV records of the bulletins (https://ossf.github.io/osv-schema/, read at
// version 1.7.4). Pure: plain data in, a JSON-ready object out.
//
// Choices, and why:
//
// - id: the bulletin's own ID, "QSB-054". OSV IDs are `<DB>-<ENTRYID>`; "QSB"
//   is the prefix Qubes itself uses but it is not (yet) in the spec's table
//   of home-database prefixes, which only Qubes could register. Strict
//   validators that check the prefix against that table will flag it; the
//   format itself is right, and the ID means what Qubes users already call it.
//
// - ecosystem: OSV has no Qubes ecosystem, and none of its defined ones fits
//   (dom0 is built from Fedora RPMs, but Qubes' own packages are in no
//   Fedora, Red Hat or Rocky stream, and template fixes may be Debian or
//   Fedora packages). Claiming one of them would make scanners match Qubes
//   versions against another distribution's. So: a custom "Qubes OS" with the
//   `:<RELEASE>` suffix convention of the distribution ecosystems ("Qubes
//   OS:4.0", "Qubes OS:R2"; plain "Qubes OS" for early bulletins that name no
//   release). Tools that do not know it skip those entries instead of
//   mismatching them. Versions in it compare as RPM EVRs (rpmvercmp).
//
// - one `affected` entry per release × package × place (dom0, templates…),
//   with an ECOSYSTEM range `introduced: "0"`, `fixed: <version>`. When a
//   bulletin lists several versions of one package for one release they are
//   parallel branches (kernel 4.19 / 5.4 / 5.9 lines): each branch after the
//   lowest starts a new `introduced` at its "major.minor", so a patched
//   older-branch kernel is not reported as vulnerable. Where that ordering
//   would not hold, a single range up to the highest version is used (errs
//   on the side of "affected"). `versions` is not enumerated: we do not know
//   every Qubes build.
//
// - aliases: none. An alias is the same vulnerability in another database,
//   and the spec says a downstream advisory must not alias the upstream IDs it
//   bundles: a QSB is Qubes' downstream response to XSAs (often several at
//   once, with Qubes-specific impact). The covered XSAs and their CVEs go in
//   `upstream` (the field the spec defines for exactly this, since 1.6.8);
//   XSAs the text only mentions and other bulletins it names (or that name
//   it) go in `related`.
import { compareEvr, parseEvr } from "@/lib/rpm/version";
import { advisoryId, bulletinId } from "@/lib/ids";
import { site } from "@/lib/site";
import { UNKNOWN_DATE, rfc3339 } from "./dates";
import { bulletinDates, releaseLabel, signatureWords } from "./entries";
import type { FeedFix, OsvBulletin } from "./types";

export const OSV_SCHEMA_VERSION = "1.7.4";
export const OSV_ID_PREFIX = "QSB";
export const OSV_ECOSYSTEM = "Qubes OS";

export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface OsvRange {
  type: "ECOSYSTEM" | "SEMVER" | "GIT";
  repo?: string;
  events: OsvEvent[];
  database_specific?: Record<string, unknown>;
}

export interface OsvAffected {
  package: { ecosystem: string; name: string; purl?: string };
  ranges: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export type OsvReferenceType = "ADVISORY" | "ARTICLE" | "DETECTION" | "DISCUSSION" | "REPORT" | "FIX" | "INTRODUCED" | "GIT" | "PACKAGE" | "EVIDENCE" | "WEB";

export interface OsvRecord {
  schema_version: string;
  id: string;
  modified: string;
  published?: string;
  aliases?: string[];
  upstream?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  affected?: OsvAffected[];
  references?: { type: OsvReferenceType; url: string }[];
  database_specific?: Record<string, unknown>;
}

/** "QSB-054"; the OSV ID of a bulletin. */
export const osvId = (number: number) => bulletinId(number);

/** "QSB-054", "QSB-54", "qsb-054" → 54; anything else → null. Only the OSV ID form, not bare numbers. */
export function parseOsvId(input: string): number | null {
  const match = /^QSB-0*(\d{1,4})$/i.exec(input.trim());
  if (!match) return null;
  const n = Number(match[1]);
  return n > 0 ? n : null;
}

export const osvEcosystem = (release: string | null) => (release === null ? OSV_ECOSYSTEM : `${OSV_ECOSYSTEM}:${release}`);

/** Fixed versions of one package on one release → the events of one ECOSYSTEM range. */
export function fixedEvents(versions: string[]): OsvEvent[] {
  const distinct = [...new Set(versions.map((v) => v.trim()).filter(Boolean))];
  const ascending = distinct.sort((a, b) => compareEvr(parseEvr(a), parseEvr(b)));
  if (ascending.length === 0) return [{ introduced: "0" }];
  // Group by branch ("5.4" of "5.4.83-1"), keeping the highest of each.
  const branches = new Map<string, string>();
  for (const version of ascending) branches.set(branchOf(version), version);
  const tops = [...branches.entries()];
  const events: OsvEvent[] = [{ introduced: "0" }];
  let previous: string | null = null;
  for (const [branch, fixed] of tops) {
    if (previous !== null) {
      // A branch must start after the previous branch's fix, or the ranges would overlap.
      if (compareEvr(parseEvr(branch), parseEvr(previous)) <= 0) return [{ introduced: "0" }, { fixed: ascending[ascending.length - 1]! }];
      events.push({ introduced: branch });
    }
    events.push({ fixed });
    previous = fixed;
  }
  return events;
}

function branchOf(version: string): string {
  const upstream = parseEvr(version).version;
  return upstream.split(".").slice(0, 2).join(".");
}

const PURL_TYPES: Record<string, string> = { dom0: "rpm" };

function purl(fix: { release: string | null; package: string; where: string }): string | undefined {
  // dom0 packages are RPMs built by the Qubes project; templates and VMs may be
  // RPMs or Debian packages, so no purl is claimed for them.
  const type = PURL_TYPES[fix.where];
  if (!type) return undefined;
  const distro = fix.release === null ? "" : `?distro=${encodeURIComponent(`qubes-${fix.release.toLowerCase()}`)}`;
  return `pkg:${type}/qubes/${encodeURIComponent(fix.package)}${distro}`;
}

export function osvAffected(fixes: FeedFix[]): OsvAffected[] {
  const groups = new Map<string, { release: string | null; package: string; where: string; versions: string[] }>();
  for (const fix of fixes) {
    const key = JSON.stringify([fix.release, fix.package, fix.where]);
    const group = groups.get(key) ?? { release: fix.release, package: fix.package, where: fix.where, versions: [] };
    group.versions.push(fix.version);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => {
    const url = purl(g);
    return {
      package: { ecosystem: osvEcosystem(g.release), name: g.package, ...(url ? { purl: url } : {}) },
      ranges: [{ type: "ECOSYSTEM", events: fixedEvents(g.versions) }],
      ecosystem_specific: { location: g.where },
      ...(g.versions.length > 1 ? { database_specific: { fixed_versions_listed: g.versions } } : {}),
    };
  });
}

function referenceType(url: string): OsvReferenceType {
  if (/^https?:\/\/xenbits\.xen(project)?\.org\/xsa\/advisory-\d+/i.test(url)) return "ADVISORY";
  if (/github\.com\/QubesOS\/qubes-issues\/issues\/\d+/i.test(url) || /\/ticket\/\d+/i.test(url)) return "REPORT";
  if (/github\.com\/[^/]+\/[^/]+\/(commit|pull)\//i.test(url) || /[;?&]a=commit(diff)?[;&]/i.test(url)) return "FIX";
  return "WEB";
}

function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

/** Backslash-escape what CommonMark would read as markup in free text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`).replace(/\s+/g, " ").trim();
}

const unique = (values: string[], except: string) => [...new Set(values)].filter((v) => v !== except);

export function buildOsv(bulletin: OsvBulletin, siteUrl: string): OsvRecord {
  const base = siteUrl.replace(/\/+$/, "");
  const id = osvId(bulletin.number);
  const { published, updated, revisions } = bulletinDates(bulletin);
  const covered = [...bulletin.covers].sort((a, b) => a.number - b.number);
  const upstream = unique([...covered.map((c) => advisoryId(c.number)), ...covered.flatMap((c) => [...c.cves].sort())], id);
  const coveredSet = new Set(covered.map((c) => c.number));
  const related = unique(
    [
      ...[...bulletin.mentions].filter((n) => !coveredSet.has(n)).sort((a, b) => a - b).map(advisoryId),
      ...[...bulletin.relatedBulletins].sort((a, b) => a - b).map(osvId),
    ],
    id,
  ).filter((r) => !upstream.includes(r));

  const references: { type: OsvReferenceType; url: string }[] = [
    { type: "ADVISORY", url: site.secpackFileUrl(bulletin.secpackCommit, bulletin.sourcePath) },
    { type: "WEB", url: `${base}/qsb/${bulletin.number}` },
    ...covered.map((c) => ({ type: "ADVISORY" as const, url: site.xenAdvisoryUrl(c.number) })),
    ...[...bulletin.urls]
      .sort((a, b) => Number(a.label) - Number(b.label) || a.label.localeCompare(b.label))
      .map((u) => u.url.trim())
      .filter(isWebUrl)
      .map((url) => ({ type: referenceType(url), url })),
  ];
  const seen = new Set<string>();
  const dedupedReferences = references.filter((r) => (seen.has(r.url) ? false : (seen.add(r.url), true)));

  const title = (bulletin.title ?? "").replace(/\s+/g, " ").trim();
  const details: string[] = [`Qubes Security Bulletin ${id}${bulletin.date ? `, published ${bulletin.date}` : ""}.`];
  if (title) details[0] = `${details[0]} ${escapeMarkdown(title)}.`;
  for (const note of revisions) details.push(`Updated: ${escapeMarkdown(note)}.`);
  if (covered.length > 0) {
    details.push(
      `Covers ${covered.map((c) => `${advisoryId(c.number)}${c.cves.length ? ` (${[...c.cves].sort().join(", ")})` : ""}`).join(", ")}.`,
    );
  }
  const mentioned = related.filter((r) => r.startsWith("XSA-"));
  if (mentioned.length > 0) details.push(`Mentions ${mentioned.join(", ")}.`);
  if (bulletin.fixes.length > 0) {
    details.push(
      ["Fixed package versions:", "", ...bulletin.fixes.map((f) => `- ${escapeMarkdown(releaseLabel(f.release))}: ${escapeMarkdown(f.package)} ${escapeMarkdown(f.version)} (${escapeMarkdown(f.where)})`)].join("\n"),
    );
  }
  details.push(`Signature: ${escapeMarkdown(signatureWords(bulletin.signatureStatus))}.`);

  const affected = osvAffected(bulletin.fixes);
  return {
    schema_version: OSV_SCHEMA_VERSION,
    id,
    modified: rfc3339(updated),
    ...(published ? { published: rfc3339(published) } : {}),
    ...(upstream.length > 0 ? { upstream } : {}),
    ...(related.length > 0 ? { related } : {}),
    summary: title || id,
    details: details.join("\n\n"),
    ...(affected.length > 0 ? { affected } : {}),
    references: dedupedReferences,
    database_specific: {
      signature_status: bulletin.signatureStatus,
      secpack_commit: bulletin.secpackCommit,
      source_path: bulletin.sourcePath,
      sha256: bulletin.sha256,
      changelog: bulletin.changelog,
      url: `${base}/qsb/${bulletin.number}`,
    },
  };
}

/** The newest `modified` of a set of records, for Last-Modified. */
export function newestModified(records: OsvRecord[]): Date {
  return records.reduce((max, r) => {
    const t = Date.parse(r.modified);
    return Number.isFinite(t) && t > max.getTime() ? new Date(t) : max;
  }, UNKNOWN_DATE);
}
