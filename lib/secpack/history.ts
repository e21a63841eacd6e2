// Revision history of the bulletins, from one `git log` over QSBs/ (pure
// functions of its text; history-source.ts runs git). Every commit that
// touched a bulletin's text or one of its signature files is a revision of
// that bulletin; a file belongs to the bulletin its number names
// (qsb-064-2020.txt, renamed qsb-064-2021.txt, is QSB-064's), which is what
// `git log --full-history -- 'QSBs/qsb-064-*'` lists. The same reading serves
// other files with their own owner (a canary's text, fileRevisions).

/** Where a revision stands against the bulletin's publication (see `revisionPhases`). */
export const REVISION_PHASES = ["before-publication", "publication", "after-publication"] as const;
export type RevisionPhase = (typeof REVISION_PHASES)[number];

export const REVISION_PHASE_LABEL: Record<RevisionPhase, string> = {
  "before-publication": "before publication",
  publication: "published",
  "after-publication": "after publication",
};

/** The `git log` arguments whose output `parseHistoryLog` reads (one pass over the whole repository). */
export const HISTORY_LOG_ARGS = [
  "log",
  "-m",
  "--raw",
  "--no-abbrev",
  "-M",
  // Every commit that touched a file on any path into the synced commit, side branches too (see fileRevisions).
  "--full-history",
  "--format=%x01%H%x00%P%x00%aI%x00%cI%x00%an%x00%s",
] as const;
export const HISTORY_PATHS = ["QSBs"] as const;

export interface FileChange {
  /** A, M, D, R (renamed; `from` is the old path), C, T; "MM" and the like for a merge. */
  status: string;
  path: string;
  from: string | null;
  /** The blob after the commit; null when the file was deleted. */
  blob: string | null;
  /** For a rename or copy: git's similarity, 100 when the content is unchanged. */
  similarity: number | null;
}

export interface LogCommit {
  commit: string;
  authoredAt: string;
  committedAt: string;
  author: string;
  subject: string;
  parents: string[];
  /** The changes against each parent (one list for a plain commit; one per parent for a merge, from `-m`). */
  diffs: FileChange[][];
}

const ZERO_OID = /^0+$/;
const BULLETIN_PATH = /^QSBs\/qsb-(\d{3,})-\d{4}\.txt(?:\.txt)?(\.(?:sig|sign)\.[^/]+)?$/;

/** The bulletin a path of the secpack belongs to, and whether it is the text or a signature; null for other files. */
export function bulletinOfPath(path: string): { number: number; kind: "text" | "signature" } | null {
  const match = BULLETIN_PATH.exec(path);
  if (!match) return null;
  // "qsb-068-2021.txt.txt.sig.marmarek" (a misnamed signature, later renamed) is a signature; "x.txt.txt" alone is not a text.
  if (!match[2] && path.endsWith(".txt.txt")) return null;
  return { number: Number(match[1]), kind: match[2] ? "signature" : "text" };
}

/** Parses the output of `git log` run with HISTORY_LOG_ARGS, newest commit first. Pure. */
export function parseHistoryLog(output: string): LogCommit[] {
  const commits: LogCommit[] = [];
  for (const record of output.split("\x01")) {
    if (!record.trim()) continue;
    const newline = record.indexOf("\n");
    const header = newline >= 0 ? record.slice(0, newline) : record;
    const [commit = "", parents = "", authoredAt = "", committedAt = "", author = "", subject = ""] = header.split("\0");
    const files: FileChange[] = [];
    for (const line of (newline >= 0 ? record.slice(newline + 1) : "").split("\n")) {
      if (!line.startsWith(":")) continue;
      const tab = line.indexOf("\t");
      // ":oldmode newmode oldoid newoid status\tpath[\tnewpath]"
      const [, , , blob = "", status = ""] = line.slice(1, tab).split(" ");
      const paths = line.slice(tab + 1).split("\t");
      const renamed = /^[RC]/.test(status) && paths.length === 2;
      files.push({
        status: renamed ? status.charAt(0) : status,
        path: (renamed ? paths[1] : paths[0]) ?? "",
        from: renamed ? (paths[0] ?? null) : null,
        blob: ZERO_OID.test(blob) || status === "D" ? null : blob,
        similarity: renamed ? Number(status.slice(1)) : null,
      });
    }
    // `-m` prints a merge once per parent it differs from (under the paths given), one after the other.
    const last = commits[commits.length - 1];
    if (last?.commit === commit) last.diffs.push(files);
    else commits.push({ commit, parents: parents.split(" ").filter(Boolean), authoredAt, committedAt, author, subject, diffs: [files] });
  }
  return commits;
}

export interface Revision {
  commit: string;
  authoredAt: string;
  committedAt: string;
  author: string;
  subject: string;
  /** A merge commit: listed when it differs from a parent, but it is never the publication. */
  merge: boolean;
  /** What the commit did to the bulletin's files ("M QSBs/qsb-054-2019.txt"). */
  files: FileChange[];
  /** The text's blob after this commit when the commit added or changed the text; null otherwise. */
  textBlob: string | null;
  /** The commit changed a text that was already there (not its first version, not a pure rename). */
  changedText: boolean;
  phase: RevisionPhase;
}

/** The owner of a path (a bulletin's number, a canary's file name) and whether the path is its text or a signature; null for other files. */
export type FileOwner<K> = (path: string) => { key: K; kind: "text" | "signature" } | null;

export type UnphasedRevision = Omit<Revision, "phase">;

/**
 * Every owner's revisions, newest first, from the parsed log. Pure. A commit
 * is a revision of an owner when it differs from at least one of its parents
 * in the owner's files, which is what `git log --full-history -- <its files>`
 * lists: a commit on a side branch is one even when the merge that joins it
 * keeps the other side's text (the default `git log` hides it).
 */
export function fileRevisions<K>(commits: LogCommit[], ownerOf: FileOwner<K>): Map<K, UnphasedRevision[]> {
  const byOwner = new Map<K, UnphasedRevision[]>();
  for (const c of commits) {
    // `-m` prints a merge's changes against each parent it differs from (under the paths given), not naming the parent.
    const perParent = c.diffs.map((diff) => {
      const touched = new Map<K, FileChange[]>();
      for (const file of diff) {
        const owner = ownerOf(file.path) ?? (file.from ? ownerOf(file.from) : null);
        if (owner) touched.set(owner.key, [...(touched.get(owner.key) ?? []), file]);
      }
      return touched;
    });
    const keys = new Set(perParent.flatMap((t) => [...t.keys()]));
    for (const key of keys) {
      const lists = perParent.map((t) => t.get(key)).filter((f): f is FileChange[] => f !== undefined);
      const files = lists[0] ?? [];
      // A merge brings a text of its own only when its text differs from every parent's; otherwise it keeps one side's text, listed already.
      const ownText = c.parents.length <= 1 || lists.length === c.parents.length;
      const text = ownText ? files.find((f) => ownerOf(f.path)?.kind === "text") : undefined;
      const contentChange = text !== undefined && text.blob !== null && text.similarity !== 100;
      const list = byOwner.get(key) ?? [];
      list.push({
        commit: c.commit,
        authoredAt: c.authoredAt,
        committedAt: c.committedAt,
        author: c.author,
        subject: c.subject,
        merge: c.parents.length > 1,
        files,
        textBlob: contentChange ? text.blob : null,
        changedText: contentChange && text.status !== "A",
      });
      byOwner.set(key, list);
    }
  }
  return byOwner;
}

const bulletinOwner: FileOwner<number> = (path) => {
  const owner = bulletinOfPath(path);
  return owner && { key: owner.number, kind: owner.kind };
};

/** Every bulletin's revisions, newest first, from the parsed log. Pure. */
export function bulletinRevisions(commits: LogCommit[], dates: Map<number, string | null>): Map<number, Revision[]> {
  const result = new Map<number, Revision[]>();
  for (const [number, revisions] of fileRevisions(commits, bulletinOwner)) result.set(number, withPhases(revisions, dates.get(number) ?? null));
  return result;
}

/**
 * Marks each revision (newest first) before, at or after publication. The
 * bulletin is published by the first commit that adds a signature for it;
 * a bulletin whose text entered the secpack after the day it is dated
 * (QSB-001 to 012, published in 2011–2014, added in 2015) was published
 * before any of its commits, so all of them come after publication. A
 * bulletin never signed counts as published at the end of its stated day.
 */
export function withPhases(revisions: UnphasedRevision[], date: string | null): Revision[] {
  const endOfDay = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T23:59:59Z`) : null;
  const firstSigned = revisions.findLastIndex((r) => !r.merge && r.files.some((f) => f.status === "A" && bulletinOfPath(f.path)?.kind === "signature"));
  const oldest = revisions[revisions.length - 1];
  const enteredLate = oldest !== undefined && endOfDay !== null && Date.parse(oldest.committedAt) > endOfDay + 24 * 3600_000;
  return revisions.map((r, i) => {
    let phase: RevisionPhase;
    if (enteredLate) phase = "after-publication";
    else if (firstSigned >= 0) phase = i < firstSigned ? "after-publication" : i === firstSigned ? "publication" : "before-publication";
    else phase = endOfDay !== null && Date.parse(r.committedAt) > endOfDay ? "after-publication" : "before-publication";
    return { ...r, phase };
  });
}

/** The UTC day (YYYY-MM-DD) of an ISO 8601 time with an offset. */
export function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** The day of the latest revision that changed the text after publication; null when none did. */
export function historyRevisedOn(revisions: Pick<Revision, "phase" | "changedText" | "committedAt">[]): string | null {
  const latest = revisions.find((r) => r.phase === "after-publication" && r.changedText);
  return latest ? utcDay(latest.committedAt) : null;
}

/** A bulletin's "updated" date: the later of its changelog's and its history's, each kept. */
export interface UpdatedDates {
  /** The later of the two; null when neither is after publication. */
  updated: string | null;
  /** The latest changelog date after the published date. */
  fromChangelog: string | null;
  /** The day of the latest commit that changed the text after publication. */
  fromHistory: string | null;
}

/** Pure: `published` and the changelog's dates are YYYY-MM-DD; `historyDay` from `historyRevisedOn`. */
export function updatedDates(published: string | null, changelogDates: (string | null)[], historyDay: string | null): UpdatedDates {
  const after = (day: string | null) => (day !== null && /^\d{4}-\d{2}-\d{2}$/.test(day) && (published === null || day > published) ? day : null);
  const fromChangelog = changelogDates.map(after).reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  const fromHistory = after(historyDay);
  const updated = fromChangelog !== null && (fromHistory === null || fromChangelog >= fromHistory) ? fromChangelog : fromHistory;
  return { updated, fromChangelog, fromHistory };
}
