// The only PrismaClient: one per process, kept across hot reloads in dev.
// DATABASE_URL picks the database: file: is SQLite (the default),
// postgresql:// is PostgreSQL. Both clients come from the same data model
// (prisma/schema.prisma and the PostgreSQL schema generated from it), so the
// SQLite client's type describes both.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresqlPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { postgresqlAdapter } from "@/lib/database/postgresql-adapter";
import { closeReadConnection } from "@/lib/database/read-connection";
import { DatabaseFileGoneError, fileIdentity } from "@/lib/database/sqlite-file";
import { providerOf, type DatabaseProvider } from "@/lib/database/provider";
import { databaseFile, getEnv } from "@/lib/env";

export type Db = PrismaClient;

// On globalThis, as the client is (below): the server's own modules and the
// Next.js bundle each have their copy of this module, and the bundle's must
// know the provider of the client the server made. With a map per copy, the
// bundle took a PostgreSQL client for SQLite, and the search page ran FTS5's
// MATCH on PostgreSQL (a 500 for every free-text search).
const globalForProviders = globalThis as unknown as { advisoryTrackerDbProviders?: WeakMap<PrismaClient, { provider: DatabaseProvider; url: string }> };
const providers = (globalForProviders.advisoryTrackerDbProviders ??= new WeakMap<PrismaClient, { provider: DatabaseProvider; url: string }>());

export function createDb(url: string = getEnv().DATABASE_URL): PrismaClient {
  const provider = providerOf(url);
  if (provider === "postgresql") {
    const db = new PostgresqlPrismaClient({ adapter: postgresqlAdapter(url) }) as unknown as PrismaClient;
    providers.set(db, { provider, url });
    return db;
  }
  if (provider !== "sqlite") throw new Error(`DATABASE_URL must be a file: (SQLite) or postgresql:// URL, not ${url}`);
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 30_000 }) });
  providers.set(db, { provider, url });
  return db;
}

/** Which database a client talks to, for the few things that differ (the sync lock, full-text search). */
export function dbProvider(db: PrismaClient): DatabaseProvider {
  return providers.get(db)?.provider ?? "sqlite";
}

/** The URL a client was made from (the PostgreSQL sync lock opens its own connection with it). */
export function dbUrl(db: PrismaClient): string | null {
  return providers.get(db)?.url ?? null;
}

// Kept on globalThis: the server's own modules and the Next.js bundle share one client.
const globalForDb = globalThis as unknown as { advisoryTrackerDb?: PrismaClient; advisoryTrackerDbFile?: string | null; advisoryTrackerDbReopened?: number };

export function getDb(): PrismaClient {
  if (!globalForDb.advisoryTrackerDb) {
    const file = databaseFile();
    globalForDb.advisoryTrackerDbFile = file ? fileIdentity(file) : null;
    globalForDb.advisoryTrackerDb = createDb();
  }
  return globalForDb.advisoryTrackerDb;
}

/** Closes the shared client (and the search's read connection); the next getDb() opens DATABASE_URL again (tests that switch databases). */
export async function closeDb(): Promise<void> {
  closeReadConnection();
  const open = globalForDb.advisoryTrackerDb;
  globalForDb.advisoryTrackerDb = undefined;
  await open?.$disconnect();
}

export { DatabaseFileGoneError };

/**
 * SQLite only: the file behind the open client is still the file at its path.
 * A file replaced (another inode) closes the old client, so the next getDb()
 * opens the new one; a removed file throws DatabaseFileGoneError rather than
 * go on reading the deleted file's data. Called with every data-version check;
 * returns how many times the file was reopened (part of the data version: a
 * restored file may hold the same version number as the one it replaced).
 */
export function checkDatabaseFile(): number {
  const file = databaseFile();
  if (!file) return 0;
  const now = fileIdentity(file);
  if (now === null) throw new DatabaseFileGoneError(`unable to open database file: ${file} was removed`);
  const open = globalForDb.advisoryTrackerDb;
  if (open && globalForDb.advisoryTrackerDbFile !== now) {
    globalForDb.advisoryTrackerDb = undefined;
    globalForDb.advisoryTrackerDbReopened = (globalForDb.advisoryTrackerDbReopened ?? 0) + 1;
    void open.$disconnect().catch(() => undefined);
  }
  return globalForDb.advisoryTrackerDbReopened ?? 0;
}
