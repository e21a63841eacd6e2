// The production server as an operator runs it: start-up checks, /healthz,
// the scheduled sync inside the server, a database file replaced or removed
// under it, and SIGTERM on `npm run serve` ending the whole process tree.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { INFO_DELAY_MS } from "@/lib/log";
import { createTestDatabase } from "../helpers/db";
import { CANARY_INDEX_FILE, POSTS_BUNDLE, PROJECT_ROOT, QSB_INDEX_FILE, realData, SUPPORTED_RELEASES_FILE, XSA_TRACKER_FILE } from "../helpers/fixtures";
import { buildApp, freePort, startApp, type RunningApp } from "../helpers/server";
import { createSyncedTestDatabase } from "../helpers/template";
import { waitFor } from "../helpers/wait";

/** The sources the test template was synced from (its secpack is a git mirror of its own), so a scheduled sync finds nothing new. */
async function templateSources(): Promise<Record<string, string>> {
  const probe = await createSyncedTestDatabase("tracker-probe-");
  const run = await probe.db.syncRun.findFirst({ orderBy: { id: "desc" } });
  await probe.cleanup();
  return { ...FIXTURE_SOURCES, SECPACK_SOURCE: run?.secpackSource ?? "" };
}

const FIXTURE_SOURCES = {
  CANARY_INDEX_SOURCE: CANARY_INDEX_FILE,
  XSA_TRACKER_SOURCE: XSA_TRACKER_FILE,
  QSB_INDEX_SOURCE: QSB_INDEX_FILE,
  SUPPORTED_RELEASES_SOURCE: SUPPORTED_RELEASES_FILE,
  XEN_INDEX_SOURCE: "none",
  // The template is synced with the news posts: the same sources, so the scheduled sync finds nothing new.
  POSTS_SOURCE: POSTS_BUNDLE,
};

function runStart(env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts", "--production", "--no-migrate"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: "file:/nonexistent/never-opened.db", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("start-up checks (before any build or database)", () => {
  test("production without SITE_URL is a clear error naming it", () => {
    const result = runStart({ SITE_URL: "" });
    assert.equal(result.status, 1);
    assert.match(result.output, /start: SITE_URL is not set: in production it must be the tracker's public address/);
    assert.doesNotMatch(result.output, /\n\s+at /, "no stack trace");
  });

  test("an invalid SYNC_INTERVAL is a clear error naming it", () => {
    const result = runStart({ SITE_URL: "https://tracker.example.org", SYNC_INTERVAL: "every hour" });
    assert.equal(result.status, 1);
    assert.match(result.output, /SYNC_INTERVAL: must be a number of seconds \(3600\) or a duration such as 30m, 1h or 1d .*"every hour"/);
    assert.doesNotMatch(result.output, /\n\s+at /, "no stack trace");
  });
});

describe("the production server", { ...realData, timeout: 10 * 60_000 }, () => {
  let app: RunningApp;
  before(async () => {
    // SYNC_INTERVAL=2: the template's last sync is older than that, so the server syncs soon after it starts.
    app = await startApp({ env: { ...(await templateSources()), SYNC_INTERVAL: "2", LOG_FORMAT: "json" } });
  });
  after(async () => app?.stop());

  test("/healthz: 200 JSON with the database, the last sync, its age and result, the version; never cached; HEAD works", async () => {
    const response = await fetch(`${app.url}/healthz`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.equal(response.headers.get("x-cache"), null, "not from the front server's cache");
    const body = (await response.json()) as Record<string, unknown> & { database: { reachable: boolean; provider: string }; lastSync: { result: string; ageSeconds: number } };
    assert.equal(body.database.reachable, true);
    assert.equal(body.database.provider, "sqlite");
    assert.equal(body.version, "0.1.0");
    assert.ok(body.lastSync && typeof body.lastSync.ageSeconds === "number");
    assert.ok(["updated", "unchanged"].includes(body.lastSync.result));
    const head = await fetch(`${app.url}/healthz`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
  });

  test("the scheduled sync runs inside the server, logs each step and the run, and /healthz shows it", async () => {
    const logLines = () => app.output().split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    // The run is logged when its process has ended (its record in the database comes a moment before).
    const synced = (l: Record<string, unknown>) => l.event === "sync" && (l.result === "unchanged" || l.result === "updated");
    await waitFor("a scheduled sync's log line", () => Promise.resolve(logLines().some(synced) ? true : null), 90_000).catch((error: Error) => {
      throw new Error(`${error.message}; the sync lines so far: ${JSON.stringify(logLines().filter((l) => String(l.event).startsWith("sync")).slice(-5))}`);
    });
    assert.ok(logLines().some((l) => l.event === "sync.step" && l.step === "fetch" && typeof l.ms === "number"), "a sync.step line");
    const health = (await (await fetch(`${app.url}/healthz`)).json()) as { lastSync: { result: string; ageSeconds: number } | null; schedule: { intervalSeconds: number } };
    assert.ok(health.lastSync && ["unchanged", "updated"].includes(health.lastSync.result) && health.lastSync.ageSeconds < 60);
    assert.equal(health.schedule.intervalSeconds, 2);
    // The page's data line says when the data was refreshed.
    const page = await (await fetch(`${app.url}/`)).text();
    assert.ok(/Data last refreshed/.test(page), "the data line says when the data was refreshed");
    assert.ok(/the sync runs every (<!-- -->)?2 seconds/.test(page), "and how often the sync runs");
  });

  test("one structured log line per request: method, path, status, ms, cache", async () => {
    let last: Record<string, unknown> = {};
    // A sync every 2 s refreshes the cache (the pages say when the data was refreshed): try a few pairs.
    const lines = () =>
      app
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((l) => l.event === "request" && l.path === "/qsb/54");
    for (let i = 0; i < 5 && last.cache !== "hit"; i++) {
      const before = lines().length;
      await fetch(`${app.url}/qsb/54`);
      await fetch(`${app.url}/qsb/54`);
      // Request lines go out in batches, up to INFO_DELAY_MS late.
      last = await waitFor("the two request lines", () => Promise.resolve(lines().length >= before + 2 ? (lines().at(-1) ?? null) : null), INFO_DELAY_MS + 5000);
    }
    assert.equal(last.method, "GET");
    assert.equal(last.status, 200);
    assert.equal(typeof last.ms, "number");
    assert.equal(last.cache, "hit");
  });

});

describe("a database file replaced or removed while serving", { ...realData, timeout: 10 * 60_000 }, () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp();
  });
  after(async () => app?.stop());

  test("a replaced file is reopened; a removed one gives 503, never the old data", async () => {
    assert.equal((await fetch(`${app.url}/api/qsb/54`)).status, 200);
    // Replace it with an empty, migrated database (a rename, as a restore would do).
    const empty = createTestDatabase("tracker-replacement-");
    await empty.db.$disconnect();
    renameSync(empty.file, app.database.file ?? "");
    await waitFor("the new file to be served", async () => ((await fetch(`${app.url}/api/qsb/54`)).status === 404 ? true : null), 10_000);
    // Removed: 503, for pages and the API, and /healthz says so.
    rmSync(app.database.file ?? "");
    await waitFor("503 after the file was removed", async () => ((await fetch(`${app.url}/api/qsb/54`)).status === 503 ? true : null), 10_000);
    const page = await fetch(`${app.url}/qsb/54`);
    assert.equal(page.status, 503);
    assert.match(await page.text(), /database cannot be reached/);
    const health = await fetch(`${app.url}/healthz`);
    assert.equal(health.status, 503);
    assert.equal(((await health.json()) as { database: { reachable: boolean } }).database.reachable, false);
    rmSync(empty.dir, { recursive: true, force: true });
  });
});

describe("SIGTERM on npm run serve", { ...realData, timeout: 10 * 60_000 }, () => {
  test("finishes the request under way, exits 0 within seconds, leaves no process of its tree, frees the port", async () => {
    await buildApp();
    const database = createTestDatabase("tracker-sigterm-");
    await database.db.$disconnect();
    // A new database file: the start migrates it (prisma migrate deploy), as a first production start does.
    const fresh = path.join(database.dir, "fresh.db");
    const port = await freePort();
    const child = spawn("npm", ["run", "serve"], {
      cwd: PROJECT_ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: `file:${fresh}`, PORT: String(port), HOST: "127.0.0.1", SITE_URL: `http://127.0.0.1:${port}`, SYNC_INTERVAL: "0", NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const group = child.pid ?? 0;
    try {
      await waitFor("the server", async () => ((await fetch(`http://127.0.0.1:${port}/robots.txt`)).ok ? true : null), 120_000);
      // A request under way (a first render) when the signal comes.
      const inFlight = fetch(`http://127.0.0.1:${port}/`).then(async (r) => ({ status: r.status, body: await r.text() }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const signalled = performance.now();
      process.kill(group, "SIGTERM");
      const answer = await inFlight;
      assert.equal(answer.status, 200, "the request under way was answered");
      assert.match(answer.body, /<\/html>/);
      assert.equal(await exited, 0, `exit code 0\n${output}`);
      const ms = performance.now() - signalled;
      assert.ok(ms < 5000, `stopped in ${Math.round(ms)} ms`);
      const left = spawnSync("pgrep", ["-g", String(group)], { encoding: "utf8" }).stdout.trim();
      assert.equal(left, "", `processes of the tree left: ${left}`);
      await new Promise<void>((resolve, reject) => {
        const probe = createServer();
        probe.once("error", reject);
        probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
      });
      assert.match(output, /stopped/);
    } finally {
      try {
        process.kill(-group, "SIGKILL");
      } catch {
        // already gone
      }
      rmSync(database.dir, { recursive: true, force: true });
    }
  });
});
