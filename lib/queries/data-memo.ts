// Reads whose answer changes only with a sync, kept for as long as the data
// does: per database client, under the data key (the last sync run and the
// data version, which a sync that changed data bumps in the same
// transaction). The key is one light statement on the direct read
// connection (lib/database/read-connection.ts), read once per render
// (React's cache: every kept read of one page shares it) and once per call
// elsewhere.
// What a kept read returns is shared by every caller: never mutate it.
import { cache } from "react";
import { readRows } from "@/lib/database/read-connection";
import { getDb } from "@/lib/db";

/** The last sync run and the data version, as one string. */
export const readDataKey = cache(async (): Promise<string> => {
  const rows = await readRows<{ run: number | string | null; version: number | string | null }>(
    `SELECT (SELECT MAX("id") FROM "SyncRun") AS "run", (SELECT "version" FROM "DataVersion" WHERE "id" = 1) AS "version"`,
  );
  return `${rows[0]?.run ?? 0}|${rows[0]?.version ?? 0}`;
});

interface Kept {
  key: string;
  value: Promise<unknown>;
}

// On globalThis, as the client is (lib/db.ts): the server's own modules (which
// read ahead after a sync, warmKeptReads) and the Next.js bundle each have
// their copy of this module, and must keep one set of reads.
const globalForKept = globalThis as unknown as { advisoryTrackerKept?: WeakMap<object, Map<string, Kept>> };
const kept = (globalForKept.advisoryTrackerKept ??= new WeakMap<object, Map<string, Kept>>());

/** Tests that write to the database directly (not as a sync, which moves the data key): the next kept read reads afresh. */
export function forgetKeptData(): void {
  kept.delete(getDb());
}

/**
 * `read()`'s answer for the current data, read again only once the data key
 * moved on (or the client changed: a replaced database file, another test
 * database). `name` tells kept reads apart (with their arguments). A failed
 * read is not kept.
 */
export async function keptForData<T>(name: string, read: () => Promise<T>): Promise<T> {
  const db = getDb();
  const key = await readDataKey();
  let entries = kept.get(db);
  if (!entries) kept.set(db, (entries = new Map<string, Kept>()));
  const found = entries.get(name);
  if (found && found.key === key) return found.value as Promise<T>;
  const value = read();
  const entry = { key, value };
  const map = entries;
  map.set(name, entry);
  value.catch(() => {
    if (map.get(name) === entry) map.delete(name);
  });
  return value;
}
