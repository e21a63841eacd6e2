// `npm test`: runs every *.test.ts under tests/ with Node's own test runner
// (through tsx, which compiles TypeScript), several files at once (one
// process each, at least two, one per core). Arguments narrow the run:
// `npm test -- tests/unit` or `npm test -- tests/unit/parse.test.ts`.
//
// Before the run it syncs one template database from the real fixtures
// (tests/helpers/template.ts); every test file that starts from the real data
// gets a copy of it instead of syncing again. It also starts one PostgreSQL
// cluster for the run (lib/database/cluster.ts), passed on as
// TEST_POSTGRES_URL; each test file makes its own databases on it. Without
// PostgreSQL, its tests skip, saying why.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresMissing, startPostgresCluster } from "../lib/database/cluster";
import { HAS_FIXTURES } from "../tests/helpers/fixtures";
import { createTemplateDatabase, TEMPLATE_ENV } from "../tests/helpers/template";

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
  const targets = process.argv.slice(2);
  const files = slowFirst((targets.length > 0 ? targets : ["tests"]).flatMap(collect));
  if (files.length === 0) {
    console.error(`npm test: no *.test.ts files under ${targets.join(", ") || "tests"}`);
    return 1;
  }
  const concurrency = Math.max(2, os.availableParallelism());
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const needsTemplate = HAS_FIXTURES && files.some((file) => /createSyncedTestDatabase|startApp/.test(readFileSync(file, "utf8")));
  const template = needsTemplate ? await createTemplateDatabase() : null;
  if (template) env[TEMPLATE_ENV] = template.file;
  const needsPostgres = files.some((file) => /describeEachDatabase|createPostgres|startApp/.test(readFileSync(file, "utf8")));
  const cluster = needsPostgres && !env.TEST_POSTGRES_URL && !postgresMissing ? await startPostgresCluster() : null;
  if (cluster) env.TEST_POSTGRES_URL = cluster.url;
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
