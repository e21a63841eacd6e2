// `npm start` and `npm run serve` (production): one node process
// (`node --import tsx scripts/start.ts`, no npm → tsx → node chain to orphan)
// that checks its configuration, migrates the database, serves the app and
// syncs it every SYNC_INTERVAL, and stops cleanly on SIGTERM or SIGINT.
//   npm start            builds the app first when its sources changed; a
//                        missing SITE_URL is a warning
//   npm run serve        (or NODE_ENV=production, or --production) never
//   / --production       builds (no current build: an error saying to run
//                        `npm run build`) and requires SITE_URL
//   --no-migrate         for a database migrated by other means (the tests)
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getDb } from "../lib/db";
import { getEnv, redactDatabaseUrl, type Env } from "../lib/env";
import { log } from "../lib/log";
import { countBulletins } from "../lib/queries/bulletins";
import { getDataHealth } from "../lib/queries/health";
import { getFreshness, getPageVersion } from "../lib/queries/sync-runs";
import { warmKeptReads } from "../lib/queries/warm";
import { createSyncScheduler, type SyncOutcome, type SyncScheduler } from "../lib/server/scheduler";
import { createSyncChild } from "../lib/server/sync-child";
import { defaultWorkerCount } from "../lib/server/workers";
import { ensureBuilt, isBuilt } from "./build";
import { serve, type Serving } from "./serve";

const root = path.resolve(import.meta.dirname, "..");
const VERSION = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
/** How long a stop waits for requests under way and the sync before it gives up on them. */
const SHUTDOWN_GRACE_MS = 5000;

class StartError extends Error {}

function readEnv(): Env {
  try {
    return getEnv();
  } catch (error) {
    throw new StartError(`${(error as Error).message}. Fix the variable named and start again.`);
  }
}

/** Checks that need no database: the environment, SITE_URL, the build. */
async function checkStart(production: boolean): Promise<Env> {
  const env = readEnv();
  if (!env.SITE_URL) {
    if (production) {
      throw new StartError(
        "SITE_URL is not set: in production it must be the tracker's public address (for example SITE_URL=https://tracker.example.org), which feeds and OSV records use for their links.",
      );
    }
    if (process.env.NODE_ENV !== "development") {
      log("warn", "config", { message: `SITE_URL is not set: feeds and OSV records link to http://localhost:${env.PORT}; set SITE_URL to the public address before anyone else reads them` });
    }
  }
  if (production) {
    if (!isBuilt()) {
      throw new StartError("there is no build of the current sources in .next: run `npm run build` first (a production start never builds).");
    }
  } else {
    log("info", "build", { message: "building the app when its sources changed" });
    const build = await ensureBuilt();
    if (!build.ok) throw new StartError("next build failed (see above).");
  }
  return env;
}

function migrate(env: Env): void {
  const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    const reason = output.split("\n").find((line) => /^Error|P\d{4}|error/i.test(line)) ?? output.split("\n").pop() ?? "";
    throw new StartError(`the database migration failed for DATABASE_URL=${redactDatabaseUrl(env.DATABASE_URL)}: ${reason.trim()} (run \`npm run migrate\` to see the whole output).`);
  }
  log("info", "migrate", { result: "ok" });
}

function logSync(outcome: SyncOutcome, ms: number, failures: number, nextInMs: number | null): void {
  if ("steps" in outcome) for (const step of outcome.steps ?? []) log("info", "sync.step", { step: step.step, ms: step.ms });
  const level = outcome.result === "failed" ? "error" : outcome.result === "busy" ? "warn" : "info";
  log(level, "sync", {
    result: outcome.result,
    ms,
    failures: failures || undefined,
    next_in_s: nextInMs === null ? undefined : Math.round(nextInMs / 1000),
    error: "message" in outcome ? outcome.message : undefined,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { production: { type: "boolean", default: false }, "no-migrate": { type: "boolean", default: false } } });
  const production = values.production || process.env.NODE_ENV === "production";
  const env = await checkStart(production);
  if (!values["no-migrate"]) migrate(env);

  const intervalSeconds = env.SYNC_INTERVAL;
  const intervalMs = intervalSeconds * 1000;
  const child = createSyncChild(root, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  const scheduler: SyncScheduler | null =
    intervalSeconds > 0 ? createSyncScheduler({ intervalMs, run: () => child.run(), onRun: (e) => logSync(e.outcome, e.ms, e.failures, e.nextInMs) }) : null;

  const empty = (await countBulletins().catch(() => 0)) === 0;
  if (scheduler && empty) {
    log("info", "sync", { message: "first run: syncing from the configured sources before serving" });
    const first = await scheduler.runNow();
    if (first.result === "failed") {
      log("warn", "sync", {
        message:
          "the first sync failed; the app starts anyway with what the database holds. To sync from local copies (no network), set SECPACK_SOURCE, XSA_TRACKER_SOURCE, QSB_INDEX_SOURCE, SUPPORTED_RELEASES_SOURCE, POSTS_SOURCE and XEN_INDEX_SOURCE=none, or run npm run sync -- --help",
      });
    }
  } else if (!scheduler) {
    log("info", "sync", { message: "SYNC_INTERVAL=0: the scheduled sync is off; run npm run sync to refresh the data" });
  }

  // A signal while it starts (Next.js, then the workers one by one, the first of which
  // may answer already) stops the server as soon as it is up, as a stop then would.
  let early: NodeJS.Signals | null = null;
  const remember = (signal: NodeJS.Signals) => void (early ??= signal);
  process.on("SIGTERM", remember);
  process.on("SIGINT", remember);
  let lastVersion: string | null = null;
  const serving: Serving = await serve({
    port: env.PORT,
    host: env.HOST,
    workers: defaultWorkerCount(env.WEB_WORKERS),
    searchSplice: env.SEARCH_SPLICE === "1",
    // The data version, and what the pages say about freshness (the day of the
    // last refresh, data turning stale): a sync that found nothing new keeps the cache.
    // A new one: the reads kept for the data are read ahead, before a visitor asks.
    dataVersion: async () => {
      const version = await getPageVersion(intervalSeconds);
      if (version !== lastVersion) {
        lastVersion = version;
        void warmKeptReads(intervalSeconds);
      }
      return version;
    },
    health: async () => {
      const data = await getDataHealth(intervalSeconds);
      const state = scheduler?.state();
      return {
        status: data.database.reachable ? 200 : 503,
        body: {
          status: data.database.reachable ? (data.stale ? "stale" : "ok") : "unavailable",
          version: VERSION,
          ...data,
          schedule: {
            intervalSeconds,
            running: state?.running ?? false,
            consecutiveFailures: state?.failures ?? 0,
            nextRunAt: state?.nextRunAt ? new Date(state.nextRunAt).toISOString() : null,
          },
          uptimeSeconds: Math.round(process.uptime()),
        },
      };
    },
    onRequest: (entry) => log("info", "request", entry),
  });
  log("info", "listening", { url: `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${serving.port}`, pid: process.pid, workers: serving.workers, version: VERSION, sync_interval_s: intervalSeconds });

  if (scheduler) {
    // The next run one interval after the last success (at once if that is past).
    const age = empty ? null : ((await getFreshness(intervalSeconds).catch(() => null))?.ageSeconds ?? null);
    scheduler.start(age === null ? intervalMs : Math.max(0, intervalMs - age * 1000));
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    log("info", "stopping", { signal });
    // A last resort: whatever still hangs after the grace period is dropped.
    setTimeout(() => {
      log("warn", "stopped", { message: "the stop took too long; exiting anyway", ms: Math.round(performance.now() - started) });
      process.exit(0);
    }, SHUTDOWN_GRACE_MS + 3000).unref();
    void Promise.all([serving.close(SHUTDOWN_GRACE_MS), scheduler?.stop(), child.stop(SHUTDOWN_GRACE_MS)])
      .then(() => getDb().$disconnect())
      .catch((error: unknown) => log("error", "stopping", { error: (error as Error).message }))
      .finally(() => {
        log("info", "stopped", { signal, ms: Math.round(performance.now() - started) });
        process.exit(0);
      });
  };
  process.off("SIGTERM", remember);
  process.off("SIGINT", remember);
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  if (early) stop(early);
}

main().catch((error: unknown) => {
  const message = error instanceof StartError ? error.message : (error as Error).message;
  log("error", "start", { error: message });
  console.error(`\nstart: ${message}`);
  process.exit(1);
});
