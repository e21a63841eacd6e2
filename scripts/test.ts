// `npm test`: runs every *.test.ts under tests/ with Node's own test runner
// (through tsx, which compiles TypeScript). Arguments narrow the run:
// `npm test -- tests/unit` or `npm test -- tests/unit/parse.test.ts`.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

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
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
);
process.exit(result.status ?? 1);
