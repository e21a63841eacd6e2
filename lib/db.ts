// The only PrismaClient: one per process, kept across hot reloads in dev.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

export type Db = PrismaClient;

export function createDb(url: string = getEnv().DATABASE_URL): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 30_000 }) });
}

const globalForDb = globalThis as unknown as { advisoryTrackerDb?: PrismaClient };

export function getDb(): PrismaClient {
  globalForDb.advisoryTrackerDb ??= createDb();
  return globalForDb.advisoryTrackerDb;
}
