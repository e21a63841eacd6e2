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
//   OS:4.0", "Qubes OS:2"; plain "Qubes OS" for early bulletins that name no
//   release). Tools that do not know it skip those entries instead of
//   mismatching them. Versions in it compare as RPM EVRs (rpmvercmp).
//
// - one `affected` entry per fix (release × package family × place) and
//   binary package of the family ("Xen packages" are xen, xen-hypervisor,
//   xen-libs, ...: lib/vocabulary/package-family.ts), with an ECOSYSTEM range
//   per the branch rule (lib/rpm/branches.ts): when a bulletin lists several
//   versions they are alternative branches (kernel 6.1.43, 6.4.8): each
//   branch gets `fixed` at its version, and the next range starts again at
//   the branch after it ("6.2"), so an unlisted branch between listed ones
//   stays affected, exactly as the check answers. `versions` is not
//   enumerated: we do not know every Qubes build.
//
// - aliases: none. An alias is the same vulnerability in another database,
//   and the spec says a downstream advisory must not alias the upstream IDs it
//   bundles: a QSB is Qubes' downstream response to XSAs (often several at
//   once, with Qubes-specific impact). The covered XSAs and their CVEs go in
//   `upstream` (the field the spec defines for exactly this, since 1.6.8);
//   XSAs the text only mentions and other bulletins it names (or that name
//   it) go in `related`.
import { branchOf } from "@/lib/rpm/branches";
import { compareEvr, parseEvr, rpmVerCmp } from "@/lib/rpm/version";
import { packagesOf } from "@/lib/vocabulary/package-family";
import { releaseLabel } from "@/lib/vocabulary/release";
import { whereLabel } from "@/lib/vocabulary/where";
import { versionsText } from "@/lib/queries/fixes";
import { advisoryId, bulletinId } from "@/lib/ids";
import { site } from "@/lib/site";
import { UNKNOWN_DATE, rfc3339 } from "./dates";
import { bulletinDates, signatureWords } from "./entries";
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

/** The branch after this one: "6.1" → "6.2", "20230625" → "20230626". */
function nextBranch(branch: string): string {
  const parts = branch.split(".");
  const last = Number(parts[parts.length - 1]);
  if (!Number.isSafeInteger(last)) return `${branch}.~`;
  parts[parts.length - 1] = String(last + 1);
  return parts.join(".");
}

/** The alternative versions of one fix → the events of one ECOSYSTEM range (lib/rpm/branches.ts's rule). */
export function fixedEvents(versions: string[]): OsvEvent[] {
  const distinct = [...new Set(versions.map((v) => v.trim()).filter(Boolean))];
  if (distinct.length === 0) return [{ introduced: "0" }];
  // The lowest version of each branch is its fix; branches in ascending order.
  const byBranch = new Map<string, string>();
  for (const version of distinct) {
    const b = branchOf(version);
    const current = byBranch.get(b);
    if (current === undefined || compareEvr(parseEvr(version), parseEvr(current)) < 0) byBranch.set(b, version);
  }
  const branches = [...byBranch.entries()].sort((a, b) => rpmVerCmp(a[0], b[0]));
  const events: OsvEvent[] = [{ introduced: "0" }];
  branches.forEach(([, fixed], i) => {
    if (i > 0) events.push({ introduced: nextBranch(branches[i - 1]![0]) });
    events.push({ fixed });
  });
  return events;
}

function purl(release: string | null, name: string, where: string): string | undefined {
  // dom0 packages are RPMs built by the Qubes project; templates may be RPMs
  // or Debian packages, so no purl is claimed for them.
  if (where !== "dom0") return undefined;
  const distro = release === null ? "" : `?distro=${encodeURIComponent(`qubes-${release}`)}`;
  return `pkg:rpm/qubes/${encodeURIComponent(name)}${distro}`;
}

export function osvAffected(fixes: FeedFix[]): OsvAffected[] {
  return fixes.flatMap((fix) =>
    packagesOf(fix).names.map((name) => {
      const url = purl(fix.release, name, fix.where);
      return {
        package: { ecosystem: osvEcosystem(fix.release), name, ...(url ? { purl: url } : {}) },
        ranges: [{ type: "ECOSYSTEM" as const, events: fixedEvents(fix.versions) }],
        ecosystem_specific: {
          location: fix.where,
          ...(fix.distribution ? { distribution: fix.distribution } : {}),
          package_family: fix.family,
          source_text: fix.releaseLine ? `${fix.releaseLine}\n${fix.rawLine}` : fix.rawLine,
        },
        ...(fix.versions.length > 1 ? { database_specific: { fixed_versions_listed: fix.versions } } : {}),
      };
    }),
  );
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
      ["Fixed package versions:", "", ...bulletin.fixes.map((f) => `- ${escapeMarkdown(releaseLabel(f.release, f.releaseStage))}: ${escapeMarkdown(f.packageLabel)} ${escapeMarkdown(versionsText(f.versions))} (${escapeMarkdown(whereLabel(f.where, f.distribution))})`)].join("\n"),
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
