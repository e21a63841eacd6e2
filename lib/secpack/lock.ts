// One sync at a time, across processes and hosts, held by the database:
// - PostgreSQL: a session advisory lock (pg_try_advisory_lock) on a
//   connection of its own, so every instance on every host shares it, and a
//   dead owner's lock goes with its connection.
// - SQLite: an exclusive SQLite lock on a lock file beside the database
//   (BEGIN EXCLUSIVE, no waiting). The operating system drops it when its
//   owner exits, however it died, so there is nothing to take over and no
//   take-over race. A small JSON file beside it names the owner for the
//   "already running" message only; it decides nothing.
import { hostname } from "node:os";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { dbProvider, dbUrl } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SyncBusyError } from "./errors";

export interface Lock {
  release(): Promise<void>;
}

/** The advisory lock key on PostgreSQL ("QBS1"), the same for every instance. */
export const SYNC_LOCK_KEY = 0x51425331;

/** Takes the sync lock of the database `db` talks to, or throws SyncBusyError. `sqliteFile`: the SQLite database file. */
export async function acquireSyncLock(db: PrismaClient, sqliteFile: string): Promise<Lock> {
  if (dbProvider(db) === "postgresql") {
    const url = dbUrl(db);
    if (!url) throw new Error("the PostgreSQL client has no URL to take the sync lock with");
    return acquirePostgresqlLock(url);
  }
  return acquireSqliteLock(sqliteFile);
}

async function acquirePostgresqlLock(url: string): Promise<Lock> {
  const client = new pg.Client({ connectionString: url, application_name: `advisory-tracker sync ${process.pid}@${hostname()}`.slice(0, 63) });
  // A dropped connection loses the lock; the run's own queries then fail on their own connections.
  client.on("error", () => undefined);
  await client.connect();
  try {
    const taken = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [SYNC_LOCK_KEY]);
    if (!taken.rows[0]?.ok) {
      const holder = await client.query<{ application_name: string; backend_start: Date | null }>(
        `SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1::bigint
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [SYNC_LOCK_KEY],
      );
      const owner = holder.rows[0];
      const who = owner ? ` (${owner.application_name.replace(/^advisory-tracker sync /, "pid ")}, started ${owner.backend_start?.toISOString() ?? "?"})` : "";
      throw new SyncBusyError(`another sync is already running${who}; this run changed nothing. Try again when it has finished (PostgreSQL advisory lock ${SYNC_LOCK_KEY}).`);
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [SYNC_LOCK_KEY]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/** The lock file beside a SQLite database, and its owner note. */
export function sqliteLockFiles(sqliteFile: string): { lock: string; owner: string } {
  return { lock: `${sqliteFile}-synclock`, owner: `${sqliteFile}-synclock.owner.json` };
}

function acquireSqliteLock(sqliteFile: string): Lock {
  const files = sqliteLockFiles(sqliteFile);
  const lockDb = new Database(files.lock, { timeout: 0 });
  try {
    lockDb.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lockDb.close();
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    const owner = readOwner(files.owner);
    throw new SyncBusyError(
      owner
        ? `another sync is already running (pid ${owner.pid}, started ${owner.startedAt}); this run changed nothing. Try again when it has finished (lock: ${files.lock}).`
        : `another sync is just starting (lock: ${files.lock}); this run changed nothing.`,
    );
  }
  const me = { pid: process.pid, startedAt: new Date().toISOString() };
  writeFileSync(files.owner, JSON.stringify(me));
  let released = false;
  return {
    release() {
      if (!released) {
        released = true;
        if (readOwner(files.owner)?.pid === me.pid) rmSync(files.owner, { force: true });
        lockDb.exec("ROLLBACK");
        lockDb.close();
      }
      return Promise.resolve();
    },
  };
}

function readOwner(file: string): { pid: number; startedAt: string } | null {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown; startedAt?: unknown };
    return typeof data.pid === "number" ? { pid: data.pid, startedAt: String(data.startedAt) } : null;
  } catch {
    return null;
  }
}
