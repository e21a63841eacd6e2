// What every page's footer shows (the provenance line, the freshness line,
// the sources imported). It took 14 queries on each page; its stored parts
// change only with a sync, and are kept for the data (keptForData, in the
// reads below): a render reads the data key alone. The freshness is worked
// out on each call, since it depends on the time.
import type { ImportedSources } from "@/lib/vocabulary/data-source";
import { getImportedSources, getSourceProvenance, type SourceProvenance } from "./source";
import { describeFreshness, getSyncStatus, type Freshness } from "./sync-runs";

export interface FooterData {
  provenance: SourceProvenance | null;
  freshness: Freshness;
  sources: ImportedSources;
}

export async function getFooterData(intervalSeconds: number, now: Date = new Date()): Promise<FooterData> {
  const [provenance, status, sources] = await Promise.all([getSourceProvenance(intervalSeconds, now), getSyncStatus(), getImportedSources()]);
  return { provenance, freshness: describeFreshness(status, intervalSeconds, now), sources };
}
