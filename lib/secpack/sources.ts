// The sources plugged into the sync beyond the core ones (see sync-source.ts
// for how to write one). The CLI passes its options here; a new source adds
// its option to the CLI and one entry to this list.
import type { PluggedSource } from "./sync-source";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- each source adds its option here
export interface PluggedSourceOptions {}

export function pluggedSources(_options: PluggedSourceOptions): PluggedSource[] {
  return [];
}
