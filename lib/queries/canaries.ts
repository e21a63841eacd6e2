// Read functions for the Qubes warrant canaries, used by the pages, the API
// and the feeds: each canary as imported, the watch over the series (is the
// next one overdue, as of today), and the provenance that says how old our
// copy of the secpack is.
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { CanaryWarning } from "@/lib/canary/build";
import type { CanaryStatement, HeadlineGroup } from "@/lib/canary/parse-canary";
import type { CanaryStatus } from "@/lib/canary/vocabulary";
import { promiseStatus, statementsText } from "@/lib/canary/watch";
import { canaryId } from "@/lib/ids";
import { toBulletinSignature, type BulletinSignature, type SignatureRow } from "./bulletins";
import { getSourceProvenance } from "./source";
import { getSyncStatus } from "./sync-runs";

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** Today's date (UTC, YYYY-MM-DD): the only clock of the canary watch. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

export interface CanarySummary {
  number: number;
  id: string;
  date: string | null;
  signatureStatus: string;
  signers: string[];
  nextDue: { from: string; until: string } | null;
  /** Whether the promise this canary made of the next one was kept (as of today for the latest). */
  status: CanaryStatus;
  /** Days late (overdue) or, for the latest on time, days left; null otherwise. */
  statusDays: number | null;
  /** Whether this canary came within the window its predecessor promised. */
  arrival: { status: CanaryStatus; days: number | null } | null;
  changes: { signersAdded: string[]; signersRemoved: string[]; statementsChanged: number[] };
  warnings: CanaryWarning[];
}

type CanaryRow = Awaited<ReturnType<typeof readRows>>[number];

async function readRows() {
  return getDb().canary.findMany({
    orderBy: { number: "asc" },
    select: {
      number: true,
      date: true,
      signatureStatus: true,
      signers: true,
      nextDueFrom: true,
      nextDueUntil: true,
      nextDueText: true,
      signersAdded: true,
      signersRemoved: true,
      statementsChanged: true,
      warnings: true,
      specialAnnouncements: true,
    },
  });
}

function summarize(rows: CanaryRow[], today: string): CanarySummary[] {
  return rows.map((row, i) => {
    const previous = rows[i - 1] ?? null;
    const next = rows[i + 1] ?? null;
    const nextDue = row.nextDueFrom && row.nextDueUntil ? { from: row.nextDueFrom, until: row.nextDueUntil } : null;
    const promise = promiseStatus({ nextDue: nextDue && { ...nextDue, text: row.nextDueText ?? "" } }, next, today);
    const arrival =
      previous && previous.number === row.number - 1
        ? promiseStatus(
            { nextDue: previous.nextDueFrom && previous.nextDueUntil ? { from: previous.nextDueFrom, until: previous.nextDueUntil, text: "" } : null },
            row,
            today,
          )
        : null;
    return {
      number: row.number,
      id: canaryId(row.number),
      date: row.date,
      signatureStatus: row.signatureStatus,
      signers: parseJson<string[]>(row.signers, []),
      nextDue,
      status: promise.status,
      statusDays: promise.days,
      arrival,
      changes: {
        signersAdded: parseJson<string[]>(row.signersAdded, []),
        signersRemoved: parseJson<string[]>(row.signersRemoved, []),
        statementsChanged: parseJson<number[]>(row.statementsChanged, []),
      },
      warnings: parseJson<CanaryWarning[]>(row.warnings, []),
    };
  });
}

/** Every canary, newest first. */
export async function listCanaries(today = todayUtc()): Promise<CanarySummary[]> {
  return summarize(await readRows(), today).reverse();
}

export interface CanaryWatch {
  /** null before any canary was imported (then `note` says why). */
  latest: CanarySummary | null;
  status: CanaryStatus | null;
  today: string;
  /** "next canary due by 2026-09-14; overdue by 78 days", in words. */
  headline: string;
  /** What an overdue canary may mean, and what it does not prove. */
  meaning: string[];
  /** When the secpack was last fetched, and the date of its newest commit. */
  secpack: { lastFetch: string | null; lastFetchResult: string | null; commit: string | null; commitDate: string | null };
  total: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Whether the next canary is overdue, from the latest canary's promise and today's date. */
export async function getCanaryWatch(today = todayUtc()): Promise<CanaryWatch> {
  const [rows, provenance, sync] = await Promise.all([readRows(), getSourceProvenance(getEnv().SYNC_INTERVAL), getSyncStatus()]);
  const all = summarize(rows, today);
  const latest = all[all.length - 1] ?? null;
  const lastOk = sync.lastOk?.finishedAt ?? null;
  const secpack = {
    lastFetch: provenance?.lastFetch?.at ?? lastOk,
    lastFetchResult: provenance?.lastFetch?.result ?? (lastOk ? "ok" : null),
    commit: provenance?.secpack.commit ?? null,
    commitDate: provenance?.secpack.commitDate ?? null,
  };
  const fetched = secpack.lastFetch ? `the secpack was last fetched on ${secpack.lastFetch.slice(0, 10)}` : "the secpack has not been fetched";
  const commit = secpack.commitDate ? `its newest commit is of ${secpack.commitDate.slice(0, 10)}` : "the date of its newest commit is unknown (a plain folder)";
  if (!latest) {
    return {
      latest: null,
      status: null,
      today,
      headline: "No canary has been imported: the secpack was read without its canaries/ folder, or no sync has run.",
      meaning: [`${fetched}; ${commit}.`],
      secpack,
      total: 0,
    };
  }
  const until = latest.nextDue?.until ?? null;
  let headline: string;
  const meaning: string[] = [];
  if (!until) {
    headline = `The latest canary, ${canaryId(latest.number)}, promises the next one in words this tracker cannot read; read its statement 5.`;
  } else if (latest.status === "overdue") {
    headline = `Next canary due by ${until}; overdue by ${plural(latest.statusDays ?? 0, "day")} (the latest is ${canaryId(latest.number)} of ${latest.date ?? "an unknown date"}).`;
    meaning.push(
      "The Qubes team says special note should be taken if no new canary is published by the promised date: it may mean that the signers can no longer say what the canary says.",
      "It does not prove that anything went wrong: canaries have been late before, and a missing canary is not a statement.",
    );
    if (secpack.commitDate && secpack.commitDate.slice(0, 10) < until) {
      meaning.push(
        `It may only mean that our copy is old: ${fetched}, and ${commit}, before the due date, so a newer canary may exist that this tracker has not seen. Sync again, or check the qubes-secpack repository yourself.`,
      );
    } else {
      meaning.push(`${fetched[0]?.toUpperCase()}${fetched.slice(1)}; ${commit}. A newer canary published since the last fetch would not be seen yet.`);
    }
  } else {
    const left = latest.statusDays ?? 0;
    headline = `Next canary due by ${until} (${left === 0 ? "today" : `in ${plural(left, "day")}`}); the latest, ${canaryId(latest.number)} of ${latest.date ?? "an unknown date"}, is on time.`;
    meaning.push(`On time as of ${today} and of our copy of the secpack: ${fetched}; ${commit}.`);
  }
  return { latest, status: latest.status, today, headline, meaning, secpack, total: all.length };
}

export interface CanaryAttachmentView {
  fileName: string;
  name: string;
  sourcePath: string;
  rawText: string;
  signatureStatus: string;
  signatures: BulletinSignature[];
}

export interface CanaryDetail extends CanarySummary {
  fileName: string;
  sourcePath: string;
  secpackCommit: string | null;
  sha256: string;
  rawText: string;
  titleNumber: number | null;
  statedBulletins: number | null;
  countedBulletins: number | null;
  statedMasterFingerprint: string | null;
  nextDueText: string | null;
  preamble: string | null;
  statements: CanaryStatement[];
  specialAnnouncements: string | null;
  freshness: { timestamp: string | null; headlines: HeadlineGroup[]; blockHash: string | null };
  inIndex: boolean;
  indexDate: string | null;
  signatures: BulletinSignature[];
  attachments: CanaryAttachmentView[];
  previous: { number: number; date: string | null; statementsText: string; specialAnnouncements: string | null } | null;
  next: { number: number; date: string | null } | null;
  statementsText: string;
  /** The letters of an earlier canary that explain a signer leaving (canary 028's, for canary 029). */
  explainedBy: { number: number; attachments: { fileName: string; name: string }[] } | null;
}

function signatureView(s: SignatureRow, keyPaths: Map<string, string>): BulletinSignature {
  return toBulletinSignature(s, s.fingerprint ? (keyPaths.get(s.fingerprint) ?? null) : null);
}

export async function getCanary(number: number, today = todayUtc()): Promise<CanaryDetail | null> {
  const db = getDb();
  const row = await db.canary.findUnique({
    where: { number },
    include: { signatures: { orderBy: { fileName: "asc" } }, attachments: { orderBy: { fileName: "asc" } } },
  });
  if (!row) return null;
  const rows = await readRows();
  const summary = summarize(rows, today).find((c) => c.number === number);
  if (!summary) return null;
  const [previousRow, nextRow] = await Promise.all([
    db.canary.findFirst({ where: { number: { lt: number } }, orderBy: { number: "desc" }, select: { number: true, date: true, preamble: true, statements: true, specialAnnouncements: true } }),
    db.canary.findFirst({ where: { number: { gt: number } }, orderBy: { number: "asc" }, select: { number: true, date: true } }),
  ]);
  const fingerprints = [...new Set(row.signatures.map((s) => s.fingerprint).filter((f): f is string => f !== null))];
  const keys = await db.signingKey.findMany({ where: { fingerprint: { in: fingerprints } }, select: { fingerprint: true, sourcePath: true } });
  const keyPaths = new Map(keys.map((k) => [k.fingerprint, k.sourcePath]));
  const statements = parseJson<CanaryStatement[]>(row.statements, []);
  let explainedBy: CanaryDetail["explainedBy"] = null;
  if (summary.changes.signersRemoved.length > 0 && previousRow) {
    const letters = await db.canaryAttachment.findMany({ where: { canaryNumber: previousRow.number }, select: { fileName: true, name: true }, orderBy: { fileName: "asc" } });
    if (letters.length > 0) explainedBy = { number: previousRow.number, attachments: letters };
  }
  return {
    ...summary,
    fileName: row.fileName,
    sourcePath: row.sourcePath,
    secpackCommit: row.secpackCommit,
    sha256: row.sha256,
    rawText: row.rawText,
    titleNumber: row.titleNumber,
    statedBulletins: row.statedBulletins,
    countedBulletins: row.countedBulletins,
    statedMasterFingerprint: row.statedMasterFingerprint,
    nextDueText: row.nextDueText,
    preamble: row.preamble,
    statements,
    specialAnnouncements: row.specialAnnouncements,
    freshness: { timestamp: row.freshnessTimestamp, headlines: parseJson<HeadlineGroup[]>(row.freshnessHeadlines, []), blockHash: row.blockHash },
    inIndex: row.inIndex,
    indexDate: row.indexDate,
    signatures: row.signatures.filter((s) => s.attachmentFile === null).map((s) => signatureView(s, keyPaths)),
    attachments: row.attachments.map((a) => ({
      fileName: a.fileName,
      name: a.name,
      sourcePath: a.sourcePath,
      rawText: a.rawText,
      signatureStatus: a.signatureStatus,
      signatures: row.signatures.filter((s) => s.attachmentFile === a.fileName).map((s) => signatureView(s, keyPaths)),
    })),
    previous: previousRow
      ? {
          number: previousRow.number,
          date: previousRow.date,
          statementsText: statementsText({ preamble: previousRow.preamble, statements: parseJson<CanaryStatement[]>(previousRow.statements, []) }),
          specialAnnouncements: previousRow.specialAnnouncements,
        }
      : null,
    next: nextRow,
    statementsText: statementsText({ preamble: row.preamble, statements }),
    explainedBy,
  };
}

export type CanaryApiRecord = ReturnType<typeof canaryApiRecord>;

/** The API's record of one canary (`GET /api/canary/47`), the shape the issue fixes. */
export function canaryApiRecord(c: CanarySummary & { signatures: BulletinSignature[]; statedBulletins: number | null; statedMasterFingerprint: string | null }) {
  return {
    number: c.number,
    id: c.id,
    date: c.date,
    signatureStatus: c.signatureStatus,
    signatures: c.signatures,
    signers: c.signers,
    statedBulletins: c.statedBulletins,
    statedMasterFingerprint: c.statedMasterFingerprint,
    nextDue: c.nextDue,
    status: c.status,
    changes: c.changes,
    warnings: c.warnings,
  };
}

/** Every canary in the API's shape, newest first (`GET /api/canary`). */
export async function listCanaryApiRecords(today = todayUtc()): Promise<CanaryApiRecord[]> {
  const db = getDb();
  const [summaries, details, keys] = await Promise.all([
    listCanaries(today),
    db.canary.findMany({ select: { number: true, statedBulletins: true, statedMasterFingerprint: true, signatures: { where: { attachmentFile: null }, orderBy: { fileName: "asc" } } } }),
    db.signingKey.findMany({ select: { fingerprint: true, sourcePath: true } }),
  ]);
  const keyPaths = new Map(keys.map((k) => [k.fingerprint, k.sourcePath]));
  const byNumber = new Map(details.map((d) => [d.number, d]));
  return summaries.map((c) => {
    const d = byNumber.get(c.number);
    return canaryApiRecord({
      ...c,
      signatures: (d?.signatures ?? []).map((s) => signatureView(s, keyPaths)),
      statedBulletins: d?.statedBulletins ?? null,
      statedMasterFingerprint: d?.statedMasterFingerprint ?? null,
    });
  });
}
