// What /healthz reports about the data: can the database be reached, when
// was the last sync and what did it give, how old is the last success.
import { databaseProblem } from "@/lib/database/errors";
import { providerOf } from "@/lib/database/provider";
import { getEnv } from "@/lib/env";
import { describeFreshness, getDataVersion, getSyncStatus, type SyncResult } from "./sync-runs";

export interface DataHealth {
  database: { provider: string; reachable: boolean; problem: string | null; error: string | null; dataVersion: string | null };
  lastSync: { at: string; ageSeconds: number; result: SyncResult; error: string | null } | null;
  lastSuccess: { at: string; ageSeconds: number } | null;
  stale: boolean;
  warning: string | null;
}

export async function getDataHealth(intervalSeconds: number, now: Date = new Date()): Promise<DataHealth> {
  const provider = providerOf(getEnv().DATABASE_URL) ?? "unknown";
  try {
    const [dataVersion, status] = await Promise.all([getDataVersion(), getSyncStatus()]);
    const freshness = describeFreshness(status, intervalSeconds, now);
    const age = (at: string) => Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 1000));
    return {
      database: { provider, reachable: true, problem: null, error: null, dataVersion },
      lastSync: status.lastRun ? { at: status.lastRun.finishedAt, ageSeconds: age(status.lastRun.finishedAt), result: status.lastRun.result, error: status.lastRun.error } : null,
      lastSuccess: freshness.lastRefreshedAt ? { at: freshness.lastRefreshedAt, ageSeconds: age(freshness.lastRefreshedAt) } : null,
      stale: freshness.stale,
      warning: freshness.warning,
    };
  } catch (error) {
    const problem = databaseProblem(error);
    const message = (error as Error).message.split("\n")[0] ?? "";
    return {
      database: { provider, reachable: false, problem: problem ?? "error", error: message.slice(0, 300), dataVersion: null },
      lastSync: null,
      lastSuccess: null,
      stale: true,
      warning: "the database cannot be read, so nothing is known about the data",
    };
  }
}
