// `npm start`: migrate the database, sync from the configured sources on the
// first run, build the app if its sources changed since the last build
// (scripts/build.ts), and serve it on PORT. A failed first sync does not stop
// the app: it starts, and says what failed and how to sync from a local copy.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { getEnv } from "../lib/env";
import { ensureBuilt } from "./build";

const root = path.resolve(import.meta.dirname, "..");
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

if (databaseIsEmpty()) {
  const code = step("First run: syncing from the configured sources", bin("tsx"), ["lib/secpack/cli.ts"]);
  if (code !== 0) {
    console.error(
      [
        "",
        "start: the first sync failed (see above); the app starts anyway, with what the database holds.",
        "  To sync from local copies instead (e.g. with no network):",
        "    npm run sync -- --secpack <qubes-secpack folder> --xsa-tracker <sec-xsa.yml> --qsb-index <sec-qsb.yml> --xen-index none --supported-releases <supported-releases.rst>",
        "  or set SECPACK_SOURCE, XSA_TRACKER_SOURCE, QSB_INDEX_SOURCE, SUPPORTED_RELEASES_SOURCE and XEN_INDEX_SOURCE=none before npm start.",
      ].join("\n"),
    );
  }
}

console.log("\n> Building the app (when its sources changed)");
void ensureBuilt().then((build) => {
  if (!build.ok) fail("next build failed");
  console.log(`\n> Serving on http://localhost:${env.PORT}`);
  const served = spawnSync(bin("tsx"), ["scripts/serve.ts"], { cwd: root, stdio: "inherit", env: childEnv });
  process.exit(served.status ?? 0);
});

/** No bulletin yet (SQLite or PostgreSQL): asked in a child process, as the steps above are. */
function databaseIsEmpty(): boolean {
  const script = 'import { countBulletins } from "@/lib/queries/bulletins"; countBulletins().then((n) => process.exit(n === 0 ? 0 : 10), (e) => { console.error(e); process.exit(1); });';
  return spawnSync(bin("tsx"), ["--eval", script], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: childEnv }).status === 0;
}
