// The sources plugged into the sync beyond the core ones (see sync-source.ts
// for how to write one). The CLI passes its options here; a new source adds
// its option to the CLI and one entry to this list.
import { supportedReleasesSource } from "./supported-releases-source";
import type { PluggedSource } from "./sync-source";

export interface PluggedSourceOptions {
  /** The supported-releases page (file or URL); null: not read. */
  supportedReleases: string | null;
}

export function pluggedSources(options: PluggedSourceOptions): PluggedSource[] {
  return [supportedReleasesSource(options.supportedReleases)];
}
