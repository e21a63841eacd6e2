// Builds the app if its sources changed, and serves it (the caching front
// server and Next.js, as `npm start` does) on a free port over a database
// synced from the real fixtures (a copy of the template).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { ensureBuilt } from "@/scripts/build";
import { createTestDatabase, type AnyTestDatabase } from "./db";
import { PROJECT_ROOT } from "./fixtures";
import { createSyncedTestDatabase } from "./template";

export interface RunningApp {
  url: string;
  database: AnyTestDatabase;
  /** The server process (one node process). */
  child: ChildProcess;
  /** What it wrote so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** `npm run build`'s own step: test files in parallel wait for one build (its lock) instead of building twice. */
export async function buildApp(): Promise<void> {
  const result = await ensureBuilt("pipe");
  if (!result.ok) throw new Error(`the build failed:\n${result.log}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** `database`: one the caller made (and cleans up), e.g. a PostgreSQL database shared by two instances. */
export async function startApp(options: { sync?: boolean; env?: Record<string, string>; database?: AnyTestDatabase } = {}): Promise<RunningApp> {
  await buildApp();
  const database = options.database ?? (options.sync === false ? createTestDatabase("tracker-e2e-") : await createSyncedTestDatabase("tracker-e2e-"));
  const port = await freePort();
  // As `npm run serve` starts it (one node process), on a database the test migrated itself, with no scheduled sync.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--production", "--no-migrate"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", SITE_URL: `http://127.0.0.1:${port}`, SYNC_INTERVAL: "0", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/robots.txt`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    database,
    child,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined);
        child.once("exit", resolve);
        setTimeout(() => {
          child.kill("SIGKILL");
          resolve(undefined);
        }, 5000);
      });
      if (!options.database) await database.cleanup();
    },
  };
}
