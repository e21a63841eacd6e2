// The app as `npm start` serves it, on a database of its own, for the
// benchmark: the sync CLI as users run it, and the server's process tree.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { PROJECT_ROOT } from "../../tests/helpers/fixtures";
import type { DataSet } from "./generate";

export interface BenchApp {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const npm = "npm";

function env(database: string, port?: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: `file:${database}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(port ? { PORT: String(port), HOST: "127.0.0.1", SITE_URL: `http://127.0.0.1:${port}` } : {}),
  };
}

/** `npm run sync` over a data set: its wall time in ms, as a user waits for it. */
export function syncCli(database: string, data: DataSet): { ms: number; output: string } {
  const started = performance.now();
  const result = spawnSync(
    npm,
    ["run", "--silent", "sync", "--", "--secpack", data.secpack, "--xsa-tracker", data.xsaTracker, "--qsb-index", data.qsbIndex, "--supported-releases", data.supportedReleases, "--xen-index", "none", "--posts", "none"],
    { cwd: PROJECT_ROOT, env: env(database), encoding: "utf8", timeout: 10 * 60_000 },
  );
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`npm run sync failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { ms, output: `${result.stdout}${result.stderr}` };
}

/**
 * `npm start` on a database (already synced) and a port; resolves once it
 * answers. Its log goes to a file beside the database, as a service's goes to
 * the journal: a pipe to this process, which runs wrk, would hold the server's
 * writes back whenever this process is slow to read them.
 */
export async function startServer(database: string, port: number): Promise<BenchApp> {
  const logFile = `${database}.${port}.log`;
  const fd = openSync(logFile, "w");
  const child: ChildProcess = spawn(npm, ["start"], { cwd: PROJECT_ROOT, env: env(database, port), stdio: ["ignore", fd, fd], detached: true });
  closeSync(fd);
  const output = () => readFileSync(logFile, "utf8").slice(-20_000);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/robots.txt`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`npm start did not answer within 5 minutes:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        // Its own process group (detached): the signal reaches every process it started.
        process.kill(-pid, "SIGTERM");
        setTimeout(() => {
          try {
            process.kill(-pid, "SIGKILL");
          } catch {
            // gone
          }
        }, 5000).unref();
      }),
  };
}

export function ensureBuilt(): void {
  const result = spawnSync(npm, ["run", "--silent", "build"], { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("npm run build failed");
}

