// The front workers, from the primary's side: forks them (node:cluster), each
// listening on the public port, answers their questions about the data
// version (from the database, here), replaces one that died, and stops them
// all on close. The kernel hands each new connection to one worker
// (SCHED_NONE): the primary, busy rendering a miss, is not in the path of a
// hit. See lib/server/front-worker.ts for the worker's side.
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import { log } from "@/lib/log";
import { toWire, WORKER_CONFIG_ENV, type FrontWorkerConfig, type ToPrimary, type ToWorker } from "./worker-ipc";

/** How many front workers serve when WEB_WORKERS is not set: one a core. */
export function defaultWorkerCount(configured: number | undefined): number {
  return configured ?? os.availableParallelism();
}

export interface WorkerPoolOptions extends FrontWorkerConfig {
  count: number;
  /** The worker's entry: scripts/front-worker.ts from the sources, or its compiled copy. */
  exec: string;
  execArgv?: string[];
  dataVersion: () => Promise<string>;
}

export interface WorkerPool {
  /** The port the workers listen on (PORT, or the one the system chose for 0). */
  port: number;
  /** Tells every worker to stop (each finishes its requests under way), resolves once all have exited. */
  close(graceMs: number): Promise<void>;
}

/** A worker that dies is replaced, but not more than this often (a crash at start must not spin). */
const RESPAWN_MIN_INTERVAL_MS = 1000;

export async function startWorkers(options: WorkerPoolOptions): Promise<WorkerPool> {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: options.exec, execArgv: options.execArgv ?? process.execArgv });
  const config: FrontWorkerConfig = { port: options.port, host: options.host, upstream: options.upstream, staticDir: options.staticDir, next: options.next };
  const env = { [WORKER_CONFIG_ENV]: JSON.stringify(config) };
  const workers = new Set<Worker>();
  let stopping = false;
  let lastRespawn = 0;

  const answer = (worker: Worker, message: ToPrimary) => {
    if (message.type !== "version?") return;
    const reply = (m: ToWorker) => {
      if (worker.isConnected()) worker.send(m);
    };
    options.dataVersion().then(
      (version) => reply({ type: "version", id: message.id, version }),
      (error: unknown) => reply({ type: "version", id: message.id, error: toWire(error) }),
    );
  };

  /** Resolves with the port once the worker listens; rejects with why it could not. */
  const fork = () =>
    new Promise<number>((resolve, reject) => {
      const worker = cluster.fork(env);
      workers.add(worker);
      let listening = false;
      worker.on("message", (message: ToPrimary) => {
        if (message.type === "listening") {
          listening = true;
          resolve(message.port);
        } else if (message.type === "listen-failed") reject(new Error(message.message));
        else answer(worker, message);
      });
      worker.once("exit", (code, signal) => {
        workers.delete(worker);
        if (!listening) return reject(new Error(`a front worker exited before it listened (${signal ?? `code ${code}`})`));
        if (stopping) return;
        log("error", "worker", { message: "a front worker exited; starting another", pid: worker.process.pid, code: code ?? undefined, signal: signal ?? undefined });
        const wait = Math.max(0, lastRespawn + RESPAWN_MIN_INTERVAL_MS - Date.now());
        setTimeout(() => {
          if (stopping) return;
          lastRespawn = Date.now();
          fork().catch((error: unknown) => log("error", "worker", { message: "a replacement front worker could not start", error: (error as Error).message }));
        }, wait);
      });
    });

  const stopAll = async (graceMs: number) => {
    stopping = true;
    const exits = [...workers].map((worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once("exit", () => resolve()))));
    for (const worker of workers) if (worker.isConnected()) worker.send({ type: "stop", graceMs } satisfies ToWorker);
    const deadline = setTimeout(() => {
      for (const worker of workers) worker.process.kill("SIGKILL");
    }, graceMs + 2000);
    await Promise.all(exits);
    clearTimeout(deadline);
  };

  let port: number;
  try {
    if (options.port === 0) {
      // The first one binds (the system picks the port); the others then share it.
      port = await fork();
      config.port = port;
      env[WORKER_CONFIG_ENV] = JSON.stringify(config);
      await Promise.all(Array.from({ length: options.count - 1 }, fork));
    } else {
      [port] = (await Promise.all(Array.from({ length: options.count }, fork))) as [number];
    }
  } catch (error) {
    await stopAll(1000);
    throw error;
  }
  return { port, close: stopAll };
}
