// One database synced from the real fixtures, made once per `npm test` run
// (scripts/test.ts, which passes its path in TEST_TEMPLATE_DB) and copied for
// every test file that starts from the real data, so that the files run in
// parallel without each paying for a full sync. A file run on its own (plain
// `node --test`) makes its own template, once per process.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { runSync } from "@/lib/secpack/sync";
import { createTestDatabase, type TestDatabase } from "./db";
import { CANARY_INDEX_FILE, HAS_FIXTURES, POSTS_BUNDLE, SUPPORTED_RELEASES_FILE } from "./fixtures";
import { pluggedSources } from "@/lib/secpack/sources";
import { mirrorSecpack } from "./secpack-git";
import { fixtureSyncOptions } from "./sync";

export const TEMPLATE_ENV = "TEST_TEMPLATE_DB";

/**
 * Migrates and syncs a new database from the fixtures; returns its file (in
 * its own temporary folder). The secpack is a git mirror of the real
 * repository (the git code path, with its signed tags and its canaries),
 * with the website's canary list, and the news posts from their bundle (so
 * the pages give the reasons Qubes is not affected).
 */
export async function createTemplateDatabase(): Promise<TestDatabase> {
  if (!HAS_FIXTURES) throw new Error("the synced template needs the real data in ../shared/fixtures");
  const template = createTestDatabase("tracker-template-");
  const secpack = mirrorSecpack(path.join(template.dir, "secpack-mirror.git"));
  await runSync(template.db, fixtureSyncOptions(template, { secpack, sources: pluggedSources({ supportedReleases: SUPPORTED_RELEASES_FILE, canaryIndex: CANARY_INDEX_FILE, posts: POSTS_BUNDLE }) }));
  await template.db.$disconnect();
  return template;
}

let ownTemplate: Promise<string> | undefined;

function templateFile(): Promise<string> {
  const given = process.env[TEMPLATE_ENV];
  if (given && existsSync(given)) return Promise.resolve(given);
  ownTemplate ??= createTemplateDatabase().then((template) => {
    process.once("exit", () => rmSync(template.dir, { recursive: true, force: true }));
    return template.file;
  });
  return ownTemplate;
}

/** A database holding the real data as one sync of the fixtures leaves it: a copy of the template, the test's own. */
export async function createSyncedTestDatabase(prefix = "tracker-test-"): Promise<TestDatabase> {
  return createTestDatabase(prefix, await templateFile());
}
