// The Qubes documentation's supported-releases page (qubes-doc,
// user/downloading-installing-upgrading/supported-releases.rst): each
// release's start and end of support and status, and the Fedora version of
// dom0 per release. Pure: text in, records and warnings out.
//
//   .. list-table::
//      :header-rows: 1
//
//      * - Qubes OS
//        - Start Date
//        - End Date
//        - Status
//      * - Release 4.2
//        - 2023-12-18
//        - 2026-06-21
//        - Unsupported
import { parseRelease, type ReleaseName } from "@/lib/vocabulary/release";

export type SupportStatus = "supported" | "unsupported";

export interface SupportedRelease {
  name: ReleaseName;
  /** YYYY-MM-DD, or null where the page gives none ("TBD"). */
  start: string | null;
  end: string | null;
  status: SupportStatus | null;
  /** Fedora version of dom0 ("Fedora 37" → 37). */
  dom0Fedora: number | null;
}

export interface SupportedReleasesResult {
  releases: SupportedRelease[];
  warnings: string[];
}

/** The rows of every `.. list-table::`, cells trimmed. */
function listTables(text: string): string[][][] {
  const tables: string[][][] = [];
  let rows: string[][] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\.\.\s+list-table::/.test(line)) {
      rows = [];
      tables.push(rows);
      continue;
    }
    if (!rows) continue;
    const row = /^\s*\*\s+-\s?(.*)$/.exec(line);
    if (row) {
      rows.push([(row[1] ?? "").trim()]);
      continue;
    }
    const cell = /^\s+-\s?(.*)$/.exec(line);
    if (cell && rows.length > 0) {
      rows[rows.length - 1]!.push((cell[1] ?? "").trim());
      continue;
    }
    if (/^\S/.test(line)) rows = null; // the table ended at the next unindented line
  }
  return tables;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseSupportedReleases(text: string, location: string): SupportedReleasesResult {
  const warnings: string[] = [];
  const byName = new Map<string, SupportedRelease>();
  const get = (name: string) => {
    const found = byName.get(name);
    if (found) return found;
    const made: SupportedRelease = { name, start: null, end: null, status: null, dom0Fedora: null };
    byName.set(name, made);
    return made;
  };
  let sawSupport = false;
  let sawDom0 = false;
  for (const table of listTables(text)) {
    const header = (table[0] ?? []).map((h) => h.toLowerCase());
    const body = table.slice(1);
    const startCol = header.indexOf("start date");
    const endCol = header.indexOf("end date");
    const statusCol = header.indexOf("status");
    const dom0Col = header.indexOf("dom0 os");
    if (header[0] !== "qubes os") continue;
    for (const row of body) {
      const release = parseRelease(row[0] ?? "");
      if (!release) {
        warnings.push(`${location}: the row '${row[0] ?? ""}' names no Qubes release; skipped`);
        continue;
      }
      if (startCol > 0 && endCol > 0 && statusCol > 0) {
        sawSupport = true;
        const r = get(release.name);
        const start = row[startCol] ?? "";
        const end = row[endCol] ?? "";
        const status = (row[statusCol] ?? "").toLowerCase();
        r.start = DATE.test(start) ? start : null;
        r.end = DATE.test(end) ? end : null;
        if (start && !r.start) warnings.push(`${location}: release ${release.name} has the start date '${start}', not YYYY-MM-DD`);
        if (end && !r.end && !/^(?:tbd|tba|n\/a|-)$/i.test(end)) warnings.push(`${location}: release ${release.name} has the end date '${end}', not YYYY-MM-DD`);
        r.status = status === "supported" ? "supported" : status === "unsupported" ? "unsupported" : null;
        if (r.status === null) warnings.push(`${location}: release ${release.name} has the status '${row[statusCol] ?? ""}', neither Supported nor Unsupported`);
      } else if (dom0Col > 0) {
        sawDom0 = true;
        const m = /^fedora\s+(\d+)$/i.exec(row[dom0Col] ?? "");
        if (m) get(release.name).dom0Fedora = Number(m[1]);
        else warnings.push(`${location}: release ${release.name} has the dom0 OS '${row[dom0Col] ?? ""}', not "Fedora NN"`);
      }
    }
  }
  if (!sawSupport) warnings.push(`${location}: no table of start and end dates and status was found`);
  if (!sawDom0) warnings.push(`${location}: no table of dom0 OS versions was found`);
  return { releases: [...byName.values()], warnings };
}

/**
 * The status on a given day: the page's status, except that a release whose
 * end date has passed is unsupported whatever the page still says.
 */
export function supportOn(release: Pick<SupportedRelease, "status" | "end">, today: string): SupportStatus | null {
  if (release.end !== null && release.end <= today) return "unsupported";
  return release.status;
}
