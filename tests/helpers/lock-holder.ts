// A child process for the sync-lock tests: waits until a given time (so that
// several start at once), tries the sync lock of DATABASE_URL, prints "got"
// or "busy: <message>", holds it for HOLD_MS or until the file RELEASE_FILE
// exists, releases it and exits.
import { existsSync } from "node:fs";
import { createDb } from "@/lib/db";
import { SyncBusyError } from "@/lib/secpack/errors";
import { acquireSyncLock } from "@/lib/secpack/lock";

async function main(): Promise<void> {
  const db = createDb(process.env.DATABASE_URL);
  const startAt = Number(process.env.START_AT ?? 0);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  try {
    const lock = await acquireSyncLock(db, process.env.LOCK_SQLITE_FILE ?? "");
    console.log("got");
    const until = Date.now() + Number(process.env.HOLD_MS ?? 0);
    const releaseFile = process.env.RELEASE_FILE;
    while (Date.now() < until && !(releaseFile && existsSync(releaseFile))) await new Promise((resolve) => setTimeout(resolve, 50));
    await lock.release();
  } catch (error) {
    if (!(error instanceof SyncBusyError)) throw error;
    console.log(`busy: ${error.message}`);
  }
  await db.$disconnect();
}

void main();
