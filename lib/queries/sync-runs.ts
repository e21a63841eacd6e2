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
 * The data version: bumped (in the database, so every instance sees it) by a
 * sync that changed data or newly failed, never by one that changed nothing.
 * "0" before the first such sync.
 */
export async function getDataVersion(): Promise<string> {
  const row = await getDb().dataVersion.findUnique({ where: { id: 1 }, select: { version: true } });
  return String(row?.version ?? 0);
}
