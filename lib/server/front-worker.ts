// A front worker (node:cluster): the hit path of the front server on the
// public port, in a process of its own. It keeps its own cache of
// precompressed answers and their headers and answers conditional requests;
// a miss, /healthz and everything it does not cache go to the primary's
// front server (which renders once for all workers, through Next.js). The
// data version comes from the primary over IPC, checked at most once a
// second as in one process, so a sync shows in every worker within the same
// second or two. It opens the database only to splice its own search misses
// (given a renderMiss: its entry, scripts/front-worker.ts, gives it the
// app's search splicer, which reads the results on a read connection of its
// own). Stops (the primary's "stop", SIGTERM, SIGINT, or the primary gone)
// finish the requests under way, then exit 0. Started by
// lib/server/workers.ts.
import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import { log } from "@/lib/log";
import { createFrontServer, type FrontOptions } from "./front";
import { graceful } from "./graceful";
import { fromWire, WORKER_CONFIG_ENV, type FrontWorkerConfig, type ToPrimary, type ToWorker } from "./worker-ipc";

const send = (message: ToPrimary) => process.send?.(message);

/** Runs this process as a front worker; `renderMiss`, given the config, makes the misses it answers itself (FrontOptions.renderMiss). */
export function runFrontWorker(renderMiss?: (config: FrontWorkerConfig) => FrontOptions["renderMiss"]): void {
  const config = JSON.parse(process.env[WORKER_CONFIG_ENV] ?? "null") as FrontWorkerConfig | null;
  if (!config) throw new Error(`${WORKER_CONFIG_ENV} is not set: a front worker is started by the primary process`);

  const asked = new Map<number, { resolve: (version: string) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const dataVersion = () =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      asked.set(id, { resolve, reject });
      send({ type: "version?", id });
    });

  const upstream = `http://${config.upstream.host}:${config.upstream.port}`;
  const front = createFrontServer({
    upstream: config.upstream,
    // The primary's front server: its answers carry their security headers already.
    upstreamIsFront: true,
    dataVersion,
    staticDir: config.staticDir,
    // The primary answers it: the database and the schedule are there.
    health: async () => {
      const response = await fetch(`${upstream}/healthz`);
      return { status: response.status, body: await response.json() };
    },
    // Which worker answered, for the operator (and the test that every worker follows a sync).
    worker: cluster.worker?.id,
    renderMiss: renderMiss?.(config),
    onRequest: (entry) => log("info", "request", entry),
  });
  const server = graceful(front);

  let stopping = false;
  const stop = (graceMs: number) => {
    if (stopping) return;
    stopping = true;
    for (const { reject } of asked.values()) reject(new Error("the server is stopping"));
    void server.close(graceMs).finally(() => process.exit(0));
  };

  process.on("message", (message: ToWorker) => {
    if (message.type === "stop") return stop(message.graceMs);
    const waiting = asked.get(message.id);
    if (!waiting) return;
    asked.delete(message.id);
    if ("error" in message) waiting.reject(fromWire(message.error));
    else waiting.resolve(message.version);
  });
  // Ctrl-C and a signal to the whole group reach the workers too; the primary then waits for them.
  process.once("SIGTERM", () => stop(5000));
  process.once("SIGINT", () => stop(5000));
  // The primary is gone: nobody renders misses or says which data is current.
  process.once("disconnect", () => stop(1000));

  const failed = (error: Error) => {
    send({ type: "listen-failed", message: error.message });
    process.exit(1);
  };
  front.once("error", failed);
  front.listen(config.port, config.host, () => {
    front.off("error", failed);
    send({ type: "listening", port: (front.address() as AddressInfo).port });
  });
}
