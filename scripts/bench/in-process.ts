// The app's own reads, in this process, on a bench database: the bench read
// its environment before (getEnv() keeps it, with the default DATABASE_URL,
// file:./data/tracker.db, relative to a folder that need not exist), so the
// new DATABASE_URL is read again and the shared client reopened on it, as
// tests' useDatabase does.
import { closeDb } from "../../lib/db";
import { reloadEnv } from "../../lib/env";

export async function openBenchDatabase(database: string): Promise<void> {
  process.env.DATABASE_URL = `file:${database}`;
  reloadEnv();
  await closeDb();
}

/** CPU time (user + system, every thread of this process) of one call, in ms. */
export async function cpuMs(run: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
