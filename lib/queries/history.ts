// Read functions for the bulletins' revision history (BulletinRevision, from
// the sync's one `git log` pass) and the diff between two of its texts.
import { structuredPatch } from "diff";
import { getDb } from "@/lib/db";
import { historyRevisedOn, updatedDates, utcDay, type RevisionPhase, type UpdatedDates } from "@/lib/secpack/history";

export interface RevisionView {
  commit: string;
  /** YYYY-MM-DD (UTC) of the commit, and the full times. */
  day: string;
  committedAt: string;
  authoredAt: string;
  author: string;
  subject: string;
  phase: RevisionPhase;
  /** The commit added or changed the text: it can be one side of a diff. */
  hasText: boolean;
  changedText: boolean;
  files: string[];
}

export interface BulletinHistory {
  /** false when the secpack was read from a plain folder (or before a sync recorded history): the history is unknown. */
  known: boolean;
  /** Newest first. */
  revisions: RevisionView[];
  updated: UpdatedDates;
}

export async function getBulletinHistory(number: number, date: string | null, changelogDates: (string | null)[]): Promise<BulletinHistory> {
  const db = getDb();
  const [rows, provenance] = await Promise.all([
    db.bulletinRevision.findMany({ where: { bulletinNumber: number }, orderBy: { position: "asc" } }),
    db.secpackProvenance.findUnique({ where: { id: 1 }, select: { kind: true } }),
  ]);
  const revisions: RevisionView[] = rows.map((r) => ({
    commit: r.commit,
    day: r.committedAt.toISOString().slice(0, 10),
    committedAt: r.committedAt.toISOString(),
    authoredAt: r.authoredAt.toISOString(),
    author: r.author,
    subject: r.subject,
    phase: r.phase as RevisionPhase,
    hasText: r.textBlob !== null,
    changedText: r.changedText,
    files: r.files.split("\n").filter(Boolean),
  }));
  const known = provenance !== null && provenance.kind !== "folder" && revisions.length > 0;
  return { known, revisions, updated: updatedDates(date, changelogDates, historyRevisedOn(revisions)) };
}

/** The "updated" dates of many bulletins at once (lists and feeds): from their changelog and history. */
export async function listUpdatedDates(bulletins: { number: number; date: string | null; changelogDates: (string | null)[] }[]): Promise<Map<number, UpdatedDates>> {
  const rows = await getDb().bulletinRevision.findMany({
    where: { bulletinNumber: { in: bulletins.map((b) => b.number) }, phase: "after-publication", changedText: true },
    select: { bulletinNumber: true, committedAt: true },
  });
  const latest = new Map<number, string>();
  for (const r of rows) {
    const day = utcDay(r.committedAt.toISOString());
    if ((latest.get(r.bulletinNumber) ?? "") < day) latest.set(r.bulletinNumber, day);
  }
  return new Map(bulletins.map((b) => [b.number, updatedDates(b.date, b.changelogDates, latest.get(b.number) ?? null)]));
}

/** Longer texts are not diffed (no real bulletin comes near: the largest is ~20 KB). */
export const MAX_DIFF_CHARS = 256 * 1024;
/** jsdiff gives up past this many edits and the page says the texts differ too much. */
const MAX_EDIT_LENGTH = 5_000;

export type RevisionDiff =
  | {
      ok: true;
      from: RevisionView;
      to: RevisionView;
      /** Unified-diff hunks as plain lines ("+added", "-removed", " context"); empty when the texts are equal. */
      hunks: { header: string; lines: string[] }[];
      added: number;
      removed: number;
    }
  | { ok: false; error: string };

const COMMIT = /^[0-9a-f]{7,40}$/;

/**
 * The diff between the texts of two revisions of a bulletin, given as commit
 * ids (7 to 40 hex digits) of revisions that changed its text. Anything else
 * is a clear error, never a throw.
 */
export async function getRevisionDiff(number: number, history: BulletinHistory, fromId: string, toId: string): Promise<RevisionDiff> {
  if (!history.known) return { ok: false, error: "The history of this bulletin is unknown (the secpack was read from a plain folder), so there is nothing to compare." };
  const texts = history.revisions.filter((r) => r.hasText);
  const find = (id: string, which: string): RevisionView | string => {
    const value = id.trim().toLowerCase();
    if (!COMMIT.test(value)) return `The ${which} revision "${id.slice(0, 60)}" is not a commit id (7 to 40 hexadecimal digits).`;
    const matches = texts.filter((r) => r.commit.startsWith(value));
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) return `The ${which} revision "${value}" matches ${matches.length} revisions; give more digits.`;
    const other = history.revisions.find((r) => r.commit.startsWith(value));
    return other
      ? `The ${which} revision ${value} only touched the signature files, not the text; choose a revision that changed the text.`
      : `The ${which} revision ${value} is not a revision of this bulletin's text.`;
  };
  const from = find(fromId, "first");
  const to = find(toId, "second");
  if (typeof from === "string") return { ok: false, error: from };
  if (typeof to === "string") return { ok: false, error: to };
  const rows = await getDb().bulletinRevision.findMany({
    where: { bulletinNumber: number, commit: { in: [from.commit, to.commit] } },
    select: { commit: true, textBlob: true },
  });
  const blob = (commit: string) => rows.find((r) => r.commit === commit)?.textBlob ?? "";
  const stored = await getDb().bulletinRevisionText.findMany({
    where: { bulletinNumber: number, blob: { in: [blob(from.commit), blob(to.commit)] } },
  });
  const text = (commit: string) => stored.find((t) => t.blob === blob(commit))?.text;
  const a = text(from.commit);
  const b = text(to.commit);
  if (a === undefined || b === undefined) return { ok: false, error: "The text of one of these revisions is not stored; run a sync again." };
  if (a.length > MAX_DIFF_CHARS || b.length > MAX_DIFF_CHARS) {
    return { ok: false, error: `One of these texts is over ${MAX_DIFF_CHARS / 1024} KB, more than a bulletin can be; it is not compared.` };
  }
  const patch = structuredPatch(`${from.commit.slice(0, 12)}`, `${to.commit.slice(0, 12)}`, a, b, "", "", { context: 3, maxEditLength: MAX_EDIT_LENGTH });
  if (!patch) return { ok: false, error: "These two texts differ too much to show as a diff." };
  const hunks = patch.hunks.map((h) => ({ header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, lines: h.lines }));
  const count = (sign: string) => hunks.reduce((n, h) => n + h.lines.filter((l) => l.startsWith(sign)).length, 0);
  return { ok: true, from, to, hunks, added: count("+"), removed: count("-") };
}
