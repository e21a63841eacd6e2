// How a source plugs into the sync's steps (fetch → parse → verify → build →
// store). The core sources (the secpack's bulletins, the XSA tracker, the QSB
// index, Xen's index) are read by the steps in sync-steps.ts; every other
// source is a module that exports one `defineSource({...})` value and is
// listed in the `sources` of the sync options (the CLI builds that list in
// lib/secpack/sources.ts). sync.ts does not change when a source is added.
//
// Each stage of a source gets what the core steps have made so far, so a
// source can read the secpack tree (canaries, tags), the parsed bulletins or
// the built records (to audit against them), and the keyring (to verify its
// own signatures with the same trust rules).
import type { Keyring } from "@/lib/pgp";
import type { BuildResult, BulletinInput, WarningRecord } from "./build";
import type { SecpackTree } from "./source";
import type { SignatureRecord, SourceStateRecord, Tx } from "./store";

/** The named steps of a sync, in order. */
export const SYNC_STEPS = ["fetch", "parse", "verify", "build", "store"] as const;
export type SyncStep = (typeof SYNC_STEPS)[number];

export interface SourceFetchContext {
  /** The secpack tree read by the core fetch step (every file, in full). */
  secpack: SecpackTree;
  /** The data folder (clones, caches), next to the database. */
  dataDir: string;
  progress: (step: string, done: number, total: number) => void;
}

export interface SourceParseContext {
  /** The core parse step's bulletins. */
  bulletins: BulletinInput[];
}

export interface SourceVerifyContext {
  /** The secpack's keyring, with the pinned master's trust rules. */
  keyring: Keyring;
  /** The core verify step's verdicts on the bulletins' signatures. */
  signatures: SignatureRecord[];
}

export interface SourceBuildContext {
  /** The core build step's records (bulletins, advisories, warnings). */
  build: BuildResult;
}

export interface SourceStoreContext {
  now: Date;
}

export interface SourceFetched<F> {
  data: F;
  /**
   * The rows that decide "nothing changed": when every source's sha256 and
   * commit equal the stored ones, the sync writes nothing. A source that is
   * not configured still gives a row (e.g. sha256 "none").
   */
  states: SourceStateRecord[];
}

export interface SourceBuilt<B> {
  records: B;
  /** Stored with the core warnings (a malformed record is kept, with a warning). */
  warnings: WarningRecord[];
  /** Shown in the summary under `sources[name]`. */
  counts: Record<string, number>;
}

/**
 * A source module. `fetch` reads every input in full and throws a
 * SourceError (naming the location) when it cannot, before anything is
 * written; `parse` and `build` are pure; `verify` may check signatures;
 * `clear` and `store` run inside the sync's one write transaction (`clear`
 * before the core tables are emptied, so rows that refer to bulletins go
 * first; `store` after the core tables are written). `clear` gets the built
 * records too, so a source that keeps an earlier sync's rows (its input could
 * not be read) can read them before the core tables are emptied.
 */
export interface SyncSource<F, P, V, B> {
  name: string;
  fetch(ctx: SourceFetchContext): Promise<SourceFetched<F>>;
  parse(data: F, ctx: SourceParseContext): P;
  verify(parsed: P, ctx: SourceVerifyContext): Promise<V>;
  build(verified: V, ctx: SourceBuildContext): SourceBuilt<B>;
  clear(tx: Tx, records: B): Promise<void>;
  store(tx: Tx, records: B, ctx: SourceStoreContext): Promise<void>;
}

// The same source with its types closed over, so the steps can hold a list
// of sources of different types. Each stage returns the next one.
export interface PluggedSource {
  name: string;
  fetch(ctx: SourceFetchContext): Promise<FetchedSource>;
}
export interface FetchedSource {
  name: string;
  states: SourceStateRecord[];
  parse(ctx: SourceParseContext): ParsedSource;
}
export interface ParsedSource {
  name: string;
  verify(ctx: SourceVerifyContext): Promise<VerifiedSource>;
}
export interface VerifiedSource {
  name: string;
  build(ctx: SourceBuildContext): BuiltSource;
}
export interface BuiltSource {
  name: string;
  warnings: WarningRecord[];
  counts: Record<string, number>;
  clear(tx: Tx): Promise<void>;
  store(tx: Tx, ctx: SourceStoreContext): Promise<void>;
}

export function defineSource<F, P, V, B>(source: SyncSource<F, P, V, B>): PluggedSource {
  const { name } = source;
  return {
    name,
    async fetch(fetchCtx) {
      const { data, states } = await source.fetch(fetchCtx);
      return {
        name,
        states,
        parse(parseCtx) {
          const parsed = source.parse(data, parseCtx);
          return {
            name,
            async verify(verifyCtx) {
              const verified = await source.verify(parsed, verifyCtx);
              return {
                name,
                build(buildCtx) {
                  const built = source.build(verified, buildCtx);
                  return {
                    name,
                    warnings: built.warnings,
                    counts: built.counts,
                    clear: (tx) => source.clear(tx, built.records),
                    store: (tx, storeCtx) => source.store(tx, built.records, storeCtx),
                  };
                },
              };
            },
          };
        },
      };
    },
  };
}
