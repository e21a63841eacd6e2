// Read functions for advisories (XSAs).
import { getDb } from "@/lib/db";
import { distinctYears } from "./years";
import { advisoryId, bulletinId } from "@/lib/ids";
import type { ReasonCategory } from "@/lib/posts/vocabulary";
import { listAdvisoryAnnouncements, listAdvisoryNumbersByCategory, notAffectedOf, type NotAffected } from "./announcements";
import { pageWindow } from "./paginate";
import { isFactSource, type FactSource } from "@/lib/secpack/fact-source";

export interface AdvisoryDetail {
  number: number;
  id: string;
  date: string | null;
  title: string | null;
  /** Where the title came from: Xen's index, or the bulletin and line that quote it. */
  titleOrigin: FactOrigin | null;
  cves: string[];
  /** Each CVE with where it came from. */
  cveOrigins: ({ cve: string } & FactOrigin)[];
  qubesAffected: string;
  trackerQsb: string | null;
  inTracker: boolean;
  inXenIndex: boolean;
  bulletins: { qsb: number; id: string; relation: string; source: string; title: string | null }[];
  related: { xsa: number; relation: string; via: number; evidence: string }[];
  warnings: string[];
}

/** Where an XSA fact came from (lib/secpack/fact-source.ts). */
export interface FactOrigin {
  source: FactSource;
  bulletinNumber: number | null;
  line: number | null;
}

const origin = (source: string | null, bulletinNumber: number | null, line: number | null): FactOrigin => ({
  source: isFactSource(source) ? source : "xen-index",
  bulletinNumber,
  line,
});

/** Relation names seen from the other end. */
const INVERSE: Record<string, string> = { "follows-up": "followed-up-by" };

export async function getAdvisory(number: number): Promise<AdvisoryDetail | null> {
  const db = getDb();
  const row = await db.advisory.findUnique({
    where: { number },
    include: {
      cves: { orderBy: { cve: "asc" } },
      bulletins: { include: { bulletin: { select: { title: true } } } },
      relatedFrom: true,
      relatedTo: true,
    },
  });
  if (!row) return null;
  const warnings = await db.warning.findMany({ where: { advisoryNumber: number }, orderBy: { id: "asc" } });
  return {
    number: row.number,
    id: advisoryId(row.number),
    date: row.date,
    title: row.title,
    titleOrigin: row.title === null ? null : origin(row.titleSource, row.titleBulletin, row.titleLine),
    cves: row.cves.map((c) => c.cve),
    cveOrigins: row.cves.map((c) => ({ cve: c.cve, ...origin(c.source, c.bulletinNumber, c.line) })),
    qubesAffected: row.qubesAffected,
    trackerQsb: row.trackerQsb,
    inTracker: row.inTracker,
    inXenIndex: row.inXenIndex,
    bulletins: row.bulletins
      .map((b) => ({ qsb: b.bulletinNumber, id: bulletinId(b.bulletinNumber), relation: b.relation, source: b.source, title: b.bulletin.title }))
      .sort((a, b) => (a.relation === b.relation ? a.qsb - b.qsb : a.relation === "covers" ? -1 : 1)),
    related: [
      ...row.relatedFrom.map((r) => ({ xsa: r.toNumber, relation: r.relation, via: r.bulletinNumber, evidence: r.evidence })),
      ...row.relatedTo.map((r) => ({ xsa: r.fromNumber, relation: INVERSE[r.relation] ?? r.relation, via: r.bulletinNumber, evidence: r.evidence })),
    ].sort((a, b) => a.xsa - b.xsa),
    warnings: warnings.map((w) => w.message),
  };
}

export interface AdvisoryFilters {
  verdict?: string;
  year?: number;
  /** The category of the reason the news gives for "not affected". */
  category?: ReasonCategory;
  page?: number;
  pageSize?: number;
}

export interface AdvisoryRow {
  number: number;
  id: string;
  date: string | null;
  title: string | null;
  qubesAffected: string;
  coveredBy: number[];
  notAffected: NotAffected | null;
}

export async function listAdvisoriesPage(filters: AdvisoryFilters): Promise<{ items: AdvisoryRow[]; total: number; page: number; pages: number }> {
  const db = getDb();
  const pageSize = filters.pageSize ?? 100;
  const where = {
    ...(filters.verdict ? { qubesAffected: filters.verdict } : {}),
    ...(filters.year ? { date: { startsWith: `${filters.year}-` } } : {}),
    ...(filters.category ? { number: { in: await listAdvisoryNumbersByCategory(filters.category) } } : {}),
  };
  const total = await db.advisory.count({ where });
  const { page, pages, skip, take } = pageWindow(total, filters.page, pageSize);
  const rows = await db.advisory.findMany({
    where,
    orderBy: { number: "desc" },
    skip,
    take,
    select: {
      number: true,
      date: true,
      title: true,
      qubesAffected: true,
      bulletins: { where: { relation: "covers" }, select: { bulletinNumber: true }, orderBy: { bulletinNumber: "asc" } },
    },
  });
  const announcements = await listAdvisoryAnnouncements(rows.map((r) => r.number));
  return {
    items: rows.map((r) => ({
      number: r.number,
      id: advisoryId(r.number),
      date: r.date,
      title: r.title,
      qubesAffected: r.qubesAffected,
      coveredBy: r.bulletins.map((b) => b.bulletinNumber),
      notAffected: notAffectedOf(announcements.get(r.number)),
    })),
    total,
    page,
    pages,
  };
}

export function listAdvisoryYears(): Promise<number[]> {
  return distinctYears("Advisory");
}

/** One tracker entry as the JSON API gives it (`GET /api/xsa`). */
export interface AdvisoryListItem {
  number: number;
  id: string;
  date: string | null;
  title: string | null;
  cves: string[];
  qubesAffected: string;
  trackerQsb: string | null;
  inTracker: boolean;
  inXenIndex: boolean;
  coveredBy: { qsb: number; id: string }[];
  notAffected: NotAffected | null;
}

/** Every advisory, newest first, with the reason the news gives where it gives one. */
export async function listAdvisories(): Promise<AdvisoryListItem[]> {
  const [rows, announcements] = await Promise.all([
    getDb().advisory.findMany({
      orderBy: { number: "desc" },
      include: {
        cves: { orderBy: { cve: "asc" } },
        bulletins: { where: { relation: "covers" }, select: { bulletinNumber: true }, orderBy: { bulletinNumber: "asc" } },
      },
    }),
    listAdvisoryAnnouncements(),
  ]);
  return rows.map((r) => ({
    number: r.number,
    id: advisoryId(r.number),
    date: r.date,
    title: r.title,
    cves: r.cves.map((c) => c.cve),
    qubesAffected: r.qubesAffected,
    trackerQsb: r.trackerQsb,
    inTracker: r.inTracker,
    inXenIndex: r.inXenIndex,
    coveredBy: r.bulletins.map((b) => ({ qsb: b.bulletinNumber, id: bulletinId(b.bulletinNumber) })),
    notAffected: notAffectedOf(announcements.get(r.number)),
  }));
}
