// A direct read connection beside the PrismaClient, for the few queries
// that run on every request of a kind that is never cached twice (a new
// search): better-sqlite3, read-only, with its prepared statements kept, on
// SQLite; a small pg pool on PostgreSQL. Through Prisma each such query cost
// about 1 ms of CPU or more here (the query compiler, the client's layers,
// a statement prepared anew each time) against tens of microseconds for the
// same SQL on the driver directly. Used by lib/queries only (the search).
// It follows the database it reads: DATABASE_URL changing (tests), the
// SQLite file replaced (a restore: another inode) or removed
// (DatabaseFileGoneError, as lib/db.ts), and on PostgreSQL a
// connection that fails (the database dropped and created again, the
// server restarted) opens a new pool and tries the query once more.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFile, getEnv } from "@/lib/env";
import { providerOf, type DatabaseProvider } from "./provider";
import { DatabaseFileGoneError, fileIdentity } from "./sqlite-file";

/** Statements kept per SQLite connection (the search's SQL varies with the number of words). */
const STATEMENT_LIMIT = 256;

interface SqliteReader {
  provider: "sqlite";
  url: string;
  identity: string;
  db: Database.Database;
  statements: Map<string, Database.Statement>;
}

interface PostgresqlReader {
  provider: "postgresql";
  url: string;
  pool: pg.Pool;
}

type Reader = SqliteReader | PostgresqlReader;

// On globalThis: the server's own modules and the Next.js bundle share one connection (as lib/db.ts's client).
const globalForReader = globalThis as unknown as { advisoryTrackerReader?: Reader };

function close(reader: Reader | undefined): void {
  if (!reader) return;
  if (reader.provider === "sqlite") reader.db.close();
  else void reader.pool.end().catch(() => undefined);
}

/** Closes the connection; the next read opens DATABASE_URL again (closeDb calls it). */
export function closeReadConnection(): void {
  const open = globalForReader.advisoryTrackerReader;
  globalForReader.advisoryTrackerReader = undefined;
  close(open);
}

function openReader(url: string): Reader {
  const provider = providerOf(url);
  if (provider === "postgresql") {
    const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 5_000, allowExitOnIdle: true });
    // An idle connection the server ends (a dropped database, a restart) must not crash the process: the next query opens another.
    pool.on("error", () => undefined);
    return { provider, url, pool };
  }
  const file = databaseFile(url);
  if (provider !== "sqlite" || !file) throw new Error(`DATABASE_URL must be a file: (SQLite) or postgresql:// URL, not ${url}`);
  const identity = fileIdentity(file);
  if (identity === null) throw new DatabaseFileGoneError(`unable to open database file: ${file} does not exist`);
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 30_000 });
  return { provider, url, identity, db, statements: new Map() };
}

/** The open reader for DATABASE_URL, opened again where its database is no longer the one at its address. */
function reader(): Reader {
  const url = getEnv().DATABASE_URL;
  let open = globalForReader.advisoryTrackerReader;
  if (open && open.url !== url) {
    closeReadConnection();
    open = undefined;
  }
  if (open?.provider === "sqlite") {
    const file = databaseFile(url) ?? "";
    const now = fileIdentity(file);
    if (now === null) {
      closeReadConnection();
      throw new DatabaseFileGoneError(`unable to open database file: ${file} was removed`);
    }
    if (now !== open.identity) {
      closeReadConnection();
      open = undefined;
    }
  }
  if (!open) open = globalForReader.advisoryTrackerReader = openReader(url);
  return open;
}

/** Which database the reads go to: the SQL differs (placeholders, FTS5 against pg_trgm). */
export function readProvider(): DatabaseProvider {
  return providerOf(getEnv().DATABASE_URL) ?? "sqlite";
}

/** PostgreSQL errors that mean the connection (not the query) failed: open another and try once more. */
const CONNECTION_ERROR_CODES = /^(08|57P0[1-3]|3D000$)/;

function connectionFailed(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_ERROR_CODES.test(code) || code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EPIPE")) return true;
  return /Connection terminated|connection (is )?closed|Client has encountered a connection error/i.test((error as Error).message ?? "");
}

/**
 * The rows of one read-only statement. Placeholders: `?` on SQLite, `$1`...
 * on PostgreSQL (readProvider says which). Values as the driver gives them:
 * numbers (SQLite integers; PostgreSQL int4) or strings (PostgreSQL bigint,
 * such as a count): callers convert with Number().
 */
export async function readRows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const open = reader();
  if (open.provider === "sqlite") {
    let statement = open.statements.get(sql);
    if (!statement) {
      if (open.statements.size >= STATEMENT_LIMIT) open.statements.clear();
      statement = open.db.prepare(sql);
      open.statements.set(sql, statement);
    }
    return statement.all(...(params as unknown[])) as T[];
  }
  try {
    return (await open.pool.query(sql, params as unknown[])).rows as T[];
  } catch (error) {
    if (!connectionFailed(error)) throw error;
    if (globalForReader.advisoryTrackerReader === open) closeReadConnection();
    return (reader() as PostgresqlReader).pool.query(sql, params as unknown[]).then((result) => result.rows as T[]);
  }
}
