// What every page's footer shows (the provenance line, the freshness line,
// the sources imported), read once per sync rather than once per render: it
// took 14 queries on each page. The stored parts change only with a sync run
// (a new SyncRun row) or a data change (the data version), so they are kept
// for that pair, per database client; the freshness is worked out from them
// on each call, since it depends on the time.
import { getDb } from "@/lib/db";
import type { ImportedSources } from "@/lib/vocabulary/data-source";
import { getImportedSources, getSourceProvenance, type SourceProvenance } from "./source";
import { describeFreshness, getSyncStatus, type Freshness, type SyncStatus } from "./sync-runs";

export interface FooterData {
  provenance: SourceProvenance | null;
  freshness: Freshness;
  sources: ImportedSources;
}

interface Stored {
  key: string;
  interval: number;
  value: Promise<{ provenance: SourceProvenance | null; status: SyncStatus; sources: ImportedSources }>;
}

const stored = new WeakMap<object, Stored>();

/** The last sync run and the data version: what the footer's stored parts follow. */
async function footerKey(): Promise<string> {
  const rows = await getDb().$queryRaw<{ run: number | bigint | null; version: number | bigint | null }[]>`
    SELECT (SELECT MAX("id") FROM "SyncRun") AS "run", (SELECT "version" FROM "DataVersion" WHERE "id" = 1) AS "version"`;
  return `${rows[0]?.run ?? 0}|${rows[0]?.version ?? 0}`;
}

export async function getFooterData(intervalSeconds: number, now: Date = new Date()): Promise<FooterData> {
  const db = getDb();
  const key = await footerKey();
  let entry = stored.get(db);
  if (!entry || entry.key !== key || entry.interval !== intervalSeconds) {
    const value = Promise.all([getSourceProvenance(intervalSeconds), getSyncStatus(), getImportedSources()]).then(([provenance, status, sources]) => ({ provenance, status, sources }));
    entry = { key, interval: intervalSeconds, value };
    stored.set(db, entry);
    // A failed read is not kept: the next render reads again.
    value.catch(() => {
      if (stored.get(db) === entry) stored.delete(db);
    });
  }
  const { provenance, status, sources } = await entry.value;
  const freshness = describeFreshness(status, intervalSeconds, now);
  return { provenance: provenance && { ...provenance, freshness }, freshness, sources };
}
