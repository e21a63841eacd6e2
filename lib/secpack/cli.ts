// `npm run sync -- [--secpack <git URL, bundle, mirror, work tree or folder>] [--xsa-tracker <file or URL>]
//   [--qsb-index <file or URL>] [--xen-index <file or URL | none>] [--canary-index <file or URL | none>] [--json]`
import path from "node:path";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { createDb } from "@/lib/db";
import { databaseProblem, describeFailure } from "@/lib/database/errors";
import { dataDir, databaseFile, getEnv, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SourceError, SyncBusyError } from "./errors";
import { pluggedSources } from "./sources";
import { runSync, type SyncSummary } from "./sync";

const USAGE = `Usage: npm run sync -- [options]

Imports the Qubes Security Bulletins, the XSA tracker, the QSB index and Xen's
XSA index into the database, and verifies every bulletin's signatures.

  --secpack <source>          qubes-secpack: a git URL or bundle (mirrored into
                              data/qubes-secpack.git), a bare mirror or a work
                              tree (read at the commit HEAD names), or a plain
                              folder with QSBs/ and keys/ (history and signed
                              tags then unknown)
                              (default: $SECPACK_SOURCE or the QubesOS repository)
  --xsa-tracker <file|URL>    the website's _data/sec-xsa.yml
  --qsb-index <file|URL>      the website's _data/sec-qsb.yml
  --xen-index <file|URL|none> Xen's xsa.json, for XSA titles and CVEs
  --supported-releases <file|URL|none>
                              qubes-doc's supported-releases.rst: support
                              windows and dom0 Fedora versions per release
  --canary-index <file|URL|none>
                              the website's _data/sec-canary.yml, compared with
                              the secpack's canaries (default: $CANARY_INDEX_SOURCE
                              or the website's file). If it cannot be read, the
                              sync goes on with a source warning
  --posts <dir|git URL|repository|bundle|none>
                              the Qubes news posts (qubes-posts): why XSAs do not
                              affect Qubes, bulletin and canary announcements;
                              cloned into data/qubes-posts (default: $POSTS_SOURCE
                              or the QubesOS repository). If it cannot be read,
                              the sync goes on and keeps the posts it had
  --json                      print a machine-readable summary
  --verbose                   with an error, its stack trace too
  -h, --help                  this text

Offline, from local copies:
  npm run sync -- --secpack ../shared/fixtures/qubes-secpack \\
    --xsa-tracker ../shared/fixtures/qubes-website/xsa-tracker.yml \\
    --qsb-index ../shared/fixtures/qubes-website/qsb-index.yml --xen-index none \\
    --posts ../shared/fixtures/git/qubes-posts.bundle \\
    --canary-index ../shared/fixtures/qubes-website/canary-index.yml`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        secpack: { type: "string" },
        "xsa-tracker": { type: "string" },
        "qsb-index": { type: "string" },
        "xen-index": { type: "string" },
        "supported-releases": { type: "string" },
        posts: { type: "string" },
        "canary-index": { type: "string" },
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`sync: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    console.error(`sync failed: ${(error as Error).message}; fix it and run again (nothing was written).`);
    return 1;
  }
  const dbFile = databaseFile(env.DATABASE_URL);
  const xenIndex = values["xen-index"] ?? env.XEN_INDEX_SOURCE;
  const supportedReleases = values["supported-releases"] ?? env.SUPPORTED_RELEASES_SOURCE;
  const posts = values.posts ?? env.POSTS_SOURCE;
  const canaryIndex = values["canary-index"] ?? env.CANARY_INDEX_SOURCE;
  const tty = process.stderr.isTTY && !values.json;
  const db = createDb(env.DATABASE_URL);
  let migrated = false;
  try {
    migrated = await migrateIfNew(db, env.DATABASE_URL);
    const summary = await runSync(db, {
      secpack: values.secpack ?? env.SECPACK_SOURCE,
      xsaTracker: values["xsa-tracker"] ?? env.XSA_TRACKER_SOURCE,
      qsbIndex: values["qsb-index"] ?? env.QSB_INDEX_SOURCE,
      xenIndex: xenIndex === "none" ? null : xenIndex,
      masterFingerprint: env.QUBES_MASTER_FINGERPRINT,
      // PostgreSQL: the git clone goes to data/ in the working directory.
      dataDir: dataDir(env.DATABASE_URL),
      databaseFile: dbFile ?? path.resolve("data", "postgresql"),
      sources: pluggedSources({
        supportedReleases: supportedReleases === "none" ? null : supportedReleases,
        posts: posts === "none" ? null : posts,
        canaryIndex: canaryIndex === "none" ? null : canaryIndex,
      }),
      onProgress: tty ? showProgress : undefined,
      midway: env.SYNC_TEST_PAUSE_MIDWAY ? pauseForTest : undefined,
    });
    if (tty) process.stderr.write("\r\u001b[K");
    console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    return 0;
  } catch (error) {
    if (tty) process.stderr.write("\r\u001b[K");
    const message = (error as Error).message;
    if (values.json) {
      const sentence = error instanceof SourceError || error instanceof SyncBusyError ? message : describeFailure(error, env.DATABASE_URL, "run `npm run migrate` and sync again");
      console.log(JSON.stringify({ status: "failed", error: sentence, location: (error as SourceError).location ?? null }, null, 2));
    }
    if (error instanceof SyncBusyError) {
      console.error(`sync refused: ${message}`);
      return 3;
    }
    if (error instanceof SourceError) {
      console.error(`sync failed: ${message}`);
      if (error.hint) console.error(`  ${error.hint}`);
      console.error(`  ${leftAsItWas(migrated)}`);
      if (values.verbose) console.error(error.stack);
      return 1;
    }
    console.error(`sync failed: ${describeFailure(error, env.DATABASE_URL, "run `npm run migrate` and sync again")}`);
    console.error(`  ${databaseProblem(error) === "unreachable" ? "nothing was written" : leftAsItWas(migrated)}`);
    console.error(values.verbose ? `  ${(error as Error).stack ?? message}` : "  (run with --verbose for the details)");
    return 1;
  } finally {
    await db.$disconnect();
  }
}

function leftAsItWas(migrated: boolean): string {
  return migrated ? "the database was migrated (it was new), and its data left as it was" : "the database was left as it was";
}

/**
 * A database never migrated (no tables yet, as after `npm install`) is
 * migrated first with `prisma migrate deploy`, as `npm start` does; one that
 * already has tables is left to `npm run migrate`. True when it migrated.
 */
async function migrateIfNew(db: PrismaClient, url: string): Promise<boolean> {
  try {
    await db.syncRun.findFirst({ select: { id: true } });
    return false;
  } catch (error) {
    if (databaseProblem(error) !== "not-migrated") throw error;
  }
  process.stderr.write("sync: the database has no tables yet: migrating it first (prisma migrate deploy)\n");
  const root = path.resolve(import.meta.dirname, "..", "..");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n");
    const reason = output.find((line) => /Error|P\d{4}/.test(line)) ?? output.at(-1) ?? "";
    throw new Error(`the migration of the new database failed: ${reason.trim()} (run \`npm run migrate\` to see the whole output)`);
  }
  return true;
}

function showProgress(step: string, done: number, total: number): void {
  process.stderr.write(total > 1 ? `\r\u001b[K${step}: ${done}/${total}` : `\r\u001b[K${step}…`);
}

/** For the atomicity test: stop inside the write transaction until killed. */
async function pauseForTest(): Promise<void> {
  process.stderr.write("sync: paused inside the write transaction\n");
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}

export function formatSummary(summary: SyncSummary): string {
  const c = summary.counts;
  const lines: string[] = [];
  const where = `${summary.secpack.location}${summary.secpack.commit ? ` @ ${summary.secpack.commit.slice(0, 12)}` : ""}`;
  if (summary.status === "unchanged") {
    lines.push(`No changes since the last sync (${where}); nothing was written.`);
  } else {
    lines.push(`Synced ${where}.`);
    lines.push(`  bulletins: ${c.bulletins} (${c.bulletinsAdded} new, ${c.bulletinsUpdated} changed, ${c.bulletinsUnchanged} unchanged)`);
  }
  lines.push(`  advisories: ${c.advisories}; links: ${c.covers} covers, ${c.references} references; fixes: ${c.fixes}`);
  const statuses = Object.entries(summary.signatures).map(([status, n]) => `${n} ${status}`).join(", ");
  const reused = summary.status === "updated" ? ` (${c.signaturesVerified} verified now, ${c.signaturesReused} unchanged)` : "";
  lines.push(`  signatures: ${c.signatures}: ${statuses || "none"}${reused}`);
  for (const [name, counts] of Object.entries(summary.sources)) {
    lines.push(`  ${name}: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ") || "nothing"}`);
  }
  const byKind = new Map<string, number>();
  for (const w of summary.warnings) byKind.set(w.kind, (byKind.get(w.kind) ?? 0) + 1);
  lines.push(
    `  warnings: ${summary.warnings.length}` +
      (byKind.size ? ` (${[...byKind].map(([k, n]) => `${n} ${k}`).join(", ")})` : ""),
  );
  const parse = summary.warnings.filter((w) => w.kind !== "audit");
  for (const w of parse.slice(0, 20)) lines.push(`    ${w.kind}: ${w.message}`);
  if (parse.length > 20) lines.push(`    … and ${parse.length - 20} more (--json lists all)`);
  lines.push(`  timings: ${summary.timings.map((t) => `${t.step} ${formatMs(t.ms)}`).join(", ")}`);
  return lines.join("\n");
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("lib/secpack/cli.ts")) {
  void main().then((code) => process.exit(code));
}
