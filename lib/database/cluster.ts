// A throwaway PostgreSQL cluster in a temporary folder on a loopback port,
// from Debian's server binaries (initdb and pg_ctl from
// /usr/lib/postgresql/<version>/bin), run as the `postgres` user when we are
// root. For the tests and for writing migrations (`npm run migration:new`
// diffs PostgreSQL schemas through a live server); never for production.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

const SERVER_ROOT = "/usr/lib/postgresql";

function serverBin(): string | null {
  if (!existsSync(SERVER_ROOT)) return null;
  const versions = readdirSync(SERVER_ROOT)
    .filter((v) => existsSync(path.join(SERVER_ROOT, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(SERVER_ROOT, versions[0], "bin") : null;
}

export const POSTGRES_BIN = serverBin();

/** Why no cluster can be started here, or null. */
export const postgresMissing: string | null = POSTGRES_BIN
  ? null
  : `PostgreSQL's server not found (no ${SERVER_ROOT}/<version>/bin/initdb; apt-get install postgresql)`;

export interface PostgresCluster {
  /** A superuser URL of the cluster's `postgres` database. */
  url: string;
  stop(): void;
}

function asServerUser(command: string, args: string[]): { status: number | null; output: string } {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
    : spawnSync(command, args, { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}` };
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts a new cluster in a temporary folder (trust authentication, loopback only, no fsync). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const BIN = POSTGRES_BIN;
  if (!BIN) throw new Error(String(postgresMissing));
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-pg-"));
  if (process.getuid?.() === 0) {
    const { uid, gid } = serverUser();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const init = asServerUser(path.join(BIN, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C"]);
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const port = await freeLoopbackPort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = asServerUser(path.join(BIN, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  if (start.status !== 0) throw new Error(`pg_ctl start failed:\n${start.output}`);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      asServerUser(path.join(BIN, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function serverUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}
