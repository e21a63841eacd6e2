// The migration folders of both databases, and the checks that keep them
// honest: the PostgreSQL schema is the one generated from the SQLite schema,
// both databases have the same migrations, and the SQL to write one comes
// from `prisma migrate diff` between two schema files (no database needed).
// Plain Node: used by scripts/migration.ts and the tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DATABASE_PROVIDERS, migrationsPath, postgresqlSchema, schemaPath, type DatabaseProvider } from "./provider";

/** A URL of each kind for Prisma CLI runs that need no database (its config picks the provider from it). */
export const OFFLINE_URLS: Record<DatabaseProvider, string> = {
  sqlite: "file:./data/tracker.db",
  postgresql: "postgresql://localhost/offline",
};

/** Migration folder names, in the order they apply. */
export function migrationNames(provider: DatabaseProvider, root = "."): string[] {
  const dir = migrationsPath(provider, root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d/.test(name) && existsSync(path.join(dir, name, "migration.sql")))
    .sort();
}

/** Every migration's SQL, in order. */
export function migrationScripts(provider: DatabaseProvider, root = "."): { name: string; sql: string }[] {
  return migrationNames(provider, root).map((name) => ({
    name,
    sql: readFileSync(path.join(migrationsPath(provider, root), name, "migration.sql"), "utf8"),
  }));
}

/** Problems with the files alone (no database): a stale PostgreSQL schema, a migration one database lacks. */
export function checkMigrationFiles(root = "."): string[] {
  const problems: string[] = [];
  const expected = postgresqlSchema(readFileSync(schemaPath("sqlite", root), "utf8"));
  const actual = existsSync(schemaPath("postgresql", root)) ? readFileSync(schemaPath("postgresql", root), "utf8") : "";
  if (actual !== expected) {
    problems.push("prisma/postgresql/schema.prisma is not the one generated from prisma/schema.prisma: run `npm run db:schema`");
  }
  const [sqlite, postgresql] = DATABASE_PROVIDERS.map((provider) => new Set(migrationNames(provider, root)));
  for (const name of sqlite ?? []) {
    if (!postgresql?.has(name)) problems.push(`migration ${name} exists for SQLite but not for PostgreSQL (prisma/postgresql/migrations/${name})`);
  }
  for (const name of postgresql ?? []) {
    if (!sqlite?.has(name)) problems.push(`migration ${name} exists for PostgreSQL but not for SQLite (prisma/migrations/${name})`);
  }
  return problems;
}

export interface PrismaRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the project's Prisma CLI with DATABASE_URL set (which picks the provider, schema and migrations). */
export function prisma(args: string[], databaseUrl: string, root = "."): PrismaRun {
  const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    timeout: 5 * 60_000,
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? String(result.error ?? "") };
}

/**
 * The SQL that takes a database from one schema file's model to another's
 * (`from` null: from empty). On PostgreSQL the schema engine asks a live
 * server for its version first, so `databaseUrl` must reach one (any database).
 */
export function diffSchemas(provider: DatabaseProvider, from: string | null, to: string, root = ".", databaseUrl = OFFLINE_URLS[provider]): string {
  const run = prisma(
    ["migrate", "diff", ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script"],
    databaseUrl,
    root,
  );
  if (run.status !== 0) throw new Error(`prisma migrate diff (${provider}) failed:\n${run.stderr}${run.stdout}`);
  return run.stdout;
}

/**
 * SQLite's full-text index (migration *_search_index): FTS5 virtual tables
 * and their shadow tables ("BulletinSearch_data", ...), kept by triggers.
 * Prisma's schema cannot describe virtual tables, so they are not in
 * schema.prisma, and the introspected schema leaves them out too.
 */
export const FULL_TEXT_TABLES = ["BulletinSearch", "AdvisorySearch"] as const;

export function withoutFullTextTables(pulled: string): string {
  return pulled.replace(/^(?:\/\/\/[^\n]*\n)*model (\w+) \{[\s\S]*?^\}\n*/gm, (block, name: string) =>
    FULL_TEXT_TABLES.some((table) => name === table || name.startsWith(`${table}_`)) ? "" : block,
  );
}

/**
 * What a migrated database lacks against the schema: introspects it (`prisma
 * db pull`) and diffs that against the schema file. Empty when they match.
 */
export function diffDatabaseAgainstSchema(provider: DatabaseProvider, databaseUrl: string, pulledFile: string, root = "."): string {
  const pull = prisma(["db", "pull", "--print"], databaseUrl, root);
  if (pull.status !== 0) throw new Error(`prisma db pull (${provider}) failed:\n${pull.stderr}${pull.stdout}`);
  const start = pull.stdout.search(/^generator /m);
  if (start < 0) throw new Error(`prisma db pull (${provider}) printed no schema:\n${pull.stdout}`);
  mkdirSync(path.dirname(pulledFile), { recursive: true });
  writeFileSync(pulledFile, withoutFullTextTables(pull.stdout.slice(start)));
  const diff = prisma(
    ["migrate", "diff", "--from-schema-datamodel", pulledFile, "--to-schema-datamodel", schemaPath(provider, root), "--script", "--exit-code"],
    databaseUrl,
    root,
  );
  if (diff.status === 0) return "";
  if (diff.status === 2) return diff.stdout.trim();
  throw new Error(`prisma migrate diff (${provider}) failed:\n${diff.stderr}${diff.stdout}`);
}

/**
 * Edited before this rule: 0001_init was changed in the commit after the one
 * that added it, before any release, and is left as it is.
 */
const EDITED_BEFORE_THE_RULE = new Set(["prisma/migrations/0001_init/migration.sql"]);

/**
 * Migrations whose file differs from the version first committed (a migration
 * that may have been applied somewhere is never edited: write a new one).
 * Null when the project is not a git checkout.
 */
export function editedMigrations(root = "."): string[] | null {
  const git = (args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (git(["rev-parse", "--is-inside-work-tree"]).stdout?.trim() !== "true") return null;
  const edited: string[] = [];
  for (const provider of DATABASE_PROVIDERS) {
    for (const name of migrationNames(provider, root)) {
      const file = path.relative(root, path.join(migrationsPath(provider, root), name, "migration.sql"));
      if (EDITED_BEFORE_THE_RULE.has(file)) continue;
      const added = git(["log", "--diff-filter=A", "--format=%H", "--", file]).stdout.trim().split("\n").filter(Boolean).at(-1);
      if (!added) continue; // not committed yet: a new migration
      const first = git(["show", `${added}:${file}`]);
      if (first.status === 0 && first.stdout !== readFileSync(path.join(root, file), "utf8")) edited.push(file);
    }
  }
  return edited;
}
