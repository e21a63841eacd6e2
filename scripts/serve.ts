// Serves the built app: Next.js on a loopback port behind the caching front
// server (lib/server/front.ts) on PORT.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import next from "next";
import { getEnv } from "../lib/env";
import { getDataVersion } from "../lib/queries/sync-runs";
import { createFrontServer } from "../lib/server/front";

export async function serve(port: number = getEnv().PORT, host: string = getEnv().HOST): Promise<http.Server> {
  const app = next({ dev: false, dir: path.resolve(import.meta.dirname, "..") });
  await app.prepare();
  const handler = app.getRequestHandler();
  const inner = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => inner.listen(0, "127.0.0.1", resolve));
  const upstream = { host: "127.0.0.1", port: (inner.address() as AddressInfo).port };
  const front = createFrontServer({ upstream, dataVersion: getDataVersion, staticDir: path.resolve(import.meta.dirname, "..", ".next", "static") });
  front.on("close", () => inner.close());
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(port, host, resolve);
  });
  return front;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const env = getEnv();
  serve(env.PORT).then(
    () => console.log(`Advisory Tracker on http://localhost:${env.PORT}`),
    (error: unknown) => {
      console.error(`serve: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
