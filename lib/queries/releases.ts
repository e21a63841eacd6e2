// Releases, their support window, and the fixes that concern each one.
import { getDb } from "@/lib/db";
import { bulletinId } from "@/lib/ids";
import { releaseLabel } from "@/lib/vocabulary/release";
import { fixVersionsInclude, toFixView, type FixView } from "./fixes";
import { pageWindow } from "./paginate";
import { minimumVersions, toPackageMinimumRow, type PackageMinimumRow } from "./release-minimums";

export type { PackageMinimumRow } from "./release-minimums";

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
  const db = getDb();
  // Counts and the newest bulletin (with its date) per release, in one pass over Fix: the page does not read every fix.
  const [releases, counts] = await Promise.all([
    db.release.findMany({ orderBy: { sortKey: "desc" } }),
    db.$queryRaw<{ releaseName: string; fixes: number | bigint; bulletins: number | bigint; newest: number | bigint | null; date: string | null }[]>`
      SELECT "g"."releaseName", "g"."fixes", "g"."bulletins", "g"."newest", "b"."date"
      FROM (
        SELECT "releaseName", COUNT(*) AS "fixes", COUNT(DISTINCT "bulletinNumber") AS "bulletins", MAX("bulletinNumber") AS "newest"
        FROM "Fix" WHERE "releaseName" IS NOT NULL GROUP BY "releaseName"
      ) AS "g"
      LEFT JOIN "Bulletin" AS "b" ON "b"."number" = "g"."newest"`,
  ]);
  const countsOf = new Map(counts.map((c) => [c.releaseName, c]));
  return releases.map((r) => {
    const c = countsOf.get(r.name);
    const newest = c?.newest === null || c?.newest === undefined ? null : Number(c.newest);
    return {
      name: r.name,
      label: releaseLabel(r.name),
      bulletins: Number(c?.bulletins ?? 0),
      fixes: Number(c?.fixes ?? 0),
      support: supportOf(r, releases, day),
      latest: newest === null ? null : { number: newest, id: bulletinId(newest), date: c?.date ?? null },
    };
  });
}

/** Every release's support, by name, and the dom0 Fedora version of each (for detecting a list's release). */
export async function listReleaseSupport(day: string = today()): Promise<{ name: string; dom0Fedora: number | null; support: ReleaseSupport }[]> {
  const rows = await getDb().release.findMany({ orderBy: { sortKey: "desc" } });
  return rows.map((r) => ({ name: r.name, dom0Fedora: r.dom0Fedora, support: supportOf(r, rows, day) }));
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
  /** Per package and place: the union of every bulletin's branch rule, i.e. what a fully patched system has at least (stored by the sync). */
  minimumVersions: PackageMinimumRow[];
}

/** Bulletins a page on a release's page: the page stays the same size however many bulletins there are. */
export const RELEASE_PAGE_SIZE = 25;

export async function getRelease(name: string, requestedPage?: number, day: string = today()): Promise<ReleaseDetail | null> {
  const db = getDb();
  // Counted and paged on Fix's releaseName index (a relation filter, `fixes: { some }`, took 0.2 s at 10x the data).
  // The release is one of every release (which its support needs anyway, for the one to move to).
  const [all, counted] = await Promise.all([
    db.release.findMany(),
    db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(DISTINCT "bulletinNumber") AS "n" FROM "Fix" WHERE "releaseName" = ${name}`,
  ]);
  const release = all.find((r) => r.name === name);
  if (!release) return null;
  const bulletinCount = Number(counted[0]?.n ?? 0);
  const window = pageWindow(bulletinCount, requestedPage, RELEASE_PAGE_SIZE);
  const numbers = (
    await db.$queryRaw<{ bulletinNumber: number | bigint }[]>`SELECT DISTINCT "bulletinNumber" FROM "Fix" WHERE "releaseName" = ${name} ORDER BY "bulletinNumber" DESC LIMIT ${window.take} OFFSET ${window.skip}`
  ).map((r) => Number(r.bulletinNumber));
  const [page, minimums] = await Promise.all([
    db.bulletin.findMany({
      where: { number: { in: numbers } },
      orderBy: { number: "desc" },
      select: {
        number: true,
        date: true,
        title: true,
        signatureStatus: true,
        fixes: { where: { releaseName: name }, include: fixVersionsInclude, orderBy: { id: "asc" } },
      },
    }),
    listMinimumVersions(name, bulletinCount),
  ]);
  return {
    name: release.name,
    label: releaseLabel(release.name),
    support: supportOf(release, all, day),
    dom0Fedora: release.dom0Fedora,
    bulletins: page.map((b) => ({
      number: b.number,
      id: bulletinId(b.number),
      date: b.date,
      title: b.title,
      signatureStatus: b.signatureStatus,
      fixes: b.fixes.map(toFixView),
    })),
    bulletinCount,
    page: window.page,
    pages: window.pages,
    minimumVersions: minimums,
  };
}

/**
 * The minimum versions the sync stored for a release. A database synced
 * before they were stored has none for a release with bulletins: they are
 * then computed from its fixes (the same function), until the next sync
 * stores them (the migration makes that sync a full one).
 */
async function listMinimumVersions(name: string, bulletinCount: number): Promise<PackageMinimumRow[]> {
  const db = getDb();
  const stored = await db.releaseMinimum.findMany({ where: { releaseName: name }, orderBy: { position: "asc" } });
  if (stored.length > 0 || bulletinCount === 0) return stored.map(toPackageMinimumRow);
  return computeMinimumVersions(name);
}

/** The minimum versions computed from every fix of the release, newest bulletin first (what the sync stores). */
export async function computeMinimumVersions(name: string): Promise<PackageMinimumRow[]> {
  const fixes = await getDb().fix.findMany({ where: { releaseName: name }, include: fixVersionsInclude, orderBy: [{ bulletinNumber: "desc" }, { id: "asc" }] });
  return minimumVersions(fixes.map(toFixView));
}
