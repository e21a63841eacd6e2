// `npm run sync`'s errors: one clear sentence naming the source or the
// database and what to do, no stack trace unless --verbose, and "left as it
// was" only when it is true. A new (never migrated) database is migrated first.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { PROJECT_ROOT } from "../helpers/fixtures";

const dir = mkdtempSync(path.join(os.tmpdir(), "sync-cli-errors-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function sync(databaseUrl: string, args: string[]): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/secpack/cli.ts", ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const NO_STACK = /\n\s+at [^\n]+\(|node:internal/;

test("a new database is migrated first; an unreachable source is one sentence naming it", () => {
  const file = path.join(dir, "new.db");
  const missing = path.join(dir, "no-such-secpack");
  const result = sync(`file:${file}`, ["--secpack", missing, "--xen-index", "none", "--posts", "none", "--supported-releases", "none"]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /migrating it first/);
  assert.match(result.stderr, new RegExp(`sync failed: the secpack folder ${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} does not exist`));
  assert.match(result.stderr, /the database was migrated \(it was new\), and its data left as it was/);
  assert.doesNotMatch(result.stderr, /SourceState|does not exist in the current database|PrismaClient/, "no raw Prisma error");
  assert.doesNotMatch(result.stderr, NO_STACK);
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    assert.ok(tables.includes("SyncRun") && tables.includes("Bulletin"), "migrated");
    assert.equal((sqlite.prepare('SELECT COUNT(*) AS n FROM "Bulletin"').get() as { n: number }).n, 0, "no data written");
  } finally {
    sqlite.close();
  }
});

test("an unreachable PostgreSQL database: one sentence naming DATABASE_URL (password hidden), nothing written, no stack", () => {
  const result = sync("postgresql://tracker:secret@127.0.0.1:1/tracker", ["--secpack", path.join(dir, "x")]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /sync failed: the database at DATABASE_URL=postgresql:\/\/tracker:\*\*\*@127\.0\.0\.1:1\/tracker cannot be reached/);
  assert.match(result.stderr, /check DATABASE_URL/);
  assert.match(result.stderr, /nothing was written/);
  assert.doesNotMatch(result.stderr, /left as it was/, "there was nothing to leave");
  assert.doesNotMatch(result.stderr, /secret/);
  assert.doesNotMatch(result.stderr, NO_STACK);
  const verbose = sync("postgresql://tracker:secret@127.0.0.1:1/tracker", ["--secpack", path.join(dir, "x"), "--verbose"]);
  assert.match(verbose.stderr, /\n\s+at /, "--verbose shows the stack");
});

test("a DATABASE_URL of the wrong kind, or a SQLite file in a missing folder: one sentence naming it", () => {
  const wrong = sync("mysql://localhost/tracker", []);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /sync failed: Invalid environment: DATABASE_URL: must be a SQLite file: URL .* or a postgresql:\/\/ URL; fix it and run again/);
  assert.doesNotMatch(wrong.stderr, NO_STACK);
  const folder = sync(`file:${path.join(dir, "missing-folder", "tracker.db")}`, ["--secpack", path.join(dir, "x")]);
  assert.equal(folder.status, 1);
  assert.match(folder.stderr, /sync failed: the database at DATABASE_URL=file:.*missing-folder\/tracker\.db cannot be reached or opened/);
  assert.doesNotMatch(folder.stderr, NO_STACK);
});
