// One database synced from the real fixtures, made once per `npm test` run
// for each database (scripts/test.ts, which passes the SQLite file in
// TEST_TEMPLATE_DB and the PostgreSQL database's name in
// TEST_TEMPLATE_POSTGRES) and copied for every test file that starts from
// the real data (a file copy; CREATE DATABASE … TEMPLATE), so that the files
// run in parallel without each paying for a full sync. A file run on its own
// (plain `node --test`) makes its own templates, once per process.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "@/lib/database/provider";
import { runSync } from "@/lib/secpack/sync";
import { createPostgresTestDatabase, createTestDatabase, type AnyTestDatabase, type PostgresTestDatabase, type TestDatabase } from "./db";
import { CANARY_INDEX_FILE, HAS_FIXTURES, POSTS_BUNDLE, SUPPORTED_RELEASES_FILE } from "./fixtures";
import { pluggedSources } from "@/lib/secpack/sources";
import { mirrorSecpack } from "./secpack-git";
import { fixtureSyncOptions } from "./sync";

export const TEMPLATE_ENV = "TEST_TEMPLATE_DB";
export const POSTGRES_TEMPLATE_ENV = "TEST_TEMPLATE_POSTGRES";

/**
 * Syncs a new, migrated database from the fixtures. The secpack is a git
 * mirror of the real repository (the git code path, with its signed tags and
 * its canaries), with the website's canary list, and the news posts from
 * their bundle (so the pages give the reasons Qubes is not affected).
 */
async function syncTemplate<T extends AnyTestDatabase>(template: T): Promise<T> {
  if (!HAS_FIXTURES) throw new Error("the synced template needs the real data in ../shared/fixtures");
  const secpack = mirrorSecpack(path.join(template.dir, "secpack-mirror.git"));
  await runSync(template.db, fixtureSyncOptions(template, { secpack, sources: pluggedSources({ supportedReleases: SUPPORTED_RELEASES_FILE, canaryIndex: CANARY_INDEX_FILE, posts: POSTS_BUNDLE }) }));
  await template.db.$disconnect();
  return template;
}

/** The SQLite template: its file, in its own temporary folder. */
export function createTemplateDatabase(): Promise<TestDatabase> {
  return syncTemplate(createTestDatabase("tracker-template-"));
}

/** The PostgreSQL template: a database of the run's cluster (no connection left open, as CREATE DATABASE … TEMPLATE needs). */
export async function createPostgresTemplateDatabase(): Promise<PostgresTestDatabase> {
  return syncTemplate(await createPostgresTestDatabase("tracker_template"));
}

let ownTemplate: Promise<string> | undefined;
let ownPostgresTemplate: Promise<string> | undefined;

function templateFile(): Promise<string> {
  const given = process.env[TEMPLATE_ENV];
  if (given && existsSync(given)) return Promise.resolve(given);
  ownTemplate ??= createTemplateDatabase().then((template) => {
    process.once("exit", () => rmSync(template.dir, { recursive: true, force: true }));
    return template.file;
  });
  return ownTemplate;
}

function postgresTemplateName(): Promise<string> {
  const given = process.env[POSTGRES_TEMPLATE_ENV];
  if (given) return Promise.resolve(given);
  // On this process's own cluster, or the run's (dropped with the cluster when the run ends).
  ownPostgresTemplate ??= createPostgresTemplateDatabase().then((template) => {
    process.once("exit", () => rmSync(template.dir, { recursive: true, force: true }));
    return template.name;
  });
  return ownPostgresTemplate;
}

/** A database holding the real data as one sync of the fixtures leaves it: a copy of the template, the test's own. */
export async function createSyncedTestDatabase(prefix = "tracker-test-"): Promise<TestDatabase> {
  return createTestDatabase(prefix, await templateFile());
}

/** The same on either database (PostgreSQL: a copy of its own template). */
export async function createSyncedTestDatabaseFor(provider: DatabaseProvider, prefix = "tracker_test"): Promise<AnyTestDatabase> {
  if (provider === "sqlite") return createSyncedTestDatabase(`${prefix}-`);
  return createPostgresTestDatabase(prefix, await postgresTemplateName());
}
