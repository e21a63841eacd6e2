// The sync's named steps for the core sources, each a function of the step
// before it with a typed result: fetch (read every source in full, before
// any write) → parse (pure) → verify (signatures; an unchanged triple keeps
// its verdict) → build (pure records and the audit) → store (store.ts, one
// transaction). Other sources ride along as plugged sources (sync-source.ts):
// each step runs the same stage of every one of them.
import { bulletinSignatureStatus, keyringFromArmored, loadKeyring, verifyDetached, type Keyring, type SignatureStatus } from "@/lib/pgp";
import { bulletinId } from "@/lib/ids";
import { buildRecords, type BuildResult, type BulletinInput, type WarningRecord } from "./build";
import { parseBulletin } from "./parse-bulletin";
import {
  parseQsbIndex,
  parseXenIndex,
  parseXsaTracker,
  type Parsed as WebsiteParse,
  type QsbIndexEntry,
  type TrackerEntry,
  type XenIndexEntry,
} from "./parse-website";
import { decodeText, sha256Hex } from "./read-text";
import { readSecpack, readSource, type SecpackTree, type SourceFile } from "./source";
import type { PreviousState, SignatureRecord, SourceStateRecord } from "./store";
import type { BuiltSource, FetchedSource, ParsedSource, PluggedSource, VerifiedSource } from "./sync-source";

/**
 * Bump when the parser or the record builder changes what it makes of the
 * same inputs, so that the next sync rewrites the data instead of seeing
 * "nothing changed".
 */
export const IMPORTER_VERSION = "2";

/** Larger files are stored verbatim but not parsed: no real bulletin comes near (the largest is ~20 KB). */
export const MAX_BULLETIN_BYTES = 1024 * 1024;

export interface StepOptions {
  secpack: string;
  xsaTracker: string;
  qsbIndex: string;
  xenIndex: string | null;
  masterFingerprint: string;
  dataDir: string;
  sources: PluggedSource[];
  progress: (step: string, done: number, total: number) => void;
}

// ---- fetch ----------------------------------------------------------------

export interface Fetched {
  tree: SecpackTree;
  tracker: SourceFile;
  index: SourceFile;
  xen: SourceFile | null;
  keyring: Keyring;
  /** Every source's state row, core and plugged: what "nothing changed" compares. */
  states: SourceStateRecord[];
  sources: FetchedSource[];
}

export async function fetchStep(options: StepOptions): Promise<Fetched> {
  options.progress("secpack", 0, 1);
  const tree = await readSecpack(options.secpack, options.dataDir);
  const tracker = await readSource(options.xsaTracker, "XSA tracker");
  const index = await readSource(options.qsbIndex, "QSB index");
  const xen = options.xenIndex ? await readSource(options.xenIndex, "Xen XSA index") : null;
  const keyOptions = { masterFingerprint: options.masterFingerprint };
  const keyring = tree.keyFiles
    ? await keyringFromArmored(tree.keyFiles.map((f) => ({ path: f.path, armored: f.bytes })), keyOptions)
    : await loadKeyring(tree.keysDir, keyOptions);
  const sources: FetchedSource[] = [];
  for (const source of options.sources) {
    sources.push(await source.fetch({ secpack: tree, dataDir: options.dataDir, progress: options.progress }));
  }
  const states = [...coreStates(tree, keyring, options.secpack, tracker, index, xen), ...sources.flatMap((s) => s.states)];
  return { tree, tracker, index, xen, keyring, states, sources };
}

function coreStates(
  tree: SecpackTree,
  keyring: Keyring,
  secpackLocation: string,
  tracker: SourceFile,
  index: SourceFile,
  xen: SourceFile | null,
): SourceStateRecord[] {
  const files = tree.bulletins
    .flatMap((b) => [`${b.sourcePath}:${b.sha256}`, ...b.signatures.map((s) => `QSBs/${s.fileName}:${s.sha256}`)])
    .sort()
    .join("\n");
  const notes = tree.notes.map((n) => n.message).join("\n");
  return [
    { name: "importer", location: "lib/secpack", sha256: IMPORTER_VERSION, commit: null },
    { name: "secpack", location: secpackLocation, sha256: sha256Hex(`${files}\n${notes}`), commit: tree.commit },
    { name: "keyring", location: tree.keysDir, sha256: keyring.hash, commit: null },
    { name: "xsa-tracker", location: tracker.location, sha256: tracker.sha256, commit: null },
    { name: "qsb-index", location: index.location, sha256: index.sha256, commit: null },
    { name: "xen-index", location: xen?.location ?? "none", sha256: xen?.sha256 ?? "none", commit: null },
  ];
}

/** True when every source's state equals the stored one: the sync then writes nothing. */
export function unchangedSince(states: SourceStateRecord[], stored: SourceStateRecord[]): boolean {
  const storedByName = new Map(stored.map((s) => [s.name, s]));
  return (
    stored.length === states.length &&
    states.every((s) => storedByName.get(s.name)?.sha256 === s.sha256 && storedByName.get(s.name)?.commit === s.commit)
  );
}

// ---- parse ----------------------------------------------------------------

export interface Parsed {
  tracker: WebsiteParse<TrackerEntry>;
  index: WebsiteParse<QsbIndexEntry>;
  xen: WebsiteParse<XenIndexEntry> | null;
  bulletins: BulletinInput[];
  sources: ParsedSource[];
}

export function parseStep(fetched: Fetched): Parsed {
  const tracker = parseXsaTracker(fetched.tracker.bytes.toString("utf8"), fetched.tracker.location);
  const index = parseQsbIndex(fetched.index.bytes.toString("utf8"), fetched.index.location);
  const xen = fetched.xen ? parseXenIndex(fetched.xen.bytes.toString("utf8"), fetched.xen.location) : null;
  // A bad bulletin is kept with a warning.
  const bulletins: BulletinInput[] = fetched.tree.bulletins.map((file) => {
    const decoded = decodeText(file.bytes);
    const fileWarnings: string[] = [];
    if (file.bytes.length === 0) fileWarnings.push("the file is empty");
    if (decoded.problem) fileWarnings.push(`the file ${decoded.problem}`);
    let parsed;
    if (file.bytes.length > MAX_BULLETIN_BYTES) {
      fileWarnings.push(
        `the file is ${(file.bytes.length / 1024 / 1024).toFixed(1)} MB, over the ${MAX_BULLETIN_BYTES / 1024 / 1024} MB a bulletin can be; stored verbatim, not parsed`,
      );
      parsed = { ...parseBulletin("", file.fileName), warnings: [] };
    } else {
      parsed = parseBulletin(decoded.text, file.fileName);
    }
    return {
      number: file.number,
      fileName: file.fileName,
      sourcePath: file.sourcePath,
      year: file.year,
      rawText: decoded.text,
      sha256: file.sha256,
      parsed,
      fileWarnings,
    };
  });
  const sources = fetched.sources.map((s) => s.parse({ bulletins }));
  return { tracker, index, xen, bulletins, sources };
}

// ---- verify ---------------------------------------------------------------

export interface Verified {
  signatures: SignatureRecord[];
  /** Each bulletin's overall status from its signatures' verdicts. */
  signatureStatus: Map<number, string>;
  /** How many signatures were verified in this run (the others kept their verdict). */
  verifiedNow: number;
  sources: VerifiedSource[];
}

export async function verifyStep(
  fetched: Fetched,
  parsed: Parsed,
  previous: PreviousState,
  progress: StepOptions["progress"],
): Promise<Verified> {
  const { tree, keyring } = fetched;
  const signatures: SignatureRecord[] = [];
  const statusesByBulletin = new Map<number, SignatureStatus[]>();
  const total = tree.bulletins.reduce((n, b) => n + b.signatures.length, 0);
  let done = 0;
  let verifiedNow = 0;
  for (const file of tree.bulletins) {
    const statuses: SignatureStatus[] = [];
    for (const sig of file.signatures) {
      // An unchanged (file, signature, keyring) triple keeps its verdict.
      const verifiedInput = sha256Hex(`${file.sha256}:${sig.sha256}:${keyring.hash}`);
      const before = previous.signatures.get(sig.fileName);
      let record: SignatureRecord;
      if (before && before.verifiedInput === verifiedInput && before.status !== "pending") {
        record = { ...before, bulletinNumber: file.number, verifiedInput };
      } else {
        const verdict = await verifyDetached(file.bytes, sig.bytes, keyring);
        verifiedNow++;
        record = {
          bulletinNumber: file.number,
          fileName: sig.fileName,
          signer: sig.signer,
          sha256: sig.sha256,
          status: verdict.status,
          reason: verdict.reason,
          fingerprint: verdict.fingerprint,
          issuerKeyId: verdict.issuerKeyId,
          createdAt: verdict.createdAt,
          hashAlgorithm: verdict.hashAlgorithm,
          weakHash: verdict.weakHash,
          certifiedByMaster: verdict.certifiedByMaster,
          signerUserId: verdict.signerUserId,
          verifiedInput,
        };
      }
      signatures.push(record);
      statuses.push(record.status as SignatureStatus);
      progress("signatures", ++done, total);
    }
    statusesByBulletin.set(file.number, statuses);
  }
  const signatureStatus = new Map(
    tree.bulletins.map((b) => [b.number, bulletinSignatureStatus(statusesByBulletin.get(b.number) ?? [])]),
  );
  const sources: VerifiedSource[] = [];
  for (const source of parsed.sources) sources.push(await source.verify({ keyring, signatures }));
  return { signatures, signatureStatus, verifiedNow, sources };
}

// ---- build ----------------------------------------------------------------

/** What a sync counts, in its summary and its SyncRun row. */
export interface SyncCounts {
  bulletins: number;
  bulletinsAdded: number;
  bulletinsUpdated: number;
  bulletinsUnchanged: number;
  advisories: number;
  covers: number;
  references: number;
  fixes: number;
  signatures: number;
  signaturesVerified: number;
  signaturesReused: number;
  keys: number;
  warnings: number;
}

export interface Built {
  build: BuildResult;
  counts: SyncCounts;
  sources: BuiltSource[];
}

export function buildStep(fetched: Fetched, parsed: Parsed, verified: Verified, previous: PreviousState): Built {
  const build = buildRecords({
    bulletins: parsed.bulletins,
    tracker: parsed.tracker.entries,
    index: parsed.index.entries,
    xen: parsed.xen?.entries ?? null,
  });
  const sources = verified.sources.map((s) => s.build({ build }));
  build.warnings.unshift(...sourceWarnings(fetched, parsed, previous), ...sources.flatMap((s) => s.warnings));

  const added = build.bulletins.filter((b) => !previous.bulletins.has(b.number)).length;
  const updated = build.bulletins.filter(
    (b) => previous.bulletins.has(b.number) && previous.bulletins.get(b.number)?.sha256 !== b.sha256,
  ).length;
  const { signatures, verifiedNow } = verified;
  const counts: SyncCounts = {
    bulletins: build.bulletins.length,
    bulletinsAdded: added,
    bulletinsUpdated: updated,
    bulletinsUnchanged: build.bulletins.length - added - updated,
    advisories: build.advisories.length,
    covers: build.links.filter((l) => l.relation === "covers").length,
    references: build.links.filter((l) => l.relation === "references").length,
    fixes: build.bulletins.reduce((n, b) => n + b.fixes.length, 0),
    signatures: signatures.length,
    signaturesVerified: verifiedNow,
    signaturesReused: signatures.length - verifiedNow,
    keys: fetched.keyring.keys.length,
    warnings: build.warnings.length,
  };
  return { build, counts, sources };
}

/** The tree's, the indexes' and the keyring's notes, and bulletins that left the secpack. */
function sourceWarnings(fetched: Fetched, parsed: Parsed, previous: PreviousState): WarningRecord[] {
  const warning = (message: string, file: string | null = null): WarningRecord => ({
    kind: "source",
    bulletinNumber: null,
    advisoryNumber: null,
    file,
    line: null,
    message,
  });
  const warnings = [
    ...fetched.tree.notes.map((n) => warning(n.message, n.file)),
    ...[...parsed.tracker.warnings, ...parsed.index.warnings, ...(parsed.xen?.warnings ?? []), ...fetched.keyring.notes].map(
      (message) => warning(message),
    ),
  ];
  const present = new Set(fetched.tree.bulletins.map((b) => b.number));
  for (const number of previous.bulletins.keys()) {
    if (present.has(number)) continue;
    warnings.push(warning(`${bulletinId(number)} is no longer in the secpack; it was removed from the database as well`));
  }
  return warnings;
}
