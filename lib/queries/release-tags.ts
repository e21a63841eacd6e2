// The releases a bulletin concerns, as the lists show them: the releases its
// fixes name, newest first, each with its support status on the day asked
// (from the supported-releases data; "unknown" where none was imported).
import { readRows } from "@/lib/database/read-connection";
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

/** The release tags of several bulletins at once (for search results), by bulletin number: one query, by SQL on the direct read connection (a new search is a miss). */
export async function listReleaseTags(bulletinNumbers: number[], day: string = today()): Promise<Map<number, ReleaseTag[]>> {
  const numbers = [...new Set(bulletinNumbers)].filter((n) => Number.isSafeInteger(n));
  const rows = numbers.length
    ? await readRows<{ bulletinNumber: number | bigint; releaseName: string; sortKey: number | bigint; supportEnd: string | null; supportStatus: string | null }>(
        `SELECT DISTINCT f."bulletinNumber", f."releaseName", r."sortKey", r."supportEnd", r."supportStatus"
         FROM "Fix" f JOIN "Release" r ON r."name" = f."releaseName"
         WHERE f."bulletinNumber" IN (${numbers.join(", ")})`,
      )
    : [];
  const byBulletin = new Map<number, TaggedFix[]>();
  for (const r of rows) {
    const n = Number(r.bulletinNumber);
    const fix: TaggedFix = { releaseName: r.releaseName, release: { sortKey: Number(r.sortKey), supportEnd: r.supportEnd, supportStatus: r.supportStatus } };
    byBulletin.set(n, [...(byBulletin.get(n) ?? []), fix]);
  }
  return new Map(bulletinNumbers.map((n) => [n, releaseTags(byBulletin.get(n) ?? [], day)]));
}
