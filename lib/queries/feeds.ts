// Read functions for the feeds and the OSV export: plain data for the pure
// builders in lib/feeds.
import { readProvider, readRows } from "@/lib/database/read-connection";
import { getDb } from "@/lib/db";
import { fixVersionsInclude, toFixView, type FixRowWithVersions } from "./fixes";
import type { FeedAdvisory, FeedAnnouncement, FeedBulletin, FeedCanary, FeedCanaryWatch, OsvBulletin } from "@/lib/feeds/types";
import { getCanaryWatch, listCanaries, todayUtc } from "./canaries";
import { listAdvisoryAnnouncements, type AdvisoryAnnouncement } from "./announcements";
import { RELEASE_TAG_SELECT, releaseTags } from "./release-tags";
import { utcDay } from "@/lib/secpack/history";
import { advisoryOrder, advisoryUpdated, bulletinDates } from "@/lib/feeds/entries";
import { feedOrder, pageOfOrdered, type FeedWindow } from "@/lib/feeds/paging";
import { keptForData } from "./data-memo";

/** The latest commit that changed the text after publication: the history's "updated" date. */
const revisedInclude = {
  revisions: { where: { phase: "after-publication", changedText: true }, orderBy: { position: "asc" }, take: 1, select: { committedAt: true } },
} as const;

const bulletinInclude = {
  changes: { orderBy: { position: "asc" } },
  ...revisedInclude,
  advisories: { where: { relation: "covers" }, orderBy: { advisoryNumber: "asc" }, include: { advisory: { select: { title: true } } } },
  fixes: { include: { release: RELEASE_TAG_SELECT.release, ...fixVersionsInclude }, orderBy: { id: "asc" } },
} as const;

type BulletinRow = {
  number: number;
  date: string | null;
  title: string | null;
  signatureStatus: string;
  importedAt: Date;
  updatedAt: Date;
  changes: { date: string | null; text: string }[];
  revisions: { committedAt: Date }[];
  advisories: { advisoryNumber: number; advisory: { title: string | null } }[];
  fixes: (FixRowWithVersions & { id: number; release: { sortKey: number; supportEnd: string | null; supportStatus: string | null } | null })[];
};

type DatedRow = Pick<BulletinRow, "number" | "date" | "importedAt" | "updatedAt" | "changes" | "revisions">;

/** What a bulletin's "updated" date comes from (bulletinDates), as the feed builders take it. */
function feedDates(row: DatedRow): Pick<FeedBulletin, "number" | "date" | "importedAt" | "updatedAt" | "changelog" | "revisedInHistory"> {
  return {
    number: row.number,
    date: row.date,
    importedAt: row.importedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    changelog: row.changes.map((c) => ({ date: c.date, text: c.text })),
    revisedInHistory: row.revisions[0] ? utcDay(row.revisions[0].committedAt.toISOString()) : null,
  };
}

function toFeedBulletin(row: BulletinRow, release?: string): FeedBulletin {
  return {
    ...feedDates(row),
    title: row.title,
    signatureStatus: row.signatureStatus,
    advisories: row.advisories.map((a) => ({ number: a.advisoryNumber, title: a.advisory.title })),
    releases: releaseTags(row.fixes.filter((f) => release === undefined || f.releaseName === release)),
    fixes: row.fixes
      .filter((f) => release === undefined || f.releaseName === release)
      .sort((a, b) => (b.release?.sortKey ?? 0) - (a.release?.sortKey ?? 0) || a.id - b.id)
      .map(toFixView),
  };
}

/**
 * Every bulletin, newest first, with its covered XSAs, fixes and changelog,
 * in one read (the feeds read one page at a time: listFeedBulletinsPage).
 */
export async function listFeedBulletins(): Promise<FeedBulletin[]> {
  const rows = await getDb().bulletin.findMany({ include: bulletinInclude, orderBy: { number: "desc" } });
  return rows.map((row) => toFeedBulletin(row));
}

type RawDate = Date | string | number;

/**
 * Each bulletin's number and what its "updated" date comes from
 * (bulletinDates), newest number first, for the feed order: plain SQL on the
 * direct read connection (lib/database/read-connection.ts), as Prisma takes
 * tens of microseconds a row, which every bulletin would pay. Only the
 * release's bulletins when one is given. The times come as Prisma stores them
 * (ISO text or milliseconds on SQLite, timestamps on PostgreSQL): new Date() reads each.
 */
async function listDatedBulletins(release?: string): Promise<DatedRow[]> {
  const placeholder = readProvider() === "sqlite" ? "?" : "$1";
  const [bulletins, changes, revisions] = await Promise.all([
    release === undefined
      ? readRows<{ number: number | bigint; date: string | null; importedAt: RawDate; updatedAt: RawDate }>(
          `SELECT "number", "date", "importedAt", "updatedAt" FROM "Bulletin" ORDER BY "number" DESC`,
        )
      : readRows<{ number: number | bigint; date: string | null; importedAt: RawDate; updatedAt: RawDate }>(
          `SELECT "number", "date", "importedAt", "updatedAt" FROM "Bulletin"
          WHERE "number" IN (SELECT "bulletinNumber" FROM "Fix" WHERE "releaseName" = ${placeholder}) ORDER BY "number" DESC`,
          [release],
        ),
    readRows<{ bulletinNumber: number | bigint; date: string }>(`SELECT "bulletinNumber", "date" FROM "BulletinChange" WHERE "date" IS NOT NULL`),
    // The first by position (0 is the newest) is the one revisedInclude takes.
    readRows<{ bulletinNumber: number | bigint; committedAt: RawDate }>(
      `SELECT "bulletinNumber", "committedAt" FROM "BulletinRevision"
      WHERE "phase" = 'after-publication' AND "changedText" = TRUE ORDER BY "position" DESC`,
    ),
  ]);
  const changesOf = new Map<number, { date: string; text: string }[]>();
  // Only the dates count for "updated"; the text is for the entry's own note.
  for (const c of changes) changesOf.set(Number(c.bulletinNumber), [...(changesOf.get(Number(c.bulletinNumber)) ?? []), { date: c.date, text: "" }]);
  const revisedOf = new Map(revisions.map((r) => [Number(r.bulletinNumber), new Date(r.committedAt)]));
  return bulletins.map((b) => {
    const revised = revisedOf.get(Number(b.number));
    return {
      number: Number(b.number),
      date: b.date,
      importedAt: new Date(b.importedAt),
      updatedAt: new Date(b.updatedAt),
      changes: changesOf.get(Number(b.number)) ?? [],
      revisions: revised ? [{ committedAt: revised }] : [],
    };
  });
}

/**
 * One page of the bulletins feed (of one release's, by its stored name: its
 * bulletins with that release's fixes only), in the feed order: the order is
 * worked out on light rows (the dates), and only the page's bulletins (at
 * most FEED_PAGE_SIZE) are read in full. The order is kept for the data
 * (keptForData): the three formats of a feed, and its every page, share it.
 */
export async function listFeedBulletinsPage(page: number, release?: string): Promise<FeedWindow<FeedBulletin>> {
  const window = pageOfOrdered(await listBulletinFeedOrder(release), page);
  if (window.items.length === 0) return { ...window, items: [] };
  const rows = await getDb().bulletin.findMany({ where: { number: { in: window.items.map((r) => r.number) } }, include: bulletinInclude, orderBy: { number: "desc" } });
  return { ...window, items: rows.map((row) => toFeedBulletin(row, release)) };
}

/** The light rows of the bulletins (of one release's) in the feed order, kept for the data. */
export function listBulletinFeedOrder(release?: string): Promise<DatedRow[]> {
  return keptForData(`feed-order:bulletins:${JSON.stringify(release ?? null)}`, async () =>
    feedOrder(await listDatedBulletins(release), (row) => bulletinDates(feedDates(row)).updated),
  );
}

/** A release's stored name ("4.3", "R2"), or null when there is no such release. */
export async function getFeedRelease(release: string): Promise<string | null> {
  const found = await getDb().release.findUnique({ where: { name: release }, select: { name: true } });
  return found?.name ?? null;
}

/**
 * The bulletins with fixes for one release (its stored name: "4.3", "R2"),
 * newest first, each with that release's fixes only, in one read; null when
 * there is no such release (the feeds read one page at a time: listFeedBulletinsPage).
 */
export async function getReleaseFeedBulletins(release: string): Promise<{ release: string; bulletins: FeedBulletin[] } | null> {
  const db = getDb();
  const found = await db.release.findUnique({ where: { name: release }, select: { name: true } });
  if (!found) return null;
  const rows = await db.bulletin.findMany({
    where: { fixes: { some: { releaseName: found.name } } },
    include: bulletinInclude,
    orderBy: { number: "desc" },
  });
  return { release: found.name, bulletins: rows.map((row) => toFeedBulletin(row, found.name)) };
}

/** Release names, newest first, for the subscribe page. */
export async function listFeedReleases(): Promise<string[]> {
  const rows = await getDb().release.findMany({ orderBy: { sortKey: "desc" }, select: { name: true } });
  return rows.map((r) => r.name);
}

const RATED = { qubesAffected: { in: ["yes", "no"] } };
const advisoryInclude = {
  cves: { orderBy: { cve: "asc" } },
  bulletins: { where: { relation: "covers" }, orderBy: { bulletinNumber: "asc" }, include: { bulletin: { select: { title: true } } } },
} as const;

/**
 * The XSAs the Qubes tracker rates (affected or not), newest first, with the
 * bulletins covering them and what the Qubes news says about them, in one
 * read (the feeds read one page at a time: listFeedAdvisoriesPage).
 */
export async function listFeedAdvisories(): Promise<FeedAdvisory[]> {
  const announcements = await listAdvisoryAnnouncements();
  const rows = await getDb().advisory.findMany({ where: RATED, orderBy: [{ date: "desc" }, { number: "desc" }], include: advisoryInclude });
  return toFeedAdvisories(rows, announcements);
}

/**
 * One page of the advisories feed, in the feed order, worked out on the
 * numbers and dates alone; only the page's XSAs (at most FEED_PAGE_SIZE) are
 * read in full, with their news.
 */
export async function listFeedAdvisoriesPage(page: number): Promise<FeedWindow<FeedAdvisory>> {
  const db = getDb();
  const window = pageOfOrdered(await listAdvisoryFeedOrder(), page);
  if (window.items.length === 0) return { ...window, items: [] };
  const numbers = window.items.map((a) => a.number);
  const [rows, announcements] = await Promise.all([
    db.advisory.findMany({ where: { number: { in: numbers } }, orderBy: [{ date: "desc" }, { number: "desc" }], include: advisoryInclude }),
    listAdvisoryAnnouncements(numbers),
  ]);
  return { ...window, items: toFeedAdvisories(rows, announcements) };
}

/** The rated XSAs' numbers and dates in the feed order, kept for the data. */
export function listAdvisoryFeedOrder(): Promise<{ number: number; date: string | null }[]> {
  return keptForData("feed-order:advisories", readAdvisoryFeedOrder);
}

async function readAdvisoryFeedOrder(): Promise<{ number: number; date: string | null }[]> {
  // Plain SQL for the same reason as listDatedBulletins: one light row per rated XSA, in about
  // the feed's order already, so that sorting by its own comparator takes one pass.
  const rated = await readRows<{ number: number | bigint; date: string | null }>(
    `SELECT "number", "date" FROM "Advisory" WHERE "qubesAffected" IN ('yes', 'no') ORDER BY "date" DESC, "number" DESC`,
  );
  const dated = rated.map((a) => ({ number: Number(a.number), date: a.date })).sort(advisoryOrder);
  // Thousands of XSAs share a few hundred dates: each date is parsed once.
  const days = new Map<string | null, Date>();
  const updated = (a: { date: string | null }) => days.get(a.date) ?? days.set(a.date, advisoryUpdated(a)).get(a.date)!;
  return feedOrder(dated, updated);
}

type AdvisoryRow = {
  number: number;
  date: string | null;
  title: string | null;
  qubesAffected: string;
  cves: { cve: string }[];
  bulletins: { bulletinNumber: number; bulletin: { title: string | null } }[];
};

function toFeedAdvisories(rows: AdvisoryRow[], announcements: Map<number, AdvisoryAnnouncement>): FeedAdvisory[] {
  return rows.map((r) => ({
    number: r.number,
    date: r.date,
    title: r.title,
    cves: r.cves.map((c) => c.cve),
    bulletins: r.bulletins.map((b) => ({ number: b.bulletinNumber, title: b.bulletin.title })),
    qubesAffected: r.qubesAffected,
    announcement: feedAnnouncement(announcements.get(r.number)),
  }));
}

function feedAnnouncement(a: AdvisoryAnnouncement | undefined): FeedAnnouncement | null {
  if (!a) return null;
  return { verdict: a.verdict, reason: a.reason, category: a.category, ...a.announcement };
}

const osvInclude = {
  changes: { orderBy: { position: "asc" } },
  ...revisedInclude,
  advisories: { orderBy: { advisoryNumber: "asc" }, include: { advisory: { select: { title: true, cves: { orderBy: { cve: "asc" } } } } } },
  fixes: { include: { release: RELEASE_TAG_SELECT.release, ...fixVersionsInclude }, orderBy: { id: "asc" } },
  references: { select: { toNumber: true } },
  urls: true,
} as const;

async function loadOsvBulletins(where: { number?: number }): Promise<OsvBulletin[]> {
  const db = getDb();
  const rows = await db.bulletin.findMany({ where, include: osvInclude, orderBy: { number: "desc" } });
  if (rows.length === 0) return [];
  const numbers = rows.map((r) => r.number);
  const [existing, incoming] = await Promise.all([
    db.bulletin.findMany({ select: { number: true } }),
    db.bulletinReference.findMany({ where: { toNumber: { in: numbers } }, select: { fromNumber: true, toNumber: true } }),
  ]);
  const imported = new Set(existing.map((b) => b.number));
  return rows.map((row) => {
    const covering = row.advisories.filter((a) => a.relation === "covers");
    const base = toFeedBulletin({ ...row, advisories: covering });
    const related = new Set([
      ...row.references.map((r) => r.toNumber),
      ...incoming.filter((r) => r.toNumber === row.number).map((r) => r.fromNumber),
    ]);
    related.delete(row.number);
    return {
      ...base,
      sourcePath: row.sourcePath,
      secpackCommit: row.secpackCommit,
      sha256: row.sha256,
      covers: covering.map((a) => ({ number: a.advisoryNumber, cves: a.advisory.cves.map((c) => c.cve) })),
      mentions: row.advisories.filter((a) => a.relation !== "covers").map((a) => a.advisoryNumber),
      relatedBulletins: [...related].filter((n) => imported.has(n)).sort((a, b) => a - b),
      urls: row.urls.map((u) => ({ label: u.label, url: u.url })),
    };
  });
}

/** One bulletin with everything its OSV record needs, or null. */
export async function getOsvBulletin(number: number): Promise<OsvBulletin | null> {
  const [bulletin] = await loadOsvBulletins({ number });
  return bulletin ?? null;
}

/** Every bulletin with what its OSV record needs, newest first. */
export async function listOsvBulletins(): Promise<OsvBulletin[]> {
  return loadOsvBulletins({});
}

/** The canaries and the watch over them, as of today, for the canary feeds. */
export async function listFeedCanaries(today = todayUtc()): Promise<{ canaries: FeedCanary[]; watch: FeedCanaryWatch }> {
  const [canaries, watch] = await Promise.all([listCanaries(today), getCanaryWatch(today)]);
  return { canaries, watch };
}
