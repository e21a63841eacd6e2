// Figures for the dashboard, like the Qubes XSA tracker's statistics plus the
// signature health and the audit of disagreements between the sources.
import { getDb } from "@/lib/db";
import { keptForData } from "./data-memo";
import { pageWindow, type PageWindow } from "./paginate";

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

type StatRow = { figure: string; key: string | null; n: number | bigint };

/**
 * Every count the dashboard shows, in one query: a row per figure and key
 * (a verdict, a year, a status), each counted by the database.
 */
function countDashboardFigures(): Promise<StatRow[]> {
  return getDb().$queryRaw<StatRow[]>`
    SELECT 'verdict' AS "figure", "qubesAffected" AS "key", COUNT(*) AS "n" FROM "Advisory" WHERE "inTracker" = TRUE GROUP BY "qubesAffected"
    UNION ALL SELECT 'first', MIN("date"), 0 FROM "Advisory" WHERE "inTracker" = TRUE AND "date" IS NOT NULL
    UNION ALL SELECT 'last', MAX("date"), 0 FROM "Advisory" WHERE "inTracker" = TRUE AND "date" IS NOT NULL
    UNION ALL SELECT 'year', substr("date", 1, 4), COUNT(*) FROM "Bulletin" WHERE "date" IS NOT NULL GROUP BY substr("date", 1, 4)
    UNION ALL SELECT 'bulletin', "signatureStatus", COUNT(*) FROM "Bulletin" GROUP BY "signatureStatus"
    UNION ALL SELECT 'signature', "status", COUNT(*) FROM "Signature" GROUP BY "status"
    UNION ALL SELECT 'weak', NULL, COUNT(*) FROM "Signature" WHERE "weakHash" = TRUE
    UNION ALL SELECT 'audit', NULL, COUNT(*) FROM "Warning" WHERE "kind" = 'audit'
    UNION ALL SELECT 'parse', NULL, COUNT(*) FROM "Warning" WHERE "kind" IN ('parse', 'source')`;
}

/**
 * Counted in the database, in one query (and the first disagreements in
 * another), once per data version (keptForData): the counts scan the tables,
 * and change only with a sync.
 */
export function getDashboardStats(): Promise<DashboardStats> {
  return keptForData("dashboard-stats", readDashboardStats);
}

async function readDashboardStats(): Promise<DashboardStats> {
  const [figures, audit] = await Promise.all([
    countDashboardFigures(),
    getDb().warning.findMany({ where: { kind: "audit" }, orderBy: { id: "asc" }, take: DISAGREEMENT_PREVIEW, select: { message: true, bulletinNumber: true, advisoryNumber: true } }),
  ]);
  const rows = (figure: string) => figures.filter((f) => f.figure === figure).map((f) => ({ key: f.key, n: Number(f.n) }));
  const single = (figure: string) => rows(figure)[0];
  const counts = (figure: string) => Object.fromEntries(rows(figure).map((r) => [r.key ?? "", r.n]));
  const verdicts = rows("verdict");
  const count = (verdict: string) => verdicts.find((v) => v.key === verdict)?.n ?? 0;
  const published = verdicts.reduce((n, v) => n + v.n, 0) - count("unused");
  const affecting = count("yes");
  const year = (date: string | null | undefined) => (Number(date?.slice(0, 4)) > 0 ? Number(date?.slice(0, 4)) : null);
  const first = year(single("first")?.key);
  const last = year(single("last")?.key);
  const perYear = new Map<number, number>();
  for (const group of rows("year")) if (Number(group.key) > 0) perYear.set(Number(group.key), group.n);
  const bySignature = counts("bulletin");
  const bulletins = rows("bulletin").reduce((n, g) => n + g.n, 0);
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
    signatures: counts("signature"),
    weakHashSignatures: single("weak")?.n ?? 0,
    bulletinSignatureStatus: bySignature,
    disagreements: audit,
    disagreementCount: single("audit")?.n ?? 0,
    parseWarnings: single("parse")?.n ?? 0,
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
