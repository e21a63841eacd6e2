// Serves the built app: Next.js on a loopback port behind the caching front
// server (lib/server/front.ts). With workers (WEB_WORKERS, one per core by
// default), that front server listens on loopback too and renders misses once
// for all, and the workers (lib/server/front-worker.ts, started from
// scripts/front-worker.ts) answer PORT from their own caches and splice their
// own search misses; with none, it listens on PORT itself. `close()` is the
// graceful stop: no new connections, the requests under way are answered
// (the workers' first, then the primary's), then everything closes. The entry
// point is scripts/start.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import next from "next";
import { createFrontServer, type FrontOptions } from "../lib/server/front";
import { graceful } from "../lib/server/graceful";
import { startWorkers, type WorkerPool } from "../lib/server/workers";
import { createAppSearchSplicer } from "./search-splicer";

export interface ServeOptions {
  port: number;
  host: string;
  /** Front worker processes on `port`; 0: this process answers it. */
  workers: number;
  /** Unique searches spliced from a template page (lib/server/search-splice.ts) rather than rendered each. */
  searchSplice?: boolean;
  dataVersion: FrontOptions["dataVersion"];
  health?: FrontOptions["health"];
  onRequest?: FrontOptions["onRequest"];
}

export interface Serving {
  port: number;
  workers: number;
  /** Stops accepting, lets the requests under way finish (at most `graceMs`), closes every server. */
  close(graceMs?: number): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");

/** The worker's entry beside this module: the sources under tsx, the compiled copy in dist/ (scripts/build.ts). */
function workerEntry(): string {
  return import.meta.filename.endsWith(".ts") ? path.join(root, "scripts", "front-worker.ts") : path.join(import.meta.dirname, "front-worker.mjs");
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const app = next({ dev: false, dir: root });
  await app.prepare();
  const handler = app.getRequestHandler();
  const inner = http.createServer((req, res) => void handler(req, res));
  const innerPort = await listen(inner, 0, "127.0.0.1");
  const staticDir = path.join(root, ".next", "static");
  const nextServer = { host: "127.0.0.1", port: innerPort };
  const front = createFrontServer({
    upstream: nextServer,
    dataVersion: options.dataVersion,
    // Behind workers this server sees only their misses; each says which data
    // version its worker read (DATA_VERSION_HEADER), and this server reads its
    // own again when that is another, so it never answers from an older one.
    health: options.health,
    // Behind workers, they log each request (this server sees only their misses).
    onRequest: options.workers > 0 ? undefined : options.onRequest,
    staticDir,
    // Unique searches without a React render each (search-splice.ts); SEARCH_SPLICE=0 turns it off.
    renderMiss: options.searchSplice ? createAppSearchSplicer(nextServer) : undefined,
  });
  const frontStop = graceful(front);
  let pool: WorkerPool | null = null;
  let port: number;
  if (options.workers > 0) {
    const frontPort = await listen(front, 0, "127.0.0.1");
    try {
      pool = await startWorkers({
        count: options.workers,
        exec: workerEntry(),
        port: options.port,
        host: options.host,
        upstream: { host: "127.0.0.1", port: frontPort },
        staticDir,
        // A worker that splices its own search misses takes its templates from Next.js itself.
        next: options.searchSplice ? nextServer : undefined,
        dataVersion: options.dataVersion,
      });
    } catch (error) {
      front.close();
      inner.close();
      throw error;
    }
    port = pool.port;
  } else {
    port = await listen(front, options.port, options.host);
  }
  return {
    port,
    workers: options.workers,
    async close(graceMs = 5000) {
      // The workers' requests under way may still need the primary (a miss being rendered): it stops last.
      await pool?.close(graceMs);
      await frontStop.close(graceMs);
      const innerClosed = new Promise<void>((resolve) => inner.close(() => resolve()));
      inner.closeAllConnections();
      await innerClosed;
      await (app as unknown as { close?: () => Promise<void> }).close?.();
    },
  };
}
