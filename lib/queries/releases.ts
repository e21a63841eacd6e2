// Releases, their support window, and the fixes that concern each one.
import { getDb } from "@/lib/db";
import { bulletinId } from "@/lib/ids";
import { minimumOverFixes, withLaterBranches, type BranchMinimum } from "@/lib/rpm/branches";
import { familyLabel, type FamilyId } from "@/lib/vocabulary/package-family";
import { releaseLabel } from "@/lib/vocabulary/release";
import type { Distribution, Where } from "@/lib/vocabulary/where";
import { fixGroupKey, fixSourceKey, fixVersionsInclude, toFixView, type FixView } from "./fixes";
import { pageWindow } from "./paginate";

/** What the Qubes documentation says of a release's support, on the day asked. */
export interface ReleaseSupport {
  /** "unknown" when the supported-releases page was not imported or does not list the release. */
  status: "supported" | "unsupported" | "unknown";
  start: string | null;
  end: string | null;
  /** The newest supported release, when this one is not it; null otherwise. */
  moveTo: string | null;
  /** The day (YYYY-MM-DD) the support data was read from the supported-releases page; null: never. */
  asOf: string | null;
  /** The last sync could not read the page: this is an earlier sync's data (asOf), or unknown when there is none. */
  stale: boolean;
  /** One plain sentence: "Qubes OS R4.1 has been unsupported since 2024-06-18: it gets no more fixes. Move to Qubes OS R4.3." */
  sentence: string;
}

interface SupportRow {
  name: string;
  sortKey: number;
  supportStart: string | null;
  supportEnd: string | null;
  supportStatus: string | null;
  supportSyncedAt: Date | null;
  supportStale: boolean;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Supported or not on `day`: a release past its end date is unsupported, whatever the page's status column says. */
export function supportStatusOn(row: Pick<SupportRow, "supportEnd" | "supportStatus">, day: string): ReleaseSupport["status"] {
  if (row.supportEnd !== null && row.supportEnd <= day) return "unsupported";
  if (row.supportStatus === "supported" || row.supportStatus === "unsupported") return row.supportStatus;
  return "unknown";
}

/** The support of `row` on `day`, given every release (for the one to move to). */
export function supportOf(row: SupportRow, all: SupportRow[], day: string): ReleaseSupport {
  const statusOn = (r: SupportRow) => supportStatusOn(r, day);
  const status = statusOn(row);
  const newest = all
    .filter((r) => statusOn(r) === "supported")
    .sort((a, b) => b.sortKey - a.sortKey)[0];
  const moveTo = newest && newest.name !== row.name && newest.sortKey > row.sortKey ? newest.name : null;
  const label = releaseLabel(row.name);
  let sentence: string;
  if (status === "unsupported") {
    sentence = `${label} has been unsupported since ${row.supportEnd ?? "an unknown date"}: it gets no more fixes, and no check can say it is safe.`;
    if (moveTo) sentence += ` Move to ${releaseLabel(moveTo)}.`;
  } else if (status === "supported") {
    sentence = `${label} is supported${row.supportStart ? ` (since ${row.supportStart})` : ""}${row.supportEnd ? ` until ${row.supportEnd}` : ", with no end date set yet"}.`;
    if (moveTo) sentence += ` ${releaseLabel(moveTo)} is the newest release.`;
  } else if (row.supportStale) {
    sentence = `Whether ${label} is still supported is not known: the last sync could not read the Qubes documentation's supported-releases page, and no earlier sync read it.`;
  } else {
    sentence = `Whether ${label} is still supported is not known here: the Qubes documentation's supported-releases page was not imported or does not list it.`;
  }
  const asOf = row.supportSyncedAt ? row.supportSyncedAt.toISOString().slice(0, 10) : null;
  if (row.supportStale && asOf && status !== "unknown") {
    sentence += ` This is from an earlier sync, on ${asOf}: the last sync could not read the Qubes documentation's supported-releases page, so it may have changed since.`;
  }
  return { status, start: row.supportStart, end: row.supportEnd, moveTo, asOf, stale: row.supportStale, sentence };
}

export interface ReleaseSummary {
  name: string;
  label: string;
  bulletins: number;
  fixes: number;
  support: ReleaseSupport;
  latest: { number: number; id: string; date: string | null } | null;
}

export async function listReleases(day: string = today()): Promise<ReleaseSummary[]> {
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
      label: releaseLabel(r.name),
      bulletins: numbers.length,
      fixes: r.fixes.length,
      support: supportOf(r, releases, day),
      latest: newest === undefined ? null : { number: newest, id: bulletinId(newest), date },
    };
  });
}

/** Every release's support, by name, and the dom0 Fedora version of each (for detecting a list's release). */
export async function listReleaseSupport(day: string = today()): Promise<{ name: string; dom0Fedora: number | null; support: ReleaseSupport }[]> {
  const rows = await getDb().release.findMany({ orderBy: { sortKey: "desc" } });
  return rows.map((r) => ({ name: r.name, dom0Fedora: r.dom0Fedora, support: supportOf(r, rows, day) }));
}

export interface PackageMinimumRow {
  family: FamilyId;
  package: string;
  packageLabel: string;
  where: Where;
  distribution: Distribution | null;
  /** The branches a fully patched system can be on, each with its minimum version and the bulletins asking for it. */
  branches: BranchMinimum[];
  /** Any branch newer than this satisfies every fix. */
  newerThan: string;
}

export interface ReleaseDetail {
  name: string;
  label: string;
  support: ReleaseSupport;
  dom0Fedora: number | null;
  /** One page of the bulletins naming versions for the release, newest first (RELEASE_PAGE_SIZE a page). */
  bulletins: { number: number; id: string; date: string | null; title: string | null; signatureStatus: string; fixes: FixView[] }[];
  /** How many bulletins name versions for the release, over every page. */
  bulletinCount: number;
  page: number;
  pages: number;
  /** Per package and place: the union of every bulletin's branch rule, i.e. what a fully patched system has at least. */
  minimumVersions: PackageMinimumRow[];
  fixes: FixView[];
}

/** Bulletins a page on a release's page: the page stays the same size however many bulletins there are. */
export const RELEASE_PAGE_SIZE = 25;

export async function getRelease(name: string, requestedPage?: number, day: string = today()): Promise<ReleaseDetail | null> {
  const db = getDb();
  const [release, all] = await Promise.all([
    db.release.findUnique({
      where: { name },
      include: {
        fixes: {
          include: { bulletin: { select: { number: true, date: true, title: true, signatureStatus: true } }, ...fixVersionsInclude },
          orderBy: [{ bulletinNumber: "desc" }, { id: "asc" }],
        },
      },
    }),
    db.release.findMany(),
  ]);
  if (!release) return null;
  const fixes = release.fixes.map(toFixView);
  const bulletins = new Map<number, ReleaseDetail["bulletins"][number]>();
  release.fixes.forEach((f, i) => {
    const entry = bulletins.get(f.bulletinNumber) ?? {
      number: f.bulletin.number,
      id: bulletinId(f.bulletin.number),
      date: f.bulletin.date,
      title: f.bulletin.title,
      signatureStatus: f.bulletin.signatureStatus,
      fixes: [],
    };
    entry.fixes.push(fixes[i]!);
    bulletins.set(f.bulletinNumber, entry);
  });
  const window = pageWindow(bulletins.size, requestedPage, RELEASE_PAGE_SIZE);
  return {
    name: release.name,
    label: releaseLabel(release.name),
    support: supportOf(release, all, day),
    dom0Fedora: release.dom0Fedora,
    bulletins: [...bulletins.values()].slice(window.skip, window.skip + window.take),
    bulletinCount: bulletins.size,
    page: window.page,
    pages: window.pages,
    fixes,
    minimumVersions: minimumVersions(fixes),
  };
}

/** The union of the branch rules of every fix, per package family, place and distribution. */
export function minimumVersions(fixes: FixView[]): PackageMinimumRow[] {
  const groups = new Map<string, FixView[]>();
  for (const f of withLaterBranches(fixes, fixSourceKey)) {
    const key = fixGroupKey(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const rows: PackageMinimumRow[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const min = minimumOverFixes(list.map((f) => ({ bulletin: f.bulletin, versions: f.versions })));
    if (!min) continue;
    rows.push({
      family: first.family,
      package: first.package,
      packageLabel: familyLabel(first),
      where: first.where,
      distribution: first.distribution,
      branches: min.branches,
      newerThan: min.newerThan,
    });
  }
  return rows.sort((a, b) => a.packageLabel.localeCompare(b.packageLabel) || a.where.localeCompare(b.where));
}
