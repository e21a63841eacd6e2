// `npm test`: runs every *.test.ts under tests/ with Node's own test runner
// (through tsx, which compiles TypeScript), several files at once (one
// process each, at least two, one per core). Arguments narrow the run:
// `npm test -- tests/unit` or `npm test -- tests/unit/parse.test.ts`.
//
// Before the run it starts one PostgreSQL cluster for the run
// (lib/database/cluster.ts), passed on as TEST_POSTGRES_URL (each test file
// makes its own databases on it; without PostgreSQL, its tests skip, saying
// why), and syncs one template database from the real fixtures on each
// database (tests/helpers/template.ts), at once: every test file that starts
// from the real data gets a copy of it instead of syncing again.
// TEST_DATABASES=sqlite (tests/helpers/databases.ts) leaves PostgreSQL out:
// no cluster, no PostgreSQL template, and its tests skip.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresMissing, startPostgresCluster } from "../lib/database/cluster";
import { readTestDatabases, selectedDatabases } from "../tests/helpers/databases";
import { HAS_FIXTURES } from "../tests/helpers/fixtures";
import { createPostgresTemplateDatabase, createTemplateDatabase, POSTGRES_TEMPLATE_ENV, TEMPLATE_ENV } from "../tests/helpers/template";

function collect(target: string): string[] {
  const stat = statSync(target);
  if (stat.isFile()) return target.endsWith(".test.ts") ? [target] : [];
  return readdirSync(target)
    .filter((name) => name !== "fixtures" && !name.startsWith("."))
    .flatMap((name) => collect(path.join(target, name)))
    .sort();
}

/** Slowest first, so that the long files do not start last and hold the run open alone. */
function slowFirst(files: string[]): string[] {
  const weight = (file: string) => (file.includes(`${path.sep}e2e${path.sep}`) ? 2 : file.includes(`${path.sep}integration${path.sep}`) ? 1 : 0);
  return [...files].sort((a, b) => weight(b) - weight(a));
}

async function main(): Promise<number> {
  const selection = readTestDatabases().error;
  if (selection) {
    console.error(`npm test: ${selection}`);
    return 1;
  }
  const targets = process.argv.slice(2);
  const files = slowFirst((targets.length > 0 ? targets : ["tests"]).flatMap(collect));
  if (files.length === 0) {
    console.error(`npm test: no *.test.ts files under ${targets.join(", ") || "tests"}`);
    return 1;
  }
  const concurrency = Math.max(2, os.availableParallelism());
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const uses = (pattern: RegExp) => files.some((file) => pattern.test(readFileSync(file, "utf8")));
  const needsTemplate = HAS_FIXTURES && uses(/createSyncedTestDatabase|startApp/);
  const needsPostgres = selectedDatabases.includes("postgresql") && uses(/describeEachDatabase|createPostgres|startApp/);
  const cluster = needsPostgres && !env.TEST_POSTGRES_URL && !postgresMissing ? await startPostgresCluster() : null;
  if (cluster) env.TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL = cluster.url;
  const needsPostgresTemplate = needsTemplate && selectedDatabases.includes("postgresql") && Boolean(env.TEST_POSTGRES_URL) && uses(/createSyncedTestDatabaseFor/);
  // The two templates sync at once (each is mostly one core's work).
  const [template, postgresTemplate] = await Promise.all([
    needsTemplate ? createTemplateDatabase() : null,
    needsPostgresTemplate ? createPostgresTemplateDatabase() : null,
  ]);
  if (template) env[TEMPLATE_ENV] = template.file;
  if (postgresTemplate) env[POSTGRES_TEMPLATE_ENV] = postgresTemplate.name;
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
        { stdio: "inherit", env },
      );
      // Ctrl-C reaches the runner through the terminal; a plain kill of npm test is passed on.
      for (const signal of ["SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
      child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    if (template) rmSync(template.dir, { recursive: true, force: true });
    if (postgresTemplate) await postgresTemplate.cleanup().catch(() => undefined);
    cluster?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm test: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
