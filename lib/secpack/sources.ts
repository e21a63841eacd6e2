// The sources plugged into the sync beyond the core ones (see sync-source.ts
// for how to write one). The CLI passes its options here; a new source adds
// its option to the CLI and one entry to this list.
import { postsSource } from "@/lib/posts/sync-source";
import type { PluggedSource } from "./sync-source";

export interface PluggedSourceOptions {
  /** The Qubes news posts (--posts): a folder, git URL, repository or bundle; null to skip. */
  posts?: string | null;
}

export function pluggedSources(options: PluggedSourceOptions): PluggedSource[] {
  const sources: PluggedSource[] = [];
  if (options.posts) sources.push(postsSource(options.posts));
  return sources;
}
