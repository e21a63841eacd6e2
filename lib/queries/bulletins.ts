// Read functions for bulletins, used by pages, API routes and feeds.
import { getDb } from "@/lib/db";
import { distinctYears } from "./years";
import { fixVersionsInclude, toFixView, type FixView } from "./fixes";
import { bulletinId } from "@/lib/ids";
import { parseStatements, type BulletinStatement } from "@/lib/secpack/parse/statements";
import { pageWindow } from "./paginate";
import type { UpdatedDates } from "@/lib/secpack/history";
import { listUpdatedDates } from "./history";
import { RELEASE_TAG_SELECT, releaseTags, type ReleaseTag } from "./release-tags";

export interface BulletinSummary {
  number: number;
  id: string;
  date: string | null;
  title: string | null;
  signatureStatus: string;
  /** Revised after publication: the later of the changelog's and the history's date (both kept); null fields when not. */
  updated: UpdatedDates;
  /** The releases its fixes name, newest first. */
  releases: ReleaseTag[];
}

/** How many bulletins the database holds (0 before the first sync). */
export async function countBulletins(): Promise<number> {
  return getDb().bulletin.count();
}

export async function listBulletins(options: { limit?: number } = {}): Promise<BulletinSummary[]> {
  const rows = await getDb().bulletin.findMany({
    select: { number: true, date: true, title: true, signatureStatus: true, changes: { select: { date: true } }, fixes: { select: RELEASE_TAG_SELECT } },
    orderBy: { number: "desc" },
    take: options.limit,
  });
  const updated = await updatedOf(rows);
  return rows.map(({ changes: _changes, fixes, ...row }) => ({ ...row, id: bulletinId(row.number), releases: releaseTags(fixes), updated: updated(row.number) }));
}

/** The "updated" dates of listed rows (their changelog dates and history). */
async function updatedOf(rows: { number: number; date: string | null; changes: { date: string | null }[] }[]) {
  const dates = await listUpdatedDates(rows.map((r) => ({ number: r.number, date: r.date, changelogDates: r.changes.map((c) => c.date) })));
  return (number: number): UpdatedDates => dates.get(number) ?? { updated: null, fromChangelog: null, fromHistory: null };
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
  /** The key's file in the secpack, relative to keys/. */
  keyPath: string | null;
  /** For a signature bad on the current text: the commit whose text it signs (null when none of the earlier texts matches). */
  signedCommit: string | null;
  /** How many earlier texts a bad signature was checked against; null when it was not checked. */
  revisionsChecked: number | null;
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
  fixes: FixView[];
  signatures: BulletinSignature[];
  changelog: { date: string | null; text: string }[];
  actions: { action: string; detail: string }[];
  references: { label: string; url: string }[];
  warnings: { kind: string; line: number | null; message: string }[];
  /** "User action", "Impact", "Affected systems" as the text states them. */
  statements: BulletinStatement[];
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
      fixes: { include: { release: true, ...fixVersionsInclude }, orderBy: { id: "asc" } },
      signatures: { orderBy: { fileName: "asc" }, include: { key: { select: { sourcePath: true } } } },
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
  const updated = await updatedOf([row]);
  return {
    number: row.number,
    id: bulletinId(row.number),
    date: row.date,
    title: row.title,
    titleSource: row.titleSource,
    signatureStatus: row.signatureStatus,
    updated: updated(row.number),
    fileName: row.fileName,
    sourcePath: row.sourcePath,
    secpackCommit: row.secpackCommit,
    sha256: row.sha256,
    rawText: row.rawText,
    releases: releaseTags(row.fixes),
    statements: parseStatements(row.rawText),
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
      .map(toFixView),
    signatures: row.signatures.map((s) => toBulletinSignature(s, s.key?.sourcePath ?? null)),
    changelog: row.changes.map((c) => ({ date: c.date, text: c.text })),
    actions: row.actions.map((a) => ({ action: a.action, detail: a.detail })),
    references: row.urls
      .map((u) => ({ label: u.label, url: u.url }))
      .sort((a, b) => Number(a.label) - Number(b.label) || a.label.localeCompare(b.label)),
    warnings: row.warnings.map((w) => ({ kind: w.kind, line: w.line, message: w.message })),
  };
}

/** The stored columns of a detached signature, a bulletin's or a canary's. */
export interface SignatureRow {
  fileName: string;
  signer: string;
  signerUserId: string | null;
  fingerprint: string | null;
  issuerKeyId: string | null;
  status: string;
  reason: string | null;
  weakHash: boolean;
  certifiedByMaster: boolean;
  createdAt: Date | null;
  hashAlgorithm: string | null;
  /** Absent where bad signatures are not checked against earlier revisions. */
  signedCommit?: string | null;
  revisionsChecked?: number | null;
}

/** A stored signature in the shape the pages and the API show; `keyPath` is the signing key's file, relative to keys/. */
export function toBulletinSignature(s: SignatureRow, keyPath: string | null): BulletinSignature {
  return {
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
    keyPath,
    signedCommit: s.signedCommit ?? null,
    revisionsChecked: s.revisionsChecked ?? null,
  };
}

export interface BulletinFilters {
  year?: number;
  release?: string;
  signature?: string;
  /** "yes": covers at least one XSA; "no": covers none. */
  xen?: "yes" | "no";
  page?: number;
  pageSize?: number;
}

export interface BulletinRow extends BulletinSummary {
  covers: number[];
}

export interface BulletinPage {
  items: BulletinRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

export async function listBulletinsPage(filters: BulletinFilters): Promise<BulletinPage> {
  const db = getDb();
  const pageSize = filters.pageSize ?? 25;
  const where = {
    ...(filters.year ? { date: { startsWith: `${filters.year}-` } } : {}),
    ...(filters.signature ? { signatureStatus: filters.signature } : {}),
    ...(filters.release ? { fixes: { some: { releaseName: filters.release } } } : {}),
    ...(filters.xen === "yes" ? { advisories: { some: { relation: "covers" } } } : {}),
    ...(filters.xen === "no" ? { advisories: { none: { relation: "covers" } } } : {}),
  };
  const total = await db.bulletin.count({ where });
  const { page, pages, skip, take } = pageWindow(total, filters.page, pageSize);
  const rows = await db.bulletin.findMany({
    where,
    orderBy: { number: "desc" },
    skip,
    take,
    select: {
      number: true,
      date: true,
      title: true,
      signatureStatus: true,
      advisories: { where: { relation: "covers" }, select: { advisoryNumber: true }, orderBy: { advisoryNumber: "asc" } },
      fixes: { select: RELEASE_TAG_SELECT },
      changes: { select: { date: true } },
    },
  });
  const updated = await updatedOf(rows);
  return {
    items: rows.map((r) => ({
      number: r.number,
      id: bulletinId(r.number),
      date: r.date,
      title: r.title,
      signatureStatus: r.signatureStatus,
      updated: updated(r.number),
      covers: r.advisories.map((a) => a.advisoryNumber),
      releases: releaseTags(r.fixes),
    })),
    total,
    page,
    pages,
    pageSize,
  };
}

/** The years that have bulletins, newest first, for the filter. */
export function listBulletinYears(): Promise<number[]> {
  return distinctYears("Bulletin");
}

export interface ChainNode {
  kind: "bulletin" | "advisory";
  id: string;
  href: string;
}

/** A path through the relations: node, edge label, node, edge label, node ... */
export interface RelationChain {
  nodes: ChainNode[];
  edges: string[];
}

const INVERSE_RELATION: Record<string, string> = { "follows-up": "followed up by" };
const RELATION_WORDS: Record<string, string> = { "follows-up": "follows up" };

/**
 * The chains from a bulletin through the XSAs it covers to related XSAs and
 * the bulletins covering those: QSB-054 covers XSA-306, which follows up
 * XSA-302, covered by QSB-052. For each covered XSA (ascending), the XSAs it
 * relates to (ascending), then those relating to it (ascending), each with
 * the other bulletins covering them (ascending). Four queries whatever the
 * number of XSAs, not three per XSA and one per related XSA.
 */
export async function getRelationChains(number: number): Promise<RelationChain[]> {
  const db = getDb();
  const covered = await db.bulletinAdvisory.findMany({ where: { bulletinNumber: number, relation: "covers" }, orderBy: { advisoryNumber: "asc" }, select: { advisoryNumber: true } });
  if (covered.length === 0) return [];
  const numbers = covered.map((c) => c.advisoryNumber);
  const [outgoing, incoming] = await Promise.all([
    db.advisoryRelation.findMany({ where: { fromNumber: { in: numbers } }, orderBy: [{ fromNumber: "asc" }, { toNumber: "asc" }], select: { fromNumber: true, toNumber: true, relation: true } }),
    db.advisoryRelation.findMany({ where: { toNumber: { in: numbers } }, orderBy: [{ toNumber: "asc" }, { fromNumber: "asc" }], select: { fromNumber: true, toNumber: true, relation: true } }),
  ]);
  const others = [...new Set([...outgoing.map((r) => r.toNumber), ...incoming.map((r) => r.fromNumber)])];
  const covering = others.length
    ? await db.bulletinAdvisory.findMany({
        where: { advisoryNumber: { in: others }, relation: "covers", bulletinNumber: { not: number } },
        orderBy: [{ advisoryNumber: "asc" }, { bulletinNumber: "asc" }],
        select: { advisoryNumber: true, bulletinNumber: true },
      })
    : [];
  const coveringOf = new Map<number, number[]>();
  for (const c of covering) coveringOf.set(c.advisoryNumber, [...(coveringOf.get(c.advisoryNumber) ?? []), c.bulletinNumber]);
  const chains: RelationChain[] = [];
  const bulletinNode = (n: number): ChainNode => ({ kind: "bulletin", id: bulletinId(n), href: `/qsb/${n}` });
  const advisoryNode = (n: number): ChainNode => ({ kind: "advisory", id: `XSA-${n}`, href: `/xsa/${n}` });
  for (const x of numbers) {
    const related = [
      ...outgoing.filter((r) => r.fromNumber === x).map((r) => ({ other: r.toNumber, words: RELATION_WORDS[r.relation] ?? r.relation })),
      ...incoming.filter((r) => r.toNumber === x).map((r) => ({ other: r.fromNumber, words: INVERSE_RELATION[r.relation] ?? r.relation })),
    ];
    for (const { other, words } of related) {
      const coveringOther = coveringOf.get(other) ?? [];
      const base = { nodes: [bulletinNode(number), advisoryNode(x), advisoryNode(other)], edges: ["covers", words] };
      if (coveringOther.length === 0) chains.push(base);
      for (const b of coveringOther) chains.push({ nodes: [...base.nodes, bulletinNode(b)], edges: [...base.edges, "covered by"] });
    }
  }
  return chains;
}
