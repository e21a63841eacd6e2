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

/** A group of kept reads with an argument from the request (keptForDataEach): its data key, its members and their weight. */
interface KeptGroup {
  key: string;
  members: Map<string, Promise<unknown>>;
  weight: number;
}

const globalForGroups = globalThis as unknown as { advisoryTrackerKeptGroups?: WeakMap<object, Map<string, KeptGroup>> };
const groups = (globalForGroups.advisoryTrackerKeptGroups ??= new WeakMap<object, Map<string, KeptGroup>>());

/**
 * State kept across data versions by a read that patches it with what a sync
 * changed (lib/queries/search-postings.ts), per database client and name;
 * forgotten with the rest by forgetKeptData.
 */
const globalForCarried = globalThis as unknown as { advisoryTrackerCarried?: WeakMap<object, Map<string, unknown>> };
const carried = (globalForCarried.advisoryTrackerCarried ??= new WeakMap<object, Map<string, unknown>>());

export function carriedState<T>(name: string, init: () => T): T {
  const db = getDb();
  let states = carried.get(db);
  if (!states) carried.set(db, (states = new Map<string, unknown>()));
  if (!states.has(name)) states.set(name, init());
  return states.get(name) as T;
}

/** Tests that write to the database directly (not as a sync, which moves the data key): the next kept read reads afresh. */
export function forgetKeptData(): void {
  kept.delete(getDb());
  groups.delete(getDb());
  carried.delete(getDb());
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

/**
 * `read(name)`'s answer for each name, kept for the current data as
 * keptForData keeps one (the data key read once for all of them), in a
 * group bounded by weight: what a request names (a search's words) is not
 * bounded, so once the weights of the kept answers (one each, plus what
 * `weigh` says: a search word's rows, say) add up past `limit` the group
 * starts again empty.
 */
export async function keptForDataEach<T>(group: string, names: readonly string[], read: (name: string) => Promise<T>, weigh: (value: T) => number, limit: number): Promise<T[]> {
  const db = getDb();
  const key = await readDataKey();
  let byGroup = groups.get(db);
  if (!byGroup) groups.set(db, (byGroup = new Map<string, KeptGroup>()));
  let current = byGroup.get(group);
  if (!current || current.key !== key) byGroup.set(group, (current = { key, members: new Map(), weight: 0 }));
  const into = current;
  return Promise.all(
    names.map((name) => {
      const found = into.members.get(name);
      if (found) return found as Promise<T>;
      if (into.weight >= limit) {
        into.members.clear();
        into.weight = 0;
      }
      const value = read(name);
      into.members.set(name, value);
      value.then(
        (answer) => {
          if (into.members.get(name) === value) into.weight += 1 + weigh(answer);
        },
        () => {
          if (into.members.get(name) === value) into.members.delete(name);
        },
      );
      return value;
    }),
  );
}
