// Read functions for bulletins, used by pages, API routes and feeds.
import { getDb } from "@/lib/db";
import { bulletinId } from "@/lib/ids";

export interface BulletinSummary {
  number: number;
  id: string;
  date: string | null;
  title: string | null;
  signatureStatus: string;
}

export async function listBulletins(options: { limit?: number } = {}): Promise<BulletinSummary[]> {
  const rows = await getDb().bulletin.findMany({
    select: { number: true, date: true, title: true, signatureStatus: true },
    orderBy: { number: "desc" },
    take: options.limit,
  });
  return rows.map((row) => ({ ...row, id: bulletinId(row.number) }));
}

export interface BulletinSignature {
  file: string;
  signer: string;
  signerUserId: string | null;
  fingerprint: string | null;
  issuerKeyId: string | null;
  status: string;
  reason: string | null;
  weakHash: boolean;
  certifiedByMaster: boolean;
  createdAt: string | null;
  hashAlgorithm: string | null;
}

export interface BulletinDetail extends BulletinSummary {
  fileName: string;
  sourcePath: string;
  secpackCommit: string | null;
  sha256: string;
  rawText: string;
  titleSource: string | null;
  advisories: { xsa: number; relation: string; source: string; title: string | null }[];
  bulletins: { qsb: number; relation: string; title: string | null; exists: boolean }[];
  referencedBy: { qsb: number; relation: string; title: string | null }[];
  fixes: { release: string | null; package: string; version: string; where: string; rawLine: string }[];
  signatures: BulletinSignature[];
  changelog: { date: string | null; text: string }[];
  actions: { action: string; detail: string }[];
  references: { label: string; url: string }[];
  warnings: { kind: string; line: number | null; message: string }[];
  updatedAt: string;
}

const RELATION_ORDER: Record<string, number> = { covers: 0, references: 1 };

export async function getBulletin(number: number): Promise<BulletinDetail | null> {
  const db = getDb();
  const row = await db.bulletin.findUnique({
    where: { number },
    include: {
      advisories: { include: { advisory: { select: { title: true } } } },
      references: true,
      fixes: { include: { release: true }, orderBy: { id: "asc" } },
      signatures: { orderBy: { fileName: "asc" } },
      changes: { orderBy: { position: "asc" } },
      actions: true,
      urls: true,
      warnings: { orderBy: { id: "asc" } },
    },
  });
  if (!row) return null;
  const mentioned = [...new Set(row.references.map((r) => r.toNumber))];
  const [others, referencedBy] = await Promise.all([
    db.bulletin.findMany({ where: { number: { in: mentioned } }, select: { number: true, title: true } }),
    db.bulletinReference.findMany({
      where: { toNumber: number },
      include: { from: { select: { title: true } } },
      orderBy: { fromNumber: "asc" },
    }),
  ]);
  const titles = new Map(others.map((b) => [b.number, b.title]));
  return {
    number: row.number,
    id: bulletinId(row.number),
    date: row.date,
    title: row.title,
    titleSource: row.titleSource,
    signatureStatus: row.signatureStatus,
    fileName: row.fileName,
    sourcePath: row.sourcePath,
    secpackCommit: row.secpackCommit,
    sha256: row.sha256,
    rawText: row.rawText,
    updatedAt: row.updatedAt.toISOString(),
    advisories: row.advisories
      .map((a) => ({ xsa: a.advisoryNumber, relation: a.relation, source: a.source, title: a.advisory.title }))
      .sort((a, b) => (RELATION_ORDER[a.relation] ?? 9) - (RELATION_ORDER[b.relation] ?? 9) || a.xsa - b.xsa),
    bulletins: row.references
      .map((r) => ({ qsb: r.toNumber, relation: r.relation, title: titles.get(r.toNumber) ?? null, exists: titles.has(r.toNumber) }))
      .sort((a, b) => a.qsb - b.qsb),
    referencedBy: referencedBy.map((r) => ({ qsb: r.fromNumber, relation: "referenced-by", title: r.from.title })),
    fixes: [...row.fixes]
      .sort((a, b) => (b.release?.sortKey ?? 0) - (a.release?.sortKey ?? 0) || a.id - b.id)
      .map((f) => ({ release: f.releaseName, package: f.package, version: f.version, where: f.location, rawLine: f.rawLine })),
    signatures: row.signatures.map((s) => ({
      file: s.fileName,
      signer: s.signer,
      signerUserId: s.signerUserId,
      fingerprint: s.fingerprint,
      issuerKeyId: s.issuerKeyId,
      status: s.status,
      reason: s.reason,
      weakHash: s.weakHash,
      certifiedByMaster: s.certifiedByMaster,
      createdAt: s.createdAt?.toISOString() ?? null,
      hashAlgorithm: s.hashAlgorithm,
    })),
    changelog: row.changes.map((c) => ({ date: c.date, text: c.text })),
    actions: row.actions.map((a) => ({ action: a.action, detail: a.detail })),
    references: row.urls
      .map((u) => ({ label: u.label, url: u.url }))
      .sort((a, b) => Number(a.label) - Number(b.label) || a.label.localeCompare(b.label)),
    warnings: row.warnings.map((w) => ({ kind: w.kind, line: w.line, message: w.message })),
  };
}
