// `npm start`: migrate the database, sync from the configured sources on the
// first run, build the app if its sources changed since the last build, and
// serve it on PORT. `npm run build` runs the same steps but the sync and the
// serving. A failed first sync does not stop the app: it starts, and says
// what failed and how to sync from a local copy.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "../lib/env";

const root = path.resolve(import.meta.dirname, "..");
const buildOnly = process.argv.includes("--build-only");
const env = getEnv();
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: env.DATABASE_URL };
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function step(title: string, command: string, args: string[]): number {
  console.log(`\n> ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: childEnv });
  return result.status ?? 1;
}

function fail(message: string): never {
  console.error(`\nstart: ${message}`);
  process.exit(1);
}

if (step("Migrating the database", bin("prisma"), ["migrate", "deploy"]) !== 0) {
  fail(`the database migration failed (DATABASE_URL=${env.DATABASE_URL})`);
}

if (!buildOnly && databaseIsEmpty()) {
  const code = step("First run: syncing from the configured sources", bin("tsx"), ["lib/secpack/cli.ts"]);
  if (code !== 0) {
    console.error(
      [
        "",
        "start: the first sync failed (see above); the app starts anyway, with what the database holds.",
        "  To sync from local copies instead (e.g. with no network):",
        "    npm run sync -- --secpack <qubes-secpack folder> --xsa-tracker <sec-xsa.yml> --qsb-index <sec-qsb.yml> --xen-index none",
        "  or set SECPACK_SOURCE, XSA_TRACKER_SOURCE, QSB_INDEX_SOURCE and XEN_INDEX_SOURCE=none before npm start.",
      ].join("\n"),
    );
  }
}

const stampFile = path.join(root, ".next", "source-stamp");
const stamp = sourceStamp();
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
if (!built) {
  if (step("Building the app", bin("next"), ["build"]) !== 0) fail("next build failed");
  writeFileSync(stampFile, stamp);
}
if (buildOnly) process.exit(0);

console.log(`\n> Serving on http://localhost:${env.PORT}`);
const served = spawnSync(bin("tsx"), ["scripts/serve.ts"], { cwd: root, stdio: "inherit", env: childEnv });
process.exit(served.status ?? 0);

/** No bulletin yet (SQLite or PostgreSQL): asked in a child process, as the steps above are. */
function databaseIsEmpty(): boolean {
  const script = 'import { countBulletins } from "@/lib/queries/bulletins"; countBulletins().then((n) => process.exit(n === 0 ? 0 : 10), (e) => { console.error(e); process.exit(1); });';
  return spawnSync(bin("tsx"), ["--eval", script], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: childEnv }).status === 0;
}

/** Changes whenever a file the build reads changes. */
function sourceStamp(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const file = path.join(dir, name);
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file);
      else hash.update(`${path.relative(root, file)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const dir of ["app", "components", "lib", "public"]) walk(path.join(root, dir));
  for (const file of ["package.json", "next.config.ts", "postcss.config.mjs", "tsconfig.json"]) {
    if (existsSync(path.join(root, file))) hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}
