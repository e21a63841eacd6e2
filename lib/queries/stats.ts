// Figures for the dashboard, like the Qubes XSA tracker's statistics plus the
// signature health and the audit of disagreements between the sources.
import { getDb } from "@/lib/db";

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
  disagreements: { message: string; bulletinNumber: number | null; advisoryNumber: number | null }[];
  parseWarnings: number;
}

export async function getDashboardStats(): Promise<DashboardStats> {
  const db = getDb();
  const [advisories, bulletins, signatureGroups, weak, audit, parseWarnings] = await Promise.all([
    db.advisory.findMany({ where: { inTracker: true }, select: { date: true, qubesAffected: true } }),
    db.bulletin.findMany({ select: { date: true, signatureStatus: true } }),
    db.signature.groupBy({ by: ["status"], _count: true }),
    db.signature.count({ where: { weakHash: true } }),
    db.warning.findMany({ where: { kind: "audit" }, orderBy: { id: "asc" }, select: { message: true, bulletinNumber: true, advisoryNumber: true } }),
    db.warning.count({ where: { kind: { in: ["parse", "source"] } } }),
  ]);
  const years = advisories.map((a) => Number(a.date?.slice(0, 4))).filter((y) => y > 0);
  const published = advisories.filter((a) => a.qubesAffected !== "unused");
  const affecting = published.filter((a) => a.qubesAffected === "yes").length;
  const perYear = new Map<number, number>();
  const bySignature: Record<string, number> = {};
  for (const b of bulletins) {
    const year = Number(b.date?.slice(0, 4));
    if (year > 0) perYear.set(year, (perYear.get(year) ?? 0) + 1);
    bySignature[b.signatureStatus] = (bySignature[b.signatureStatus] ?? 0) + 1;
  }
  const first = years.length ? Math.min(...years) : null;
  const last = years.length ? Math.max(...years) : null;
  const bulletinsPerYear: { year: number; count: number }[] = [];
  if (perYear.size) {
    const from = Math.min(...perYear.keys());
    const to = Math.max(...perYear.keys());
    for (let year = from; year <= to; year++) bulletinsPerYear.push({ year, count: perYear.get(year) ?? 0 });
  }
  return {
    firstYear: first,
    lastYear: last,
    xsasPublished: published.length,
    xsasAffectingQubes: affecting,
    affectingPercent: published.length ? Math.round((affecting / published.length) * 1000) / 10 : 0,
    bulletins: bulletins.length,
    bulletinsPerYear,
    signatures: Object.fromEntries(signatureGroups.map((g) => [g.status, g._count])),
    weakHashSignatures: weak,
    bulletinSignatureStatus: bySignature,
    disagreements: audit,
    parseWarnings,
  };
}
