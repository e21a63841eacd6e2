// The sync: named steps, each timed, with a typed summary.
//   fetch  read every source in full (stop before any write if one fails),
//          then compare with what is stored: nothing changed → write nothing
//   parse  pure, a bad record is kept with a warning
//   verify signatures; an unchanged (file, signature, keyring) triple keeps its verdict
//   build  pure records and the audit
//   store  one transaction
// The core sources live in sync-steps.ts; every other source is its own
// module plugged into the same steps (sync-source.ts, listed in
// `options.sources`), so adding one does not touch this file.
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { acquireSyncLock } from "./lock";
import { pluggedSources } from "./sources";
import { readPreviousState, readSourceStates, readStoredSummary, recordFailedRun, recordUnchangedRun, storeSync, type StoreInput } from "./store";
import type { PluggedSource, SyncStep } from "./sync-source";
import { buildStep, fetchStep, parseStep, unchangedSince, verifyStep, type StepOptions, type SyncCounts } from "./sync-steps";

export { IMPORTER_VERSION, MAX_BULLETIN_BYTES, type SyncCounts } from "./sync-steps";

export interface SyncOptions {
  secpack: string;
  xsaTracker: string;
  qsbIndex: string;
  /** null: no Xen index (titles and CVEs stay unknown). */
  xenIndex: string | null;
  masterFingerprint: string;
  /** Where a git secpack is cloned, and the lock lives. */
  dataDir: string;
  /** The SQLite file, for its lock file's name (PostgreSQL: unused, the lock is an advisory lock). */
  databaseFile: string;
  /** Sources beyond the core ones, each its own module (see sync-source.ts); default pluggedSources(). */
  sources?: PluggedSource[];
  onProgress?: (step: string, done: number, total: number) => void;
  /** Test hook, awaited inside the write transaction. */
  midway?: () => Promise<void>;
}

export interface StepTiming {
  step: SyncStep;
  ms: number;
}

export interface SyncSummary {
  status: "updated" | "unchanged";
  startedAt: string;
  finishedAt: string;
  secpack: { location: string; root: string; commit: string | null };
  counts: SyncCounts;
  /** The plugged sources' own counts, by source name (only when the sync wrote). */
  sources: Record<string, Record<string, number>>;
  signatures: Record<string, number>;
  warnings: { kind: string; message: string }[];
  /** Each step that ran, in order, with its wall time. */
  timings: StepTiming[];
  syncRunId: number | null;
}

export async function runSync(db: PrismaClient, options: SyncOptions): Promise<SyncSummary> {
  const lock = await acquireSyncLock(db, path.resolve(options.databaseFile));
  const startedAt = new Date();
  const runInfo: StoreInput["run"] = {
    startedAt,
    secpackSource: options.secpack,
    trackerSource: options.xsaTracker,
    qsbIndexSource: options.qsbIndex,
    xenIndexSource: options.xenIndex,
    counts: {},
  };
  try {
    return await syncLocked(db, options, startedAt, runInfo);
  } catch (error) {
    await recordFailedRun(db, { ...runInfo, error: (error as Error).message }).catch(() => undefined);
    throw error;
  } finally {
    await lock.release();
  }
}

async function syncLocked(
  db: PrismaClient,
  options: SyncOptions,
  startedAt: Date,
  runInfo: StoreInput["run"],
): Promise<SyncSummary> {
  const progress = options.onProgress ?? (() => undefined);
  const stepOptions: StepOptions = { ...options, sources: options.sources ?? pluggedSources(), progress };
  const timings: StepTiming[] = [];
  const timed = async <T>(step: SyncStep, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings.push({ step, ms: Math.round(performance.now() - start) });
    }
  };

  const { fetched, stored } = await timed("fetch", async () => {
    const fetched = await fetchStep(stepOptions);
    return { fetched, stored: await readSourceStates(db) };
  });
  const secpack = { location: options.secpack, root: fetched.tree.root, commit: fetched.tree.commit };

  if (unchangedSince(fetched.states, stored)) {
    const now = await readStoredSummary(db);
    const c = now.counts;
    const syncRunId = await recordUnchangedRun(db, { ...runInfo, secpackCommit: fetched.tree.commit, warningCount: now.warnings.length });
    return {
      status: "unchanged",
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      secpack,
      counts: {
        ...c,
        bulletinsAdded: 0,
        bulletinsUpdated: 0,
        bulletinsUnchanged: c.bulletins,
        signaturesVerified: 0,
        signaturesReused: c.signatures,
      },
      sources: {},
      signatures: now.signatures,
      warnings: now.warnings,
      timings,
      syncRunId,
    };
  }

  const previous = await readPreviousState(db, stored);
  const parsed = await timed("parse", () => parseStep(fetched));
  const verified = await timed("verify", () => verifyStep(fetched, parsed, previous, progress));
  const built = await timed("build", () => buildStep(fetched, parsed, verified, previous));
  const sources = Object.fromEntries(built.sources.map((s) => [s.name, s.counts]));

  const syncRunId = await timed("store", () =>
    storeSync(db, {
      build: built.build,
      secpackCommit: fetched.tree.commit,
      signatures: verified.signatures,
      signatureStatus: verified.signatureStatus,
      keys: fetched.keyring.keys.map((k) => ({ ...k })),
      sources: fetched.states,
      plugged: built.sources,
      previous: previous.bulletins,
      run: { ...runInfo, counts: { ...built.counts, ...flattenSourceCounts(sources) } },
      now: new Date(),
      midway: options.midway,
    }),
  );

  const bySignatureStatus: Record<string, number> = {};
  for (const s of verified.signatures) bySignatureStatus[s.status] = (bySignatureStatus[s.status] ?? 0) + 1;
  return {
    status: "updated",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    secpack,
    counts: built.counts,
    sources,
    signatures: bySignatureStatus,
    warnings: built.build.warnings.map((w) => ({ kind: w.kind, message: w.message })),
    timings,
    syncRunId,
  };
}

/** "canaries.signatures" style keys, for the SyncRun row's one counts object. */
function flattenSourceCounts(sources: Record<string, Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sources).flatMap(([name, counts]) => Object.entries(counts).map(([key, n]) => [`${name}.${key}`, n])),
  );
}
