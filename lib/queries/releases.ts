// Releases and the fixes that concern each one.
import { getDb } from "@/lib/db";
import { bulletinId } from "@/lib/ids";
import { parseEvr, compareEvr } from "@/lib/rpm/version";

export interface ReleaseSummary {
  name: string;
  bulletins: number;
  fixes: number;
  latest: { number: number; id: string; date: string | null } | null;
}

export async function listReleases(): Promise<ReleaseSummary[]> {
  const releases = await getDb().release.findMany({
    orderBy: { sortKey: "desc" },
    include: { fixes: { select: { bulletinNumber: true, bulletin: { select: { date: true } } } } },
  });
  return releases.map((r) => {
    const numbers = [...new Set(r.fixes.map((f) => f.bulletinNumber))].sort((a, b) => b - a);
    const newest = numbers[0];
    const date = r.fixes.find((f) => f.bulletinNumber === newest)?.bulletin.date ?? null;
    return {
      name: r.name,
      bulletins: numbers.length,
      fixes: r.fixes.length,
      latest: newest === undefined ? null : { number: newest, id: bulletinId(newest), date },
    };
  });
}

export interface ReleaseFix {
  bulletin: number;
  bulletinId: string;
  date: string | null;
  title: string | null;
  package: string;
  version: string;
  where: string;
}

export interface ReleaseDetail {
  name: string;
  bulletins: { number: number; id: string; date: string | null; title: string | null; signatureStatus: string; fixes: ReleaseFix[] }[];
  /** Per package and place: the highest version any bulletin requires, i.e. what a fully patched system has at least. */
  minimumVersions: { package: string; where: string; version: string; bulletin: number; bulletinId: string }[];
  fixes: ReleaseFix[];
}

export async function getRelease(name: string): Promise<ReleaseDetail | null> {
  const release = await getDb().release.findUnique({
    where: { name },
    include: {
      fixes: {
        include: { bulletin: { select: { number: true, date: true, title: true, signatureStatus: true } } },
        orderBy: [{ bulletinNumber: "desc" }, { id: "asc" }],
      },
    },
  });
  if (!release) return null;
  const fixes: ReleaseFix[] = release.fixes.map((f) => ({
    bulletin: f.bulletinNumber,
    bulletinId: bulletinId(f.bulletinNumber),
    date: f.bulletin.date,
    title: f.bulletin.title,
    package: f.package,
    version: f.version,
    where: f.location,
  }));
  const bulletins = new Map<number, ReleaseDetail["bulletins"][number]>();
  for (const f of release.fixes) {
    const entry = bulletins.get(f.bulletinNumber) ?? {
      number: f.bulletin.number,
      id: bulletinId(f.bulletin.number),
      date: f.bulletin.date,
      title: f.bulletin.title,
      signatureStatus: f.bulletin.signatureStatus,
      fixes: [],
    };
    entry.fixes.push(fixes[release.fixes.indexOf(f)] as ReleaseFix);
    bulletins.set(f.bulletinNumber, entry);
  }
  const highest = new Map<string, ReleaseFix>();
  for (const fix of fixes) {
    const key = `${fix.package}\u0000${fix.where}`;
    const current = highest.get(key);
    if (!current || compareEvr(parseEvr(fix.version), parseEvr(current.version)) > 0) highest.set(key, fix);
  }
  return {
    name: release.name,
    bulletins: [...bulletins.values()],
    fixes,
    minimumVersions: [...highest.values()]
      .map((f) => ({ package: f.package, where: f.where, version: f.version, bulletin: f.bulletin, bulletinId: f.bulletinId }))
      .sort((a, b) => a.package.localeCompare(b.package) || a.where.localeCompare(b.where)),
  };
}
