// Migrations for both databases from the one schema people edit:
//   npm run db:schema                 regenerate prisma/postgresql/schema.prisma
//   npm run migration:new -- <name> [--from <git ref>]
//                                     write prisma/migrations/<UTC stamp>_<name>/ and
//                                     prisma/postgresql/migrations/<same>/ from the change
//                                     between the schema at <ref> (default main) and now
//   npm run migration:check           the file checks (the test adds the database ones)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgresCluster } from "../lib/database/cluster";
import { checkMigrationFiles, diffSchemas, editedMigrations } from "../lib/database/migrations";
import { DATABASE_PROVIDERS, migrationsPath, postgresqlSchema, schemaPath } from "../lib/database/provider";

const root = path.resolve(import.meta.dirname, "..");
const [command, ...args] = process.argv.slice(2);

function writeSchema(): boolean {
  const target = schemaPath("postgresql", root);
  const text = postgresqlSchema(readFileSync(schemaPath("sqlite", root), "utf8"));
  if (existsSync(target) && readFileSync(target, "utf8") === text) return false;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  return true;
}

function utcStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** A server for the PostgreSQL diff: DATABASE_URL if it is one, else a throwaway cluster. */
async function withPostgresql<T>(run: (url: string) => T): Promise<T> {
  const url = process.env.DATABASE_URL ?? "";
  if (/^postgres(ql)?:\/\//.test(url)) return run(url);
  const cluster = await startPostgresCluster();
  try {
    return run(cluster.url);
  } finally {
    cluster.stop();
  }
}

async function newMigration(name: string | undefined, from: string): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("give the migration a name of lower-case letters, digits and _: npm run migration:new -- add_thing");
  writeSchema();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "migration-"));
  try {
    const oldSqlite = path.join(tmp, "old.prisma");
    writeFileSync(oldSqlite, execFileSync("git", ["show", `${from}:prisma/schema.prisma`], { cwd: root, encoding: "utf8" }));
    const oldPostgresql = path.join(tmp, "old-postgresql.prisma");
    writeFileSync(oldPostgresql, postgresqlSchema(readFileSync(oldSqlite, "utf8")));
    const folder = `${utcStamp()}_${name}`;
    const scripts = {
      sqlite: diffSchemas("sqlite", oldSqlite, schemaPath("sqlite", root), root),
      postgresql: await withPostgresql((url) => diffSchemas("postgresql", oldPostgresql, schemaPath("postgresql", root), root, url)),
    };
    if (DATABASE_PROVIDERS.every((provider) => /This is an empty migration/.test(scripts[provider]))) {
      throw new Error(`prisma/schema.prisma does not differ from ${from}'s: no migration to write`);
    }
    for (const provider of DATABASE_PROVIDERS) {
      const dir = path.join(migrationsPath(provider, root), folder);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), scripts[provider]);
      console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (command === "schema") {
    console.log(writeSchema() ? "wrote prisma/postgresql/schema.prisma" : "prisma/postgresql/schema.prisma is up to date");
  } else if (command === "new") {
    const fromIndex = args.indexOf("--from");
    const from = fromIndex >= 0 ? args[fromIndex + 1] : "main";
    if (!from) throw new Error("--from needs a git ref");
    await newMigration(args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--from"), from);
  } else if (command === "check") {
    const problems = [...checkMigrationFiles(root), ...(editedMigrations(root) ?? []).map((file) => `${file} was edited after it was committed: write a new migration instead`)];
    for (const problem of problems) console.error(`migration: ${problem}`);
    if (problems.length > 0) process.exit(1);
    console.log("migrations: the files agree");
  } else {
    throw new Error("usage: tsx scripts/migration.ts schema | new <name> [--from <git ref>] | check");
  }
}

main().catch((error: unknown) => {
  console.error(`migration: ${(error as Error).message}`);
  process.exit(1);
});
