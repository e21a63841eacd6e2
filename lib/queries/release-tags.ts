// The releases a bulletin concerns, as the lists show them: the releases its
// fixes name, newest first, each with its support status on the day asked
// (from the supported-releases data; "unknown" where none was imported).
import { getDb } from "@/lib/db";
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

/** The release tags of several bulletins at once (for search results), by bulletin number. */
export async function listReleaseTags(bulletinNumbers: number[], day: string = today()): Promise<Map<number, ReleaseTag[]>> {
  const fixes = await getDb().fix.findMany({
    where: { bulletinNumber: { in: [...new Set(bulletinNumbers)] } },
    select: { bulletinNumber: true, ...RELEASE_TAG_SELECT },
  });
  const byBulletin = new Map<number, typeof fixes>();
  for (const f of fixes) byBulletin.set(f.bulletinNumber, [...(byBulletin.get(f.bulletinNumber) ?? []), f]);
  return new Map(bulletinNumbers.map((n) => [n, releaseTags(byBulletin.get(n) ?? [], day)]));
}
