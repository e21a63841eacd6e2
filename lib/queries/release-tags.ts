// The releases a bulletin concerns, as the lists show them: the releases its
// fixes name, newest first, with their support status where it is known.
import { getDb } from "@/lib/db";

export interface ReleaseTag {
  name: string;
  /** "supported" | "unsupported"; null where no support data was imported. */
  support: string | null;
}

/** The prisma `select` that releaseTags reads, for a bulletin's fixes. */
export const RELEASE_TAG_SELECT = { releaseName: true, release: { select: { sortKey: true } } } as const;

export function releaseTags(fixes: { releaseName: string | null; release: { sortKey: number } | null }[]): ReleaseTag[] {
  const seen = new Map<string, number>();
  for (const f of fixes) if (f.releaseName !== null) seen.set(f.releaseName, f.release?.sortKey ?? 0);
  return [...seen]
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => ({ name, support: null }));
}

/** The release tags of several bulletins at once (for search results), by bulletin number. */
export async function listReleaseTags(bulletinNumbers: number[]): Promise<Map<number, ReleaseTag[]>> {
  const fixes = await getDb().fix.findMany({
    where: { bulletinNumber: { in: [...new Set(bulletinNumbers)] } },
    select: { bulletinNumber: true, ...RELEASE_TAG_SELECT },
  });
  const byBulletin = new Map<number, typeof fixes>();
  for (const f of fixes) byBulletin.set(f.bulletinNumber, [...(byBulletin.get(f.bulletinNumber) ?? []), f]);
  return new Map(bulletinNumbers.map((n) => [n, releaseTags(byBulletin.get(n) ?? [])]));
}
