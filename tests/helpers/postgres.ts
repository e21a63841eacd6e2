// PostgreSQL for the tests: one throwaway cluster (lib/database/cluster.ts)
// for the whole run, started by scripts/test.ts, which passes its URL on as
// TEST_POSTGRES_URL (a test file run on its own starts one for itself), and
// one database per test file. Where PostgreSQL is absent, tests that need it
// skip with `postgresSkip`; so do they where TEST_DATABASES leaves it out
// (tests/helpers/databases.ts).
import pg from "pg";
import { postgresMissing, startPostgresCluster, type PostgresCluster } from "@/lib/database/cluster";
import { deselected } from "./databases";

/** Read when used: scripts/test.ts sets it after it started the run's cluster. */
const envUrl = () => process.env.TEST_POSTGRES_URL || null;

/** Why PostgreSQL tests cannot run here, or false. Pass as a test's or describe block's `skip`. */
export const postgresSkip: string | false = deselected("postgresql") || (envUrl() || !postgresMissing ? false : `${postgresMissing}, or set TEST_POSTGRES_URL`);

let ownCluster: Promise<PostgresCluster> | null = null;

/** The run's cluster URL: TEST_POSTGRES_URL, else a cluster of this process's own, stopped when it exits. */
async function clusterUrl(): Promise<string> {
  const given = envUrl();
  if (given) return given;
  ownCluster ??= startPostgresCluster().then((cluster) => {
    process.once("exit", () => cluster.stop());
    return cluster;
  });
  return (await ownCluster).url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let counter = 0;

/** A new empty database on the run's cluster; its URL. `template`: a database to copy. */
export async function createPostgresDatabase(prefix = "tracker_test", template?: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const admin = await clusterUrl();
  const name = `${prefix}_${process.pid}_${++counter}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  await adminQuery(admin, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  return {
    url: withDatabase(admin, name),
    name,
    async drop() {
      await adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Runs statements on a database (simple protocol: several statements at once are fine). */
export async function postgresExec(url: string, sql: string): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(result) ? result : [result];
  } finally {
    await client.end();
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  await postgresExec(url, sql);
}
