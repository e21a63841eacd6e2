// The Qubes documentation's supported-releases page as a sync source
// (`--supported-releases <file or URL | none>`): each release's support
// window and dom0 Fedora version, written onto the Release rows. "none"
// skips it (support is then "unknown", and the pages and the check say so).
//
// A page that cannot be read (no network, a moved file) does not fail the
// sync: the bulletins still update. The support data an earlier sync read is
// kept, marked stale (Release.supportStale, with the date it was read in
// supportSyncedAt), and a source warning says what failed and what to do; the
// pages, the check and the API then say the support data is from an earlier
// sync, or unknown when no sync ever read it.
import { releaseSortKey } from "@/lib/vocabulary/release";
import type { WarningRecord } from "./build";
import { parseSupportedReleases, type SupportedRelease } from "./parse-supported-releases";
import { sha256Hex } from "./read-text";
import { readSource } from "./source";
import { defineSource, type SourceBuilt } from "./sync-source";

export const SUPPORTED_RELEASES_SOURCE_NAME = "supported-releases";

/** Where the page lives in qubes-doc, for the warning's advice. */
const DOC_PATH = "user/downloading-installing-upgrading/supported-releases.rst";

type Fetched = { ok: true; text: string; location: string } | { ok: false; location: string; error: string } | null;

/** What the store step writes: the page's rows, or (page unreadable) the rows an earlier sync stored, read in `clear`. */
type Records =
  | { ok: true; releases: SupportedRelease[] }
  | { ok: false; kept: (SupportedRelease & { syncedAt: Date | null })[] };

function sourceWarning(message: string): WarningRecord {
  return { kind: "source", bulletinNumber: null, advisoryNumber: null, file: null, line: null, message };
}

/** The source warning of an unreadable page: what failed, what is kept, what to do. */
export function unreadableWarning(error: string): string {
  return (
    `supported releases not updated: ${error}. The support data of an earlier sync is kept and the pages and the check say it is from that sync ` +
    `(or unknown, where no sync ever read it). Sync from a local copy instead: npm run sync -- --supported-releases <file> (qubes-doc's ${DOC_PATH}).`
  );
}

type Parsed = { ok: true; releases: SupportedRelease[]; warnings: string[] } | { ok: false; error: string };

export function supportedReleasesSource(location: string | null) {
  return defineSource<Fetched, Parsed, Parsed, Records>({
    name: SUPPORTED_RELEASES_SOURCE_NAME,
    async fetch() {
      if (location === null) {
        return { data: null, states: [{ name: SUPPORTED_RELEASES_SOURCE_NAME, location: "none", sha256: "none", commit: null }] };
      }
      try {
        const file = await readSource(location, "supported releases page");
        return {
          data: { ok: true, text: file.bytes.toString("utf8"), location: file.location },
          states: [{ name: SUPPORTED_RELEASES_SOURCE_NAME, location: file.location, sha256: file.sha256, commit: null }],
        };
      } catch (error) {
        // The same failure again changes nothing; another one (or another location) is recorded.
        const message = (error as Error).message;
        return {
          data: { ok: false, location, error: message },
          states: [{ name: SUPPORTED_RELEASES_SOURCE_NAME, location, sha256: sha256Hex(`unavailable\n${location}\n${message}`), commit: null }],
        };
      }
    },
    parse: (data): Parsed =>
      data === null ? { ok: true, releases: [], warnings: [] } : data.ok ? { ok: true, ...parseSupportedReleases(data.text, data.location) } : { ok: false, error: data.error },
    verify: (parsed) => Promise.resolve(parsed),
    build: (parsed): SourceBuilt<Records> => {
      if (!parsed.ok) {
        return { records: { ok: false, kept: [] }, warnings: [sourceWarning(unreadableWarning(parsed.error))], counts: { releases: 0, unreadable: 1 } };
      }
      const { releases, warnings } = parsed;
      return {
        records: { ok: true, releases },
        warnings: warnings.map(sourceWarning),
        counts: {
          releases: releases.length,
          supported: releases.filter((r) => r.status === "supported").length,
          unsupported: releases.filter((r) => r.status === "unsupported").length,
        },
      };
    },
    // The core store step empties and rewrites the Release table: when the
    // page could not be read, the rows an earlier sync stored are read first.
    async clear(tx, records) {
      if (records.ok) return;
      const rows = await tx.release.findMany({ where: { supportSyncedAt: { not: null } } });
      records.kept = rows.map((r) => ({
        name: r.name,
        start: r.supportStart,
        end: r.supportEnd,
        status: r.supportStatus === "supported" || r.supportStatus === "unsupported" ? r.supportStatus : null,
        dom0Fedora: r.dom0Fedora,
        syncedAt: r.supportSyncedAt,
      }));
    },
    async store(tx, records, ctx) {
      if (!records.ok) {
        // Every release is marked: the kept ones carry the earlier date, the others none (unknown).
        await tx.release.updateMany({ data: { supportStale: true } });
        for (const r of records.kept) {
          const data = { supportStart: r.start, supportEnd: r.end, supportStatus: r.status, dom0Fedora: r.dom0Fedora, supportSyncedAt: r.syncedAt, supportStale: true };
          await tx.release.upsert({ where: { name: r.name }, create: { name: r.name, sortKey: releaseSortKey(r.name) ?? 0, ...data }, update: data });
        }
        return;
      }
      for (const r of records.releases) {
        const data = { supportStart: r.start, supportEnd: r.end, supportStatus: r.status, dom0Fedora: r.dom0Fedora, supportSyncedAt: ctx.now, supportStale: false };
        await tx.release.upsert({ where: { name: r.name }, create: { name: r.name, sortKey: releaseSortKey(r.name) ?? 0, ...data }, update: data });
      }
    },
  });
}
