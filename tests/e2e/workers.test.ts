// The front workers (node:cluster) of the compiled server, as `npm run serve`
// runs it: node processes only, one render for a burst across workers, every
// worker's cache following a sync, a dead worker replaced, and SIGTERM ending
// the whole tree with exit 0.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { processTree } from "@/scripts/bench/process-tree";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { PROJECT_ROOT, realData } from "../helpers/fixtures";
import { buildApp, freePort } from "../helpers/server";
import { INFO_DELAY_MS } from "@/lib/log";
import { runSyncCli } from "../helpers/sync";
import { waitFor } from "../helpers/wait";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own: whichever worker accepts it answers. */
function get(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { connection: "close" } }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("front workers (WEB_WORKERS=2) of the compiled server", { ...realData, timeout: 10 * 60_000 }, () => {
  let database: TestDatabase;
  let child: ChildProcess;
  let output = "";
  let url = "";
  let exited: Promise<number | null>;

  const requestLines = (from = 0) =>
    output
      .slice(from)
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === "request");
  const workersOf = (lines: Record<string, unknown>[]) => new Set(lines.map((line) => line.worker));
  /** The workers that answered the /api/qsb requests logged since `from`, once `n` of them are logged (request lines go out in batches, up to INFO_DELAY_MS late). */
  const answeredBy = (from: number, n: number) =>
    waitFor(
      `${n} request lines`,
      () => {
        const lines = requestLines(from).filter((l) => l.path === "/api/qsb");
        return Promise.resolve(lines.length >= n ? workersOf(lines) : null);
      },
      INFO_DELAY_MS + 5000,
    );
  const count = async () => {
    const answer = await get(`${url}/api/qsb`);
    return (JSON.parse(answer.body) as { items: unknown[] }).items.length;
  };

  before(async () => {
    await buildApp();
    // Empty: every worker caches the empty answers, then a sync fills it.
    database = createTestDatabase("tracker-workers-");
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [path.join(PROJECT_ROOT, "dist", "start.mjs"), "--production", "--no-migrate"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1", SITE_URL: url, SYNC_INTERVAL: "0", WEB_WORKERS: "2", LOG_FORMAT: "json", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // The first worker may answer before the second listens: "listening" comes once every worker does.
    await waitFor("the server", () => Promise.resolve(/"event":"listening"/.test(output) ? true : null), 60_000);
    assert.equal((await get(`${url}/robots.txt`)).status, 200);
  });

  after(async () => {
    if (child?.exitCode === null) child.kill("SIGKILL");
    await database?.cleanup();
  });

  test("the serving tree is node processes only: the primary and two workers, no npm, tsx or esbuild", () => {
    const tree = processTree(child.pid ?? 0);
    assert.equal(tree.length, 3, tree.map((p) => p.command).join("\n"));
    for (const p of tree) {
      assert.equal(p.name, "node", p.command);
      assert.doesNotMatch(p.command, /\b(npm|tsx|esbuild)\b/);
      assert.match(p.command, /dist\/(start|front-worker)\.mjs/);
    }
  });

  test("a burst of 32 first requests, on 32 connections over both workers, renders the page once", async () => {
    const answers = await Promise.all(Array.from({ length: 32 }, () => get(`${url}/releases`)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    assert.equal(answers.filter((a) => a.headers["x-cache"] === "miss").length, 1, answers.map((a) => a.headers["x-cache"]).join(" "));
    assert.equal(new Set(answers.map((a) => a.headers.etag)).size, 1, "one ETag, whichever worker answered");
  });

  test("a sync shows on every worker within a few seconds", async () => {
    // Both workers hold the empty database's answer.
    await waitFor(
      "both workers to answer",
      async () => {
        const from = output.length;
        const totals = await Promise.all(Array.from({ length: 16 }, count));
        assert.deepEqual(new Set(totals), new Set([0]));
        return (await answeredBy(from, 16)).size === 2 ? true : null;
      },
      20_000,
    );
    const sync = await runSyncCli(database.url);
    assert.equal(sync.code, 0, sync.output);
    const synced = performance.now();
    // A round where every answer has the new data and both workers answered.
    await waitFor(
      "every worker to show the synced data",
      async () => {
        const from = output.length;
        const totals = await Promise.all(Array.from({ length: 16 }, count));
        return totals.every((t) => t === 116) && (await answeredBy(from, 16)).size === 2 ? true : null;
      },
      20_000,
    );
    const ms = performance.now() - synced;
    assert.ok(ms < 5000, `every worker showed the sync after ${Math.round(ms)} ms`);
  });

  test("a worker that dies is replaced, and the port keeps answering", async () => {
    const workers = () => processTree(child.pid ?? 0).filter((p) => p.pid !== child.pid);
    const [victim] = workers();
    assert.ok(victim);
    process.kill(victim.pid, "SIGKILL");
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(`${url}/qsb/54`)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    await waitFor("a new worker", () => Promise.resolve(workers().length === 2 && !workers().some((p) => p.pid === victim.pid) ? true : null), 15_000);
    assert.match(output, /a front worker exited; starting another/);
    assert.equal((await get(`${url}/qsb/54`)).status, 200);
  });

  test("SIGTERM ends the whole tree with exit 0", async () => {
    const pids = processTree(child.pid ?? 0).map((p) => p.pid);
    child.kill("SIGTERM");
    assert.equal(await exited, 0, output.slice(-2000));
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), `process ${pid} is gone`);
  });
});
