// The only PrismaClient: one per process, kept across hot reloads in dev.
// DATABASE_URL picks the database: file: is SQLite (the default),
// postgresql:// is PostgreSQL. Both clients come from the same data model
// (prisma/schema.prisma and the PostgreSQL schema generated from it), so the
// SQLite client's type describes both.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresqlPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { postgresqlAdapter } from "@/lib/database/postgresql-adapter";
import { providerOf, type DatabaseProvider } from "@/lib/database/provider";
import { getEnv } from "@/lib/env";

export type Db = PrismaClient;

const providers = new WeakMap<PrismaClient, { provider: DatabaseProvider; url: string }>();

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

const globalForDb = globalThis as unknown as { advisoryTrackerDb?: PrismaClient };

export function getDb(): PrismaClient {
  globalForDb.advisoryTrackerDb ??= createDb();
  return globalForDb.advisoryTrackerDb;
}
