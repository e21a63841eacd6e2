// `npm test`: runs every *.test.ts under tests/ with Node's own test runner
// (through tsx, which compiles TypeScript). Arguments narrow the run:
// `npm test -- tests/unit` or `npm test -- tests/unit/parse.test.ts`.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { postgresMissing, startPostgresCluster, type PostgresCluster } from "../lib/database/cluster";

function collect(target: string): string[] {
  const stat = statSync(target);
  if (stat.isFile()) return target.endsWith(".test.ts") ? [target] : [];
  return readdirSync(target)
    .filter((name) => name !== "fixtures" && !name.startsWith("."))
    .flatMap((name) => collect(path.join(target, name)))
    .sort();
}

const targets = process.argv.slice(2);
const files = (targets.length > 0 ? targets : ["tests"]).flatMap(collect);
if (files.length === 0) {
  console.error(`npm test: no *.test.ts files under ${targets.join(", ") || "tests"}`);
  process.exit(1);
}
// One PostgreSQL cluster for the whole run (each test file makes its own
// databases on it); without PostgreSQL its tests skip, saying why.
async function main(): Promise<number> {
  const cluster: PostgresCluster | null = !process.env.TEST_POSTGRES_URL && !postgresMissing ? await startPostgresCluster() : null;
  try {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
      { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(cluster ? { TEST_POSTGRES_URL: cluster.url } : {}) } },
    );
    return result.status ?? 1;
  } finally {
    cluster?.stop();
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`npm test: ${(error as Error).message}`);
    process.exit(1);
  },
);
