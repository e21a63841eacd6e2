// A fresh database for a test, migrated with the project's own migrations:
// SQLite in a temporary folder (createTestDatabase), or a copy of the synced
// template (tests/helpers/template.ts) for tests that start from the real
// data; or either database (createTestDatabaseFor; PostgreSQL on the run's
// cluster, tests/helpers/postgres.ts).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "node:test";
import Database from "better-sqlite3";
import { closeDb, createDb } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { migrationScripts } from "@/lib/database/migrations";
import type { DatabaseProvider } from "@/lib/database/provider";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PROJECT_ROOT } from "./fixtures";
import { deselected } from "./databases";
import { createPostgresDatabase, postgresExec, postgresSkip } from "./postgres";

export interface TestDatabase {
  provider: "sqlite";
  dir: string;
  file: string;
  url: string;
  db: PrismaClient;
  cleanup(): Promise<void>;
}

export function migrate(file: string): void {
  const sqlite = new Database(file);
  try {
    const dir = path.join(PROJECT_ROOT, "prisma", "migrations");
    for (const name of readdirSync(dir).filter((n) => /^\d/.test(n)).sort()) {
      sqlite.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
    }
  } finally {
    sqlite.close();
  }
}

/** An empty, migrated database; `from` copies that database file instead (the synced template). */
export function createTestDatabase(prefix = "tracker-test-", from?: string): TestDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "tracker.db");
  if (from) copyFileSync(from, file);
  else migrate(file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    provider: "sqlite",
    dir,
    file,
    url,
    db,
    async cleanup() {
      await releaseDatabase(url);
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Closes the app's shared client (getDb()) when it reads this database (see useDatabase). */
async function releaseDatabase(url: string): Promise<void> {
  if (process.env.DATABASE_URL === url) await closeDb();
}

/** Table snapshots for "the database is as it was" checks: tests/helpers/snapshot.ts. */
export { snapshotDatabase, snapshotTables } from "./snapshot";

export interface PostgresTestDatabase {
  provider: "postgresql";
  /** The database's name on the cluster (a template for CREATE DATABASE … TEMPLATE). */
  name: string;
  /** A temporary folder for the test's own files (a secpack clone, say). */
  dir: string;
  file: null;
  url: string;
  db: PrismaClient;
  cleanup(): Promise<void>;
}

export type AnyTestDatabase = TestDatabase | PostgresTestDatabase;

/**
 * A new database of one PostgreSQL cluster, migrated with
 * prisma/postgresql/migrations; `template`: a copy of that database instead
 * (the synced template, tests/helpers/template.ts).
 */
export async function createPostgresTestDatabase(prefix = "tracker_test", template?: string): Promise<PostgresTestDatabase> {
  const database = await createPostgresDatabase(prefix, template);
  if (!template) for (const { sql } of migrationScripts("postgresql", PROJECT_ROOT)) await postgresExec(database.url, sql);
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const db = createDb(database.url);
  return {
    provider: "postgresql",
    name: database.name,
    dir,
    file: null,
    url: database.url,
    db,
    async cleanup() {
      await releaseDatabase(database.url);
      await db.$disconnect();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestDatabaseFor(provider: DatabaseProvider, prefix = "tracker_test"): Promise<AnyTestDatabase> {
  return provider === "postgresql" ? createPostgresTestDatabase(prefix) : createTestDatabase(`${prefix}-`);
}

/**
 * Points the app's own reads (getDb(), getEnv()) at a test database: sets
 * DATABASE_URL and closes the shared client, so that one file can run its
 * tests on SQLite, then on PostgreSQL.
 */
export async function useDatabase(database: AnyTestDatabase): Promise<void> {
  process.env.DATABASE_URL = database.url;
  reloadEnv();
  await closeDb();
}

/** The databases the integration tests run against, each with its reason to skip (TEST_DATABASES, tests/helpers/databases.ts). */
export const TEST_DATABASES: { provider: DatabaseProvider; skip: string | false }[] = [
  { provider: "sqlite", skip: deselected("sqlite") },
  { provider: "postgresql", skip: postgresSkip },
];

/** One describe block per database ("title (sqlite)", "title (postgresql)"); PostgreSQL's skips where it is absent. */
export function describeEachDatabase(
  title: string,
  options: { skip?: string | boolean; timeout?: number },
  body: (provider: DatabaseProvider) => void,
): void {
  for (const { provider, skip } of TEST_DATABASES) {
    describe(`${title} (${provider})`, { ...options, skip: options.skip || skip }, () => body(provider));
  }
}

/**
 * What a sync that wrote data does in its transaction (the data version
 * bumped), for a test that changed rows directly: the reads kept for the
 * data (lib/queries/data-memo.ts) and the pages' cache follow it.
 */
export async function markDataChanged(db: PrismaClient): Promise<void> {
  await db.dataVersion.upsert({ where: { id: 1 }, create: { id: 1, version: 1, changedAt: new Date() }, update: { version: { increment: 1 }, changedAt: new Date() } });
}
