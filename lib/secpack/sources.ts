// The sources plugged into the sync beyond the core ones (see sync-source.ts
// for how to write one). The CLI passes its options here; a new source adds
// its option to PluggedSourceOptions, the CLI, and one entry to this list.
import { canariesSource } from "@/lib/canary/sync-source";
import { postsSource } from "@/lib/posts/sync-source";
import { historySource } from "./history-source";
import { supportedReleasesSource } from "./supported-releases-source";
import type { PluggedSource } from "./sync-source";
import { secpackTagsSource } from "./tags";

export interface PluggedSourceOptions {
  /** The supported-releases page (file or URL); null: not read (support reads "not known"). */
  supportedReleases?: string | null;
  /** The Qubes news posts (--posts): a folder, git URL, repository or bundle; null to skip. */
  posts?: string | null;
  /** The website's canary list (--canary-index): file or URL; null: the canaries are not compared with it. */
  canaryIndex?: string | null;
}

export function pluggedSources(options: PluggedSourceOptions = {}): PluggedSource[] {
  // The secpack's signed tags always: they say what vouches for the synced commit.
  // The bulletins' revision history always (a plain folder gives none, said so on the pages).
  const sources: PluggedSource[] = [secpackTagsSource, historySource, supportedReleasesSource(options.supportedReleases ?? null)];
  // The canaries always (from the secpack tree); the website's list only when given.
  sources.push(canariesSource(options.canaryIndex ?? null));
  if (options.posts) sources.push(postsSource(options.posts));
  return sources;
}
