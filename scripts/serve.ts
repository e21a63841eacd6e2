// Serves the built app: Next.js on a loopback port behind the caching front
// server (lib/server/front.ts) on PORT, in this process. `close()` is the
// graceful stop: no new connections, the requests under way are answered,
// then both servers close. The entry point is scripts/start.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import next from "next";
import { createFrontServer, type FrontOptions } from "../lib/server/front";

export interface ServeOptions {
  port: number;
  host: string;
  dataVersion: FrontOptions["dataVersion"];
  health?: FrontOptions["health"];
  onRequest?: FrontOptions["onRequest"];
}

export interface Serving {
  front: http.Server;
  port: number;
  /** Stops accepting, lets the requests under way finish (at most `graceMs`), closes both servers. */
  close(graceMs?: number): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");

export async function serve(options: ServeOptions): Promise<Serving> {
  const app = next({ dev: false, dir: root });
  await app.prepare();
  const handler = app.getRequestHandler();
  const inner = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => inner.listen(0, "127.0.0.1", resolve));
  const upstream = { host: "127.0.0.1", port: (inner.address() as AddressInfo).port };
  const front = createFrontServer({
    upstream,
    dataVersion: options.dataVersion,
    health: options.health,
    onRequest: options.onRequest,
    staticDir: path.join(root, ".next", "static"),
  });
  let closing = false;
  // While closing, every answer ends its connection: keep-alive clients reconnect elsewhere.
  front.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing) res.setHeader("connection", "close");
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(options.port, options.host, () => {
      front.off("error", reject);
      resolve();
    });
  });
  return {
    front,
    port: (front.address() as AddressInfo).port,
    async close(graceMs = 5000) {
      closing = true;
      const closed = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));
      const frontClosed = closed(front);
      front.closeIdleConnections();
      const idle = setInterval(() => front.closeIdleConnections(), 100);
      const deadline = setTimeout(() => front.closeAllConnections(), graceMs);
      await frontClosed;
      clearInterval(idle);
      clearTimeout(deadline);
      const innerClosed = closed(inner);
      inner.closeAllConnections();
      await innerClosed;
      await (app as unknown as { close?: () => Promise<void> }).close?.();
    },
  };
}
