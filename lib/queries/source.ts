// Provenance of the data: the secpack's location, the synced commit, the
// signed tags that vouch for it (or the newest ancestor that has one and the
// files changed since), and the last fetch. One place for /api/source, the
// home page and every page's data line.
import { getDb } from "@/lib/db";
import { SECPACK_KIND_LABEL, type SecpackKind } from "@/lib/secpack/git";
import type { ImportedSources } from "@/lib/vocabulary/data-source";
import { keptForData } from "./data-memo";
import { describeFreshness, getSyncStatus, type Freshness } from "./sync-runs";

export interface TagSummary {
  name: string;
  commit: string;
  tagger: string | null;
  taggedAt: string | null;
  status: string;
  reason: string | null;
  signerUserId: string | null;
  fingerprint: string | null;
  certifiedByMaster: boolean;
}

export interface SourceProvenance {
  secpack: {
    url: string;
    kind: SecpackKind;
    kindLabel: string;
    commit: string | null;
    commitDate: string | null;
    commitSubject: string | null;
  };
  /** Every signed tag naming the synced commit, valid or not. */
  tags: TagSummary[];
  /** The commit a valid tag vouches for: the synced one, or its newest ancestor with one; null when none. */
  vouchedBy: { commit: string; commitDate: string | null; tags: TagSummary[]; isSyncedCommit: boolean } | null;
  /** Files changed between the vouched commit and the synced one. */
  changedSince: string[];
  tagCounts: { total: number; valid: number };
  /** Plain words where the data cannot answer; null when a valid tag is on the synced commit. */
  note: string | null;
  lastFetch: { at: string; result: "ok" | "failed"; error: string | null } | null;
  /** When the data was last refreshed, and a warning when that is older than two sync intervals. */
  freshness: Freshness;
}

function tagSummary(t: {
  name: string;
  target: string;
  tagger: string | null;
  taggedAt: Date | null;
  status: string;
  reason: string | null;
  signerUserId: string | null;
  fingerprint: string | null;
  certifiedByMaster: boolean;
}): TagSummary {
  return {
    name: t.name,
    commit: t.target,
    tagger: t.tagger,
    taggedAt: t.taggedAt?.toISOString() ?? null,
    status: t.status,
    reason: t.reason,
    signerUserId: t.signerUserId,
    fingerprint: t.fingerprint,
    certifiedByMaster: t.certifiedByMaster,
  };
}

/** null before the first sync that recorded provenance; `intervalSeconds`: the scheduled sync's (SYNC_INTERVAL). */
export async function getSourceProvenance(intervalSeconds: number, now: Date = new Date()): Promise<SourceProvenance | null> {
  // All but the freshness (which depends on the time) changes only with a sync: kept for the data.
  const [stored, status] = await Promise.all([keptForData("source-provenance", readStoredProvenance), getSyncStatus()]);
  return stored && { ...stored, freshness: describeFreshness(status, intervalSeconds, now) };
}

async function readStoredProvenance(): Promise<Omit<SourceProvenance, "freshness"> | null> {
  const db = getDb();
  const [row, status] = await Promise.all([db.secpackProvenance.findUnique({ where: { id: 1 } }), getSyncStatus()]);
  if (!row) return null;
  const [onCommit, vouching] = await Promise.all([
    row.commit ? db.secpackTag.findMany({ where: { target: row.commit }, orderBy: { name: "asc" } }) : [],
    row.vouchedCommit ? db.secpackTag.findMany({ where: { target: row.vouchedCommit, status: "valid" }, orderBy: { name: "asc" } }) : [],
  ]);
  const lastFetch = status.lastFailure
    ? { at: status.lastFailure.finishedAt, result: "failed" as const, error: status.lastFailure.error }
    : status.lastOk
      ? { at: status.lastOk.finishedAt, result: "ok" as const, error: null }
      : null;
  const kind = row.kind as SecpackKind;
  return {
    secpack: {
      url: row.location,
      kind,
      kindLabel: SECPACK_KIND_LABEL[kind] ?? row.kind,
      commit: row.commit,
      commitDate: row.commitDate,
      commitSubject: row.commitSubject,
    },
    tags: onCommit.map(tagSummary),
    vouchedBy: row.vouchedCommit
      ? { commit: row.vouchedCommit, commitDate: row.vouchedCommitDate, tags: vouching.map(tagSummary), isSyncedCommit: row.vouchedCommit === row.commit }
      : null,
    changedSince: row.changedSince ? row.changedSince.split("\n") : [],
    tagCounts: { total: row.tagsTotal, valid: row.tagsValid },
    note: row.note,
    lastFetch,
  };
}

/** The data line, in words: which commit, which signed tag vouches for it, or why none does. */
export function describeProvenance(p: SourceProvenance): string {
  const short = (c: string) => c.slice(0, 12);
  const date = (d: string | null) => (d ? ` of ${d.slice(0, 10)}` : "");
  if (!p.secpack.commit) return `qubes-secpack read from a plain folder: ${p.note ?? "history and signed tags unknown"}.`;
  const head = `qubes-secpack commit ${short(p.secpack.commit)}${date(p.secpack.commitDate)}`;
  const signer = (t: TagSummary) => `${t.name}${t.signerUserId ? ` by ${t.signerUserId.replace(/\s*<[^>]*>$/, "")}` : ""}`;
  if (p.vouchedBy?.isSyncedCommit) {
    return `${head}, vouched for by the signed tag ${p.vouchedBy.tags.map(signer).join(" and ")} (verified through the Qubes Master Signing Key).`;
  }
  if (p.vouchedBy) {
    const n = p.changedSince.length;
    return `${head} carries no valid signed tag; the newest ancestor that does is ${short(p.vouchedBy.commit)}${date(p.vouchedBy.commitDate)} (${p.vouchedBy.tags.map(signer).join(", ")}), and ${n} file${n === 1 ? "" : "s"} changed since.`;
  }
  return `${head}: no commit of its history carries a valid signed tag, so nothing vouches for these files.`;
}

/**
 * Which sources the stored data comes from: the XSA tracker and QSB index by
 * their sync state (a sync needs both); the others by the data they left
 * (Xen's index by the XSAs it listed, the supported-releases page by the
 * support dates, the news by its posts), so a source named on a page is one
 * whose data the page can show.
 */
export function getImportedSources(): Promise<ImportedSources> {
  return keptForData("imported-sources", readImportedSources);
}

async function readImportedSources(): Promise<ImportedSources> {
  const db = getDb();
  const [states, bulletins, xen, support, posts] = await Promise.all([
    db.sourceState.findMany({ select: { name: true, location: true } }),
    db.bulletin.count(),
    db.advisory.count({ where: { inXenIndex: true } }),
    db.release.count({ where: { OR: [{ supportStatus: { not: null } }, { supportEnd: { not: null } }] } }),
    db.post.count(),
  ]);
  const state = (name: string) => states.some((s) => s.name === name && s.location !== "none");
  return {
    secpack: bulletins > 0,
    "xsa-tracker": state("xsa-tracker"),
    "qsb-index": state("qsb-index"),
    "xen-index": xen > 0,
    "supported-releases": support > 0,
    news: posts > 0,
  };
}
