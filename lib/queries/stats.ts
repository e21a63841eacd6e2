// Figures for the dashboard, like the Qubes XSA tracker's statistics plus the
// signature health and the audit of disagreements between the sources.
import { getDb } from "@/lib/db";
import { pageWindow, type PageWindow } from "./paginate";
import { countsPerYear } from "./years";

export interface DashboardStats {
  firstYear: number | null;
  lastYear: number | null;
  /** XSAs in the tracker, withdrawn ("unused") numbers excluded. */
  xsasPublished: number;
  xsasAffectingQubes: number;
  /** Of the published ones, in percent with one decimal. */
  affectingPercent: number;
  bulletins: number;
  bulletinsPerYear: { year: number; count: number }[];
  signatures: Record<string, number>;
  weakHashSignatures: number;
  bulletinSignatureStatus: Record<string, number>;
  /** The first DISAGREEMENT_PREVIEW of them (the home page's summary); all are counted in `disagreementCount`. */
  disagreements: { message: string; bulletinNumber: number | null; advisoryNumber: number | null }[];
  disagreementCount: number;
  parseWarnings: number;
}

/** How many disagreements the home page lists; the rest are on /disagreements. */
export const DISAGREEMENT_PREVIEW = 10;
export const DISAGREEMENTS_PAGE_SIZE = 100;

export type Disagreement = { message: string; bulletinNumber: number | null; advisoryNumber: number | null };

/** Counted in the database (groupBy, count, min/max): the cost does not grow with the tables. */
export async function getDashboardStats(): Promise<DashboardStats> {
  const db = getDb();
  const [verdicts, span, bulletinDates, bulletinStatuses, signatureGroups, weak, audit, disagreementCount, parseWarnings] = await Promise.all([
    db.advisory.groupBy({ by: ["qubesAffected"], where: { inTracker: true }, _count: true }),
    db.advisory.aggregate({ where: { inTracker: true, date: { not: null } }, _min: { date: true }, _max: { date: true } }),
    countsPerYear("Bulletin"),
    db.bulletin.groupBy({ by: ["signatureStatus"], _count: true }),
    db.signature.groupBy({ by: ["status"], _count: true }),
    db.signature.count({ where: { weakHash: true } }),
    db.warning.findMany({ where: { kind: "audit" }, orderBy: { id: "asc" }, take: DISAGREEMENT_PREVIEW, select: { message: true, bulletinNumber: true, advisoryNumber: true } }),
    db.warning.count({ where: { kind: "audit" } }),
    db.warning.count({ where: { kind: { in: ["parse", "source"] } } }),
  ]);
  const count = (verdict: string) => verdicts.find((v) => v.qubesAffected === verdict)?._count ?? 0;
  const published = verdicts.reduce((n, v) => n + v._count, 0) - count("unused");
  const affecting = count("yes");
  const year = (date: string | null | undefined) => (Number(date?.slice(0, 4)) > 0 ? Number(date?.slice(0, 4)) : null);
  const first = year(span._min.date);
  const last = year(span._max.date);
  const perYear = new Map<number, number>();
  for (const group of bulletinDates) perYear.set(group.year, group.count);
  const bySignature = Object.fromEntries(bulletinStatuses.map((g) => [g.signatureStatus, g._count]));
  const bulletins = bulletinStatuses.reduce((n, g) => n + g._count, 0);
  const bulletinsPerYear: { year: number; count: number }[] = [];
  if (perYear.size) {
    const from = Math.min(...perYear.keys());
    const to = Math.max(...perYear.keys());
    for (let y = from; y <= to; y++) bulletinsPerYear.push({ year: y, count: perYear.get(y) ?? 0 });
  }
  return {
    firstYear: first,
    lastYear: last,
    xsasPublished: published,
    xsasAffectingQubes: affecting,
    affectingPercent: published ? Math.round((affecting / published) * 1000) / 10 : 0,
    bulletins,
    bulletinsPerYear,
    signatures: Object.fromEntries(signatureGroups.map((g) => [g.status, g._count])),
    weakHashSignatures: weak,
    bulletinSignatureStatus: bySignature,
    disagreements: audit,
    disagreementCount,
    parseWarnings,
  };
}

/** One page of the disagreements between the sources, in the order the sync found them. */
export async function listDisagreementsPage(requested: number | undefined): Promise<{ items: Disagreement[]; total: number } & PageWindow> {
  const db = getDb();
  const total = await db.warning.count({ where: { kind: "audit" } });
  const window = pageWindow(total, requested, DISAGREEMENTS_PAGE_SIZE);
  const items = await db.warning.findMany({
    where: { kind: "audit" },
    orderBy: { id: "asc" },
    skip: window.skip,
    take: window.take,
    select: { message: true, bulletinNumber: true, advisoryNumber: true },
  });
  return { items, total, ...window };
}
