// The sync history, for the status shown on every page.
import { getDb } from "@/lib/db";

export interface SyncStatus {
  lastOk: { finishedAt: string; secpackCommit: string | null; secpackSource: string } | null;
  lastFailure: { finishedAt: string; error: string; secpackSource: string } | null;
}

export async function getSyncStatus(): Promise<SyncStatus> {
  const db = getDb();
  const [ok, failed] = await Promise.all([
    db.syncRun.findFirst({ where: { status: "ok" }, orderBy: { id: "desc" } }),
    db.syncRun.findFirst({ where: { status: "failed" }, orderBy: { id: "desc" } }),
  ]);
  const lastOk = ok
    ? { finishedAt: (ok.finishedAt ?? ok.startedAt).toISOString(), secpackCommit: ok.secpackCommit, secpackSource: ok.secpackSource }
    : null;
  // A failure only matters while no later run succeeded.
  const lastFailure =
    failed && (!ok || failed.id > ok.id)
      ? { finishedAt: (failed.finishedAt ?? failed.startedAt).toISOString(), error: failed.error ?? "unknown error", secpackSource: failed.secpackSource }
      : null;
  return { lastOk, lastFailure };
}

/**
 * Changes whenever a sync wrote anything: the id of the last recorded run (a
 * failed run changes no data, but the pages say that it failed).
 */
export async function getDataVersion(): Promise<string> {
  const last = await getDb().syncRun.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return String(last?.id ?? 0);
}

/** Which of the sources the data was actually imported from (the footer, the XSA pages, the search). */
export interface ImportedSources {
  secpack: boolean;
  xsaTracker: boolean;
  qsbIndex: boolean;
  xenIndex: boolean;
}

export async function getImportedSources(): Promise<ImportedSources> {
  const states = await getDb().sourceState.findMany({ select: { name: true, location: true } });
  const has = (name: string) => states.some((s) => s.name === name && s.location !== "none");
  return { secpack: has("secpack"), xsaTracker: has("xsa-tracker"), qsbIndex: has("qsb-index"), xenIndex: has("xen-index") };
}
