// The sync history, for the status shown on every page, /api/source and /healthz.
import { readProvider, readRows } from "@/lib/database/read-connection";
import { checkDatabaseFile, getDb } from "@/lib/db";
import { keptForData } from "./data-memo";

export type SyncResult = "updated" | "unchanged" | "failed";

export interface SyncStatus {
  /** The last run that succeeded, whether it changed the data or found nothing new. */
  lastOk: { finishedAt: string; secpackCommit: string | null; secpackSource: string; result: "updated" | "unchanged" } | null;
  /** The last failure, only while no later run succeeded. */
  lastFailure: { finishedAt: string; error: string; secpackSource: string } | null;
  /** The last run of any result. */
  lastRun: { finishedAt: string; result: SyncResult; error: string | null } | null;
}

/** SyncRun.status → result: "ok" is a run that wrote. */
function resultOf(status: string): SyncResult {
  return status === "failed" ? "failed" : status === "unchanged" ? "unchanged" : "updated";
}

/** The runs that checked the data against its sources successfully. */
const REFRESHED = ["ok", "unchanged"] as const;

export function getSyncStatus(): Promise<SyncStatus> {
  // A new run is a new SyncRun row (written when it ends), so the data key follows it.
  return keptForData("sync-status", readSyncStatus);
}

async function readSyncStatus(): Promise<SyncStatus> {
  const db = getDb();
  const [ok, failed, last] = await Promise.all([
    db.syncRun.findFirst({ where: { status: { in: [...REFRESHED] } }, orderBy: { id: "desc" } }),
    db.syncRun.findFirst({ where: { status: "failed" }, orderBy: { id: "desc" } }),
    db.syncRun.findFirst({ orderBy: { id: "desc" }, select: { status: true, startedAt: true, finishedAt: true, error: true } }),
  ]);
  const lastOk = ok
    ? {
        finishedAt: (ok.finishedAt ?? ok.startedAt).toISOString(),
        secpackCommit: ok.secpackCommit,
        secpackSource: ok.secpackSource,
        result: ok.status === "unchanged" ? ("unchanged" as const) : ("updated" as const),
      }
    : null;
  const lastFailure =
    failed && (!ok || failed.id > ok.id)
      ? { finishedAt: (failed.finishedAt ?? failed.startedAt).toISOString(), error: failed.error ?? "unknown error", secpackSource: failed.secpackSource }
      : null;
  const lastRun = last ? { finishedAt: (last.finishedAt ?? last.startedAt).toISOString(), result: resultOf(last.status), error: last.error } : null;
  return { lastOk, lastFailure, lastRun };
}

export interface Freshness {
  /** When the data was last checked against its sources successfully; null before the first sync. */
  lastRefreshedAt: string | null;
  /** Seconds since then. */
  ageSeconds: number | null;
  /** The scheduled sync's interval in seconds (0: off). */
  intervalSeconds: number;
  /** The last successful sync is older than two intervals (or there never was one). */
  stale: boolean;
  /** Plain words for the pages when stale; null when fresh. */
  warning: string | null;
}

/** "3 hours", "2 days", "45 minutes": the largest whole unit. */
export function formatAge(seconds: number): string {
  const units: [number, string][] = [[86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
  for (const [size, name] of units) {
    if (seconds >= size || size === 1) {
      const n = Math.floor(seconds / size);
      return `${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return `${seconds} seconds`;
}

/** How old the last refresh is, and whether that makes the data stale (more than twice the interval; never synced is stale). */
function staleness(lastRefreshedAt: string | null, intervalSeconds: number, now: Date): { ageSeconds: number | null; stale: boolean } {
  const ageSeconds = lastRefreshedAt ? Math.max(0, Math.floor((now.getTime() - Date.parse(lastRefreshedAt)) / 1000)) : null;
  return { ageSeconds, stale: ageSeconds === null || (intervalSeconds > 0 && ageSeconds > 2 * intervalSeconds) };
}

/** How fresh the data is, against the scheduled sync's interval; `now` for tests. */
export function describeFreshness(status: SyncStatus, intervalSeconds: number, now: Date = new Date()): Freshness {
  const lastRefreshedAt = status.lastOk?.finishedAt ?? null;
  const { ageSeconds, stale } = staleness(lastRefreshedAt, intervalSeconds, now);
  const failure = status.lastFailure ? ` The last attempt, ${status.lastFailure.finishedAt.slice(0, 16).replace("T", " ")} UTC, failed: ${status.lastFailure.error}` : "";
  if (ageSeconds === null) {
    return { lastRefreshedAt, ageSeconds, intervalSeconds, stale: true, warning: `The data has never been synced, so nothing here can be relied on.${failure}` };
  }
  const warning = stale
    ? `The data was last refreshed ${formatAge(ageSeconds)} ago, although the sync is scheduled every ${formatAge(intervalSeconds)}: a bulletin published since may be missing.${failure}`
    : null;
  return { lastRefreshedAt, ageSeconds, intervalSeconds, stale, warning };
}

/** The freshness of the data as the database records it. */
export async function getFreshness(intervalSeconds: number, now: Date = new Date()): Promise<Freshness> {
  return describeFreshness(await getSyncStatus(), intervalSeconds, now);
}

/**
 * The data version: bumped (in the database, so every instance sees it) by a
 * sync that changed data or newly failed, never by one that changed nothing.
 * "0" before the first such sync.
 */
export async function getDataVersion(): Promise<string> {
  return (await readVersionRow()).version;
}

/**
 * The data version and the time of the last refresh, in one statement on the
 * direct read connection (lib/database/read-connection.ts): read on every
 * miss and once a second, where Prisma's cost per query was most of a
 * search's. The times are UTC text on both databases.
 */
async function readVersionRow(): Promise<{ version: string; lastRefreshedAt: string | null }> {
  const reopened = checkDatabaseFile();
  const refreshedAt = readProvider() === "sqlite" ? `coalesce("finishedAt", "startedAt")` : `to_char(coalesce("finishedAt", "startedAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const [row] = await readRows<{ version: number | string | null; refreshedAt: string | number | null }>(
    `SELECT (SELECT "version" FROM "DataVersion" WHERE "id" = 1) AS "version",
       (SELECT ${refreshedAt} FROM "SyncRun" WHERE "status" IN (${REFRESHED.map((s) => `'${s}'`).join(", ")}) ORDER BY "id" DESC LIMIT 1) AS "refreshedAt"`,
  );
  const version = String(row?.version ?? 0);
  return { version: reopened ? `${version}.${reopened}` : version, lastRefreshedAt: utcTime(row?.refreshedAt ?? null) };
}

/** A stored DateTime as ISO text: Prisma writes SQLite's as ISO text (or, in older files, milliseconds); UTC either way. */
function utcTime(value: string | number | null): string | null {
  if (value === null) return null;
  const text = typeof value === "number" || /^\d+$/.test(value) ? Number(value) : /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(" ", "T")}Z`;
  return new Date(text).toISOString();
}

/**
 * The version of the cached pages: the data version, the UTC day of the last
 * refresh and whether the data is stale. Pages show the refresh by its day
 * (the exact time comes from the uncached `/api/source`), so a sync that
 * changed nothing keeps the cache unless it is the first of a new day, or it
 * ends a stale spell.
 */
export async function getPageVersion(intervalSeconds: number, now: Date = new Date()): Promise<string> {
  // One read, not getFreshness's four: read on every miss, and once a second.
  const { version, lastRefreshedAt } = await readVersionRow();
  return `${version}|${refreshDay(lastRefreshedAt) ?? "never"}|${staleness(lastRefreshedAt, intervalSeconds, now).stale ? "stale" : "fresh"}`;
}

/** "2026-12-01": the UTC day of a refresh, as cached pages show it. */
export function refreshDay(at: string | null): string | null {
  return at ? at.slice(0, 10) : null;
}
