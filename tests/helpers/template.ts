// One database synced from the real fixtures, made once per `npm test` run
// (scripts/test.ts, which passes its path in TEST_TEMPLATE_DB) and copied for
// every test file that starts from the real data, so that the files run in
// parallel without each paying for a full sync. A file run on its own (plain
// `node --test`) makes its own template, once per process.
import { existsSync, rmSync } from "node:fs";
import { runSync } from "@/lib/secpack/sync";
import { createTestDatabase, type TestDatabase } from "./db";
import { pluggedSources } from "@/lib/secpack/sources";
import { HAS_FIXTURES, POSTS_BUNDLE, SECPACK_BUNDLE, SUPPORTED_RELEASES_FILE } from "./fixtures";
import { fixtureSyncOptions } from "./sync";

export const TEMPLATE_ENV = "TEST_TEMPLATE_DB";

/**
 * Migrates and syncs a new database from the fixtures, as production does: the
 * secpack from its git bundle (so the revision history and the signed tags
 * are there) and the news posts from theirs (so the pages give the reasons
 * Qubes is not affected); returns its file (in its own temporary folder).
 */
export async function createTemplateDatabase(): Promise<TestDatabase> {
  if (!HAS_FIXTURES) throw new Error("the synced template needs the real data in ../shared/fixtures");
  const template = createTestDatabase("tracker-template-");
  await runSync(
    template.db,
    fixtureSyncOptions(template, {
      secpack: SECPACK_BUNDLE,
      sources: pluggedSources({ supportedReleases: SUPPORTED_RELEASES_FILE, posts: POSTS_BUNDLE }),
    }),
  );
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
