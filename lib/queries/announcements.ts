// Read functions for the Qubes news posts: what the announcements say about
// each XSA (the verdict, the reason and its category), the bulletin and
// canary announcements, and the categories of "not affected" over the years.
import { readProvider, readRows } from "@/lib/database/read-connection";
import { getDb } from "@/lib/db";
import { keptForData, keptForDataEach } from "./data-memo";
import { advisoryId } from "@/lib/ids";
import { announcementOf } from "@/lib/posts/build";
import {
  isAnnouncementVerdict,
  isReasonCategory,
  REASON_CATEGORIES,
  REASON_CATEGORY_LABELS,
  type AnnouncementVerdict,
  type ReasonCategory,
} from "@/lib/posts/vocabulary";

export interface AnnouncementLink {
  date: string | null;
  url: string | null;
  title: string | null;
}

/** What the news says about one XSA: the post that speaks for it (the latest with a verdict). */
export interface AdvisoryAnnouncement {
  verdict: AnnouncementVerdict;
  reason: string | null;
  category: ReasonCategory | null;
  feature: string | null;
  /** The bulletin the post points to (XSAs that affect Qubes). */
  qsb: number | null;
  announcement: AnnouncementLink;
  /** Every post that names the XSA, newest first. */
  mentions: { verdict: AnnouncementVerdict; reason: string | null; announcement: AnnouncementLink }[];
}

/** The API's `notAffected` field: null unless a news post says the XSA does not affect Qubes. */
export interface NotAffected {
  reason: string | null;
  category: ReasonCategory | null;
  announcement: AnnouncementLink;
}

export function notAffectedOf(a: AdvisoryAnnouncement | null | undefined): NotAffected | null {
  if (!a || a.verdict !== "not-affected") return null;
  return { reason: a.reason, category: a.category, announcement: a.announcement };
}

type MentionRow = {
  advisoryNumber: number;
  verdict: string;
  reason: string | null;
  category: string | null;
  feature: string | null;
  bulletinNumber: number | null;
  post: { fileName: string; date: string | null; url: string | null; title: string | null };
};

const MENTION_SELECT = {
  advisoryNumber: true,
  verdict: true,
  reason: true,
  category: true,
  feature: true,
  bulletinNumber: true,
  post: { select: { fileName: true, date: true, url: true, title: true } },
} as const;

function toAnnouncements(rows: MentionRow[]): Map<number, AdvisoryAnnouncement> {
  const byXsa = new Map<number, MentionRow[]>();
  for (const row of rows) byXsa.set(row.advisoryNumber, [...(byXsa.get(row.advisoryNumber) ?? []), row]);
  const out = new Map<number, AdvisoryAnnouncement>();
  for (const [xsa, list] of byXsa) {
    const typed = list.map((r) => ({ ...r, verdict: isAnnouncementVerdict(r.verdict) ? r.verdict : ("investigating" as const) }));
    const chosen = announcementOf(typed);
    if (!chosen) continue;
    const link = (r: MentionRow): AnnouncementLink => ({ date: r.post.date, url: r.post.url, title: r.post.title });
    out.set(xsa, {
      verdict: chosen.verdict,
      reason: chosen.reason,
      category: chosen.category && isReasonCategory(chosen.category) ? chosen.category : null,
      feature: chosen.feature,
      qsb: chosen.bulletinNumber,
      announcement: link(chosen),
      mentions: typed
        .sort((a, b) => (b.post.date ?? "").localeCompare(a.post.date ?? ""))
        .map((r) => ({ verdict: r.verdict, reason: r.reason, announcement: link(r) })),
    });
  }
  return out;
}

export async function getAdvisoryAnnouncement(number: number): Promise<AdvisoryAnnouncement | null> {
  const rows = await getDb().postAdvisory.findMany({ where: { advisoryNumber: number }, select: MENTION_SELECT });
  return toAnnouncements(rows).get(number) ?? null;
}

/**
 * The announcements of many XSAs at once; all of them when `numbers` is
 * omitted, read once per data version (keptForData: the chart, the category
 * filter and the feeds read every news post's mention). Never mutate it.
 */
export function listAdvisoryAnnouncements(numbers?: number[]): Promise<Map<number, AdvisoryAnnouncement>> {
  return numbers ? readAdvisoryAnnouncements(numbers) : keptForData("advisory-announcements", () => readAdvisoryAnnouncements());
}

async function readAdvisoryAnnouncements(numbers?: number[]): Promise<Map<number, AdvisoryAnnouncement>> {
  const rows = await getDb().postAdvisory.findMany({
    where: numbers ? { advisoryNumber: { in: numbers } } : {},
    select: MENTION_SELECT,
  });
  return toAnnouncements(rows);
}

/** The XSAs whose announcement gives a reason of this category. */
export async function listAdvisoryNumbersByCategory(category: ReasonCategory): Promise<number[]> {
  const all = await listAdvisoryAnnouncements();
  return [...all].filter(([, a]) => a.verdict === "not-affected" && a.category === category).map(([n]) => n);
}

export interface PostAnnouncement extends AnnouncementLink {
  fileName: string;
  isUpdate: boolean;
}

/** A bulletin's news announcement and its updates, oldest first. */
export async function listBulletinAnnouncements(number: number): Promise<PostAnnouncement[]> {
  const rows = await getDb().post.findMany({
    where: { kind: "bulletin", bulletinNumber: number },
    orderBy: [{ date: "asc" }, { fileName: "asc" }],
    select: { fileName: true, date: true, url: true, title: true, isUpdate: true },
  });
  return rows;
}

export async function getCanaryAnnouncement(number: number): Promise<PostAnnouncement | null> {
  return getDb().post.findFirst({
    where: { kind: "canary", canaryNumber: number },
    orderBy: [{ date: "asc" }, { fileName: "asc" }],
    select: { fileName: true, date: true, url: true, title: true, isUpdate: true },
  });
}

/** "No reason published": a "not affected" XSA no news post explains. */
export const NO_REASON = "no-reason" as const;
export type ChartCategory = ReasonCategory | typeof NO_REASON;
export const CHART_CATEGORIES: readonly ChartCategory[] = [...REASON_CATEGORIES, NO_REASON];
export const CHART_CATEGORY_LABELS: Record<ChartCategory, string> = { ...REASON_CATEGORY_LABELS, [NO_REASON]: "No reason published" };

export interface NotAffectedYear {
  year: number;
  total: number;
  byCategory: Record<ChartCategory, number>;
}

/**
 * The XSAs the tracker marks "not affected", by year of the XSA and by the
 * category of the reason the news gives (or none given).
 */
export function listNotAffectedByYear(): Promise<NotAffectedByYear> {
  return keptForData("not-affected-by-year", readNotAffectedByYear);
}

export interface NotAffectedByYear {
  years: NotAffectedYear[];
  totals: Record<ChartCategory, number>;
  total: number;
}

async function readNotAffectedByYear(): Promise<NotAffectedByYear> {
  // Counted per year by the database; only the XSAs the news gives a reason
  // for are read one by one, so the cost follows the posts, not the tracker.
  const announcements = await listAdvisoryAnnouncements();
  const reasoned = [...announcements].filter(([, a]) => a.verdict === "not-affected" && a.category).map(([n]) => n);
  const [perYear, withReason, total] = await Promise.all([
    getDb().$queryRawUnsafe<{ year: string | null; count: number | bigint }[]>(
      `SELECT substr("date", 1, 4) AS "year", COUNT(*) AS "count" FROM "Advisory" WHERE "qubesAffected" = 'no' AND "date" IS NOT NULL GROUP BY substr("date", 1, 4)`,
    ),
    getDb().advisory.findMany({ where: { qubesAffected: "no", number: { in: reasoned } }, select: { number: true, date: true } }),
    getDb().advisory.count({ where: { qubesAffected: "no" } }),
  ]);
  const empty = () => Object.fromEntries(CHART_CATEGORIES.map((c) => [c, 0])) as Record<ChartCategory, number>;
  const byYear = new Map<number, NotAffectedYear>();
  const totals = empty();
  for (const { year: y, count } of perYear) {
    const year = Number(y);
    if (!(year > 0)) continue;
    const row = { year, total: Number(count), byCategory: empty() };
    row.byCategory[NO_REASON] = row.total;
    byYear.set(year, row);
    totals[NO_REASON] += row.total;
  }
  for (const a of withReason) {
    const row = byYear.get(Number(a.date?.slice(0, 4)));
    const category = announcements.get(a.number)?.category;
    if (!row || !category) continue;
    row.byCategory[category]++;
    row.byCategory[NO_REASON]--;
    totals[category]++;
    totals[NO_REASON]--;
  }
  return { years: [...byYear.values()].sort((x, y) => x.year - y.year), totals, total };
}

/** XSAs whose announced reason has every word (for search), with the advisory's title and date. */
export async function searchAdvisoryReasons(
  words: string[],
): Promise<{ number: number; id: string; reason: string; category: ReasonCategory | null; title: string | null; date: string | null }[]> {
  const lower = words.map((w) => w.toLowerCase()).filter(Boolean);
  if (lower.length === 0) return [];
  // The XSAs some mention's reason or feature could match: those with a
  // mention that holds every ASCII word as a substring, in the database (each
  // word's mentions kept for the data, intersected); every XSA mentioned when
  // no word is ASCII. Their announcements are then checked as before.
  const patterns = reasonPatterns(lower);
  const [{ announcements, advisories }, perPattern] = await Promise.all([
    keptForData("search-reason-announcements", readReasonAnnouncements),
    keptForDataEach("search-reason-mentions", patterns, readReasonMentions, (mentions) => mentions.size, KEPT_MENTIONS),
  ]);
  const [first, ...rest] = perPattern;
  const candidates = first ? new Set([...first].filter((mention) => rest.every((m) => m.has(mention))).map((mention) => Number.parseInt(mention, 10))) : null;
  return [...announcements]
    .filter(([number, a]) => (candidates === null || candidates.has(number)) && a.reason && lower.every((w) => (a.reason ?? "").toLowerCase().includes(w) || (a.feature ?? "").toLowerCase().includes(w)))
    .sort((x, y) => y[0] - x[0])
    .map(([number, a]) => ({ number, id: advisoryId(number), reason: a.reason ?? "", category: a.category, title: advisories.get(number)?.title ?? null, date: advisories.get(number)?.date ?? null }));
}

/** The mentions kept for the search's words, all words together (keptForDataEach). */
const KEPT_MENTIONS = 200_000;

/**
 * Every mention with its post, and the advisory's title, in one statement
 * on the direct read connection (a new search is a miss: no Prisma query to
 * compile), read once per data version: the announcements the search checks.
 */
async function readReasonAnnouncements(): Promise<{ announcements: Map<number, AdvisoryAnnouncement>; advisories: Map<number, { title: string | null; date: string | null }> }> {
  const rows = await readRows<ReasonRow>(REASON_SQL);
  const advisories = new Map(rows.map((r) => [Number(r.advisoryNumber), { title: r.advisoryTitle, date: r.advisoryDate }]));
  const mentions: MentionRow[] = rows.map((r) => ({
    advisoryNumber: Number(r.advisoryNumber),
    verdict: r.verdict,
    reason: r.reason,
    category: r.category,
    feature: r.feature,
    bulletinNumber: r.bulletinNumber === null ? null : Number(r.bulletinNumber),
    post: { fileName: r.fileName, date: r.postDate, url: r.url, title: r.postTitle },
  }));
  return { announcements: toAnnouncements(mentions), advisories };
}

/** The mentions whose lower-cased reason or feature has one LIKE pattern, as "XSA number, newline, post file". */
async function readReasonMentions(pattern: string): Promise<Set<string>> {
  const sqlite = readProvider() === "sqlite";
  const like = (n: number) => `LIKE ${sqlite ? "?" : `$${n}`} ESCAPE '\\'`;
  const rows = await readRows<{ advisoryNumber: number | string; postFileName: string }>(
    `SELECT "advisoryNumber", "postFileName" FROM "PostAdvisory" WHERE lower(coalesce("reason", '')) ${like(1)} OR lower(coalesce("feature", '')) ${like(2)}`,
    [pattern, pattern],
  );
  return new Set(rows.map((r) => `${Number(r.advisoryNumber)}\n${r.postFileName}`));
}

type ReasonRow = {
  advisoryNumber: number | string;
  verdict: string;
  reason: string | null;
  category: string | null;
  feature: string | null;
  bulletinNumber: number | string | null;
  fileName: string;
  postDate: string | null;
  url: string | null;
  postTitle: string | null;
  advisoryTitle: string | null;
  advisoryDate: string | null;
};

/** The LIKE patterns of the ASCII words (the database's lower() may leave other letters as they are: a word with any is checked in JavaScript alone). */
function reasonPatterns(words: string[]): string[] {
  return words.filter((w) => /^[\x20-\x7e]+$/.test(w)).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

const REASON_SQL = `SELECT pa."advisoryNumber", pa."verdict", pa."reason", pa."category", pa."feature", pa."bulletinNumber",
    p."fileName", p."date" AS "postDate", p."url", p."title" AS "postTitle", a."title" AS "advisoryTitle", a."date" AS "advisoryDate"
  FROM "PostAdvisory" pa
  JOIN "Post" p ON p."fileName" = pa."postFileName"
  LEFT JOIN "Advisory" a ON a."number" = pa."advisoryNumber"`;
