// A fresh SQLite database for a test, migrated with the project's own
// migrations, in a temporary folder; or a copy of the synced template
// (tests/helpers/template.ts) for tests that start from the real data.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PROJECT_ROOT } from "./fixtures";

export interface TestDatabase {
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
    dir,
    file,
    url,
    db,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every data table, for "the database is as it was" checks. */
export function snapshotTables(file: string, except: string[] = ["SyncRun"]): string {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name").all() as { name: string }[])
      .map((t) => t.name)
      .filter((name) => !except.includes(name));
    // Surrogate ids left out: a rebuild may number the same rows differently.
    return JSON.stringify(
      tables.map((name) => [
        name,
        (sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[])
          .map(({ id: _id, ...row }) => JSON.stringify(row))
          .sort(),
      ]),
    );
  } finally {
    sqlite.close();
  }
}
