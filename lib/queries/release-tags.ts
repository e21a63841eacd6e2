// The releases a bulletin concerns, as the lists show them: the releases its
// fixes name, newest first, each with its support status on the day asked
// (from the supported-releases data; "unknown" where none was imported).
import { readProvider, readRows } from "@/lib/database/read-connection";
import { keptForDataEach } from "./data-memo";
import { supportStatusOn, today, type ReleaseSupport } from "./releases";

export interface ReleaseTag {
  name: string;
  support: ReleaseSupport["status"];
  /** The end of support (YYYY-MM-DD), where the supported-releases page gives one. */
  supportEnd: string | null;
}

/** The prisma `select` that releaseTags reads, for a bulletin's fixes. */
export const RELEASE_TAG_SELECT = {
  releaseName: true,
  release: { select: { sortKey: true, supportEnd: true, supportStatus: true } },
} as const;

type TaggedFix = { releaseName: string | null; release: { sortKey: number; supportEnd: string | null; supportStatus: string | null } | null };

export function releaseTags(fixes: TaggedFix[], day: string = today()): ReleaseTag[] {
  const seen = new Map<string, TaggedFix["release"]>();
  for (const f of fixes) if (f.releaseName !== null) seen.set(f.releaseName, f.release);
  return [...seen]
    .sort((a, b) => (b[1]?.sortKey ?? 0) - (a[1]?.sortKey ?? 0))
    .map(([name, release]) => ({
      name,
      support: release ? supportStatusOn(release, day) : "unknown",
      supportEnd: release?.supportEnd ?? null,
    }));
}

/**
 * The release tags of several bulletins at once (for search results), by
 * bulletin number: each bulletin's fixes read once per data version (by SQL
 * on the direct read connection: a new search is a miss), the tags worked
 * out for the day asked.
 */
export async function listReleaseTags(bulletinNumbers: number[], day: string = today()): Promise<Map<number, ReleaseTag[]>> {
  const numbers = [...new Set(bulletinNumbers)].filter((n) => Number.isSafeInteger(n));
  const fixes = await keptForDataEach("release-tag-fixes", numbers.map(String), readTaggedFixes, (rows) => rows.length, KEPT_FIXES);
  const byBulletin = new Map(numbers.map((n, i) => [n, fixes[i] ?? []]));
  return new Map(bulletinNumbers.map((n) => [n, releaseTags(byBulletin.get(n) ?? [], day)]));
}

/** Fixes kept for listReleaseTags, all bulletins together: a few per bulletin. */
const KEPT_FIXES = 100_000;

/** One bulletin's fixes with their release, as releaseTags reads them. */
async function readTaggedFixes(bulletinNumber: string): Promise<TaggedFix[]> {
  const rows = await readRows<{ releaseName: string; sortKey: number | bigint; supportEnd: string | null; supportStatus: string | null }>(
    `SELECT DISTINCT f."bulletinNumber", f."releaseName", r."sortKey", r."supportEnd", r."supportStatus"
     FROM "Fix" f JOIN "Release" r ON r."name" = f."releaseName"
     WHERE f."bulletinNumber" = ${readProvider() === "sqlite" ? "?" : "$1"}`,
    [Number(bulletinNumber)],
  );
  return rows.map((r) => ({ releaseName: r.releaseName, release: { sortKey: Number(r.sortKey), supportEnd: r.supportEnd, supportStatus: r.supportStatus } }));
}
