// The sync pipeline: read every source (stop before any write if one fails)
// → parse (pure) → verify signatures (only what changed) → build records
// (pure) → store (one transaction). A second run over the same inputs writes
// nothing.
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bulletinSignatureStatus, loadKeyring, verifyDetached, type Keyring, type SignatureStatus } from "@/lib/pgp";
import { bulletinId } from "@/lib/ids";
import { buildRecords, type BulletinInput, type WarningRecord } from "./build";
import { acquireLock } from "./lock";
import { parseBulletin } from "./parse-bulletin";
import { parseQsbIndex, parseXenIndex, parseXsaTracker } from "./parse-website";
import { decodeText, sha256Hex } from "./read-text";
import { readSecpackTree, readSource, resolveSecpack, type SecpackTree } from "./source";
import { recordFailedRun, storeSync, type SignatureRecord, type SourceStateRecord, type StoreInput } from "./store";

/**
 * Bump when the parser or the record builder changes what it makes of the
 * same inputs, so that the next sync rewrites the data instead of seeing
 * "nothing changed".
 */
export const IMPORTER_VERSION = "2";

/** Larger files are stored verbatim but not parsed: no real bulletin comes near (the largest is ~20 KB). */
export const MAX_BULLETIN_BYTES = 1024 * 1024;

export interface SyncOptions {
  secpack: string;
  xsaTracker: string;
  qsbIndex: string;
  /** null: no Xen index (titles and CVEs stay unknown). */
  xenIndex: string | null;
  masterFingerprint: string;
  /** Where a git secpack is cloned, and the lock lives. */
  dataDir: string;
  /** The SQLite file, for the lock's name. */
  databaseFile: string;
  onProgress?: (step: string, done: number, total: number) => void;
  /** Test hook, awaited inside the write transaction. */
  midway?: () => Promise<void>;
}

export interface SyncSummary {
  status: "updated" | "unchanged";
  startedAt: string;
  finishedAt: string;
  secpack: { location: string; root: string; commit: string | null };
  counts: Record<string, number>;
  signatures: Record<string, number>;
  warnings: { kind: string; message: string }[];
  syncRunId: number | null;
}

export async function runSync(db: PrismaClient, options: SyncOptions): Promise<SyncSummary> {
  const lock = acquireLock(`${path.resolve(options.databaseFile)}.sync.lock`);
  const startedAt = new Date();
  const runInfo: StoreInput["run"] = {
    startedAt,
    secpackSource: options.secpack,
    trackerSource: options.xsaTracker,
    qsbIndexSource: options.qsbIndex,
    xenIndexSource: options.xenIndex,
    counts: {},
  };
  try {
    return await syncLocked(db, options, startedAt, runInfo);
  } catch (error) {
    await recordFailedRun(db, { ...runInfo, error: (error as Error).message }).catch(() => undefined);
    throw error;
  } finally {
    lock.release();
  }
}

async function syncLocked(
  db: PrismaClient,
  options: SyncOptions,
  startedAt: Date,
  runInfo: StoreInput["run"],
): Promise<SyncSummary> {
  const progress = options.onProgress ?? (() => undefined);

  // 1. Read: every source in full, before any write.
  progress("secpack", 0, 1);
  const { root, commit } = await resolveSecpack(options.secpack, path.join(options.dataDir, "qubes-secpack"));
  const tree = readSecpackTree(root, commit, options.secpack);
  const trackerFile = await readSource(options.xsaTracker, "XSA tracker");
  const indexFile = await readSource(options.qsbIndex, "QSB index");
  const xenFile = options.xenIndex ? await readSource(options.xenIndex, "Xen XSA index") : null;
  const tracker = parseXsaTracker(trackerFile.bytes.toString("utf8"), trackerFile.location);
  const index = parseQsbIndex(indexFile.bytes.toString("utf8"), indexFile.location);
  const xen = xenFile ? parseXenIndex(xenFile.bytes.toString("utf8"), xenFile.location) : null;
  const keyring = await loadKeyring(tree.keysDir, { masterFingerprint: options.masterFingerprint });

  // 2. Nothing changed since the last sync? Then write nothing.
  const sources = sourceStates(tree, keyring, options, trackerFile, indexFile, xenFile);
  const stored = await db.sourceState.findMany();
  const storedByName = new Map(stored.map((s) => [s.name, s]));
  const unchanged =
    stored.length === sources.length &&
    sources.every((s) => storedByName.get(s.name)?.sha256 === s.sha256 && storedByName.get(s.name)?.commit === s.commit);

  if (unchanged) {
    const counts = await currentCounts(db);
    const signatureRows = await db.signature.groupBy({ by: ["status"], _count: true });
    return {
      status: "unchanged",
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      secpack: { location: options.secpack, root, commit },
      counts: { ...counts, bulletinsAdded: 0, bulletinsUpdated: 0, bulletinsUnchanged: counts.bulletins ?? 0 },
      signatures: Object.fromEntries(signatureRows.map((r) => [r.status, r._count])),
      warnings: (await db.warning.findMany({ select: { kind: true, message: true }, orderBy: { id: "asc" } })),
      syncRunId: null,
    };
  }

  const previousBulletins = await db.bulletin.findMany({ select: { number: true, sha256: true, importedAt: true, updatedAt: true } });
  const previous = new Map(previousBulletins.map((b) => [b.number, b]));

  // 3. Parse every bulletin (cheap and pure); a bad one is kept with a warning.
  const inputs: BulletinInput[] = tree.bulletins.map((file) => {
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
  const build = buildRecords({ bulletins: inputs, tracker: tracker.entries, index: index.entries, xen: xen?.entries ?? null });

  const sourceWarnings: WarningRecord[] = [
    ...tree.notes.map((n) => ({ kind: "source" as const, bulletinNumber: null, advisoryNumber: null, file: n.file, line: null, message: n.message })),
    ...[...tracker.warnings, ...index.warnings, ...(xen?.warnings ?? []), ...keyring.notes].map((message) => ({
      kind: "source" as const,
      bulletinNumber: null,
      advisoryNumber: null,
      file: null,
      line: null,
      message,
    })),
  ];
  const present = new Set(tree.bulletins.map((b) => b.number));
  for (const number of previous.keys()) {
    if (present.has(number)) continue;
    sourceWarnings.push({
      kind: "source",
      bulletinNumber: null,
      advisoryNumber: null,
      file: null,
      line: null,
      message: `${bulletinId(number)} is no longer in the secpack; it was removed from the database as well`,
    });
  }
  build.warnings.unshift(...sourceWarnings);

  // 4. Verify signatures; an unchanged (file, signature, keyring) triple keeps its verdict.
  const previousSignatures = new Map((await db.signature.findMany()).map((s) => [s.fileName, s]));
  const signatures: SignatureRecord[] = [];
  const statusesByBulletin = new Map<number, SignatureStatus[]>();
  const total = tree.bulletins.reduce((n, b) => n + b.signatures.length, 0);
  let done = 0;
  let verifiedNow = 0;
  for (const file of tree.bulletins) {
    const statuses: SignatureStatus[] = [];
    for (const sig of file.signatures) {
      const verifiedInput = sha256Hex(`${file.sha256}:${sig.sha256}:${keyring.hash}`);
      const before = previousSignatures.get(sig.fileName);
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

  // 5. Store, in one transaction.
  const added = build.bulletins.filter((b) => !previous.has(b.number)).length;
  const updated = build.bulletins.filter((b) => previous.has(b.number) && previous.get(b.number)?.sha256 !== b.sha256).length;
  const counts: Record<string, number> = {
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
    keys: keyring.keys.length,
    warnings: build.warnings.length,
  };
  const syncRunId = await storeSync(db, {
    build,
    secpackCommit: commit,
    signatures,
    signatureStatus,
    keys: keyring.keys.map((k) => ({ ...k })),
    sources,
    previous,
    run: { ...runInfo, counts },
    now: new Date(),
    midway: options.midway,
  });

  const bySignatureStatus: Record<string, number> = {};
  for (const s of signatures) bySignatureStatus[s.status] = (bySignatureStatus[s.status] ?? 0) + 1;
  return {
    status: "updated",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    secpack: { location: options.secpack, root, commit },
    counts,
    signatures: bySignatureStatus,
    warnings: build.warnings.map((w) => ({ kind: w.kind, message: w.message })),
    syncRunId,
  };
}

function sourceStates(
  tree: SecpackTree,
  keyring: Keyring,
  options: SyncOptions,
  tracker: { location: string; sha256: string },
  index: { location: string; sha256: string },
  xen: { location: string; sha256: string } | null,
): SourceStateRecord[] {
  const files = tree.bulletins
    .flatMap((b) => [`${b.sourcePath}:${b.sha256}`, ...b.signatures.map((s) => `QSBs/${s.fileName}:${s.sha256}`)])
    .sort()
    .join("\n");
  const notes = tree.notes.map((n) => n.message).join("\n");
  return [
    { name: "importer", location: "lib/secpack", sha256: IMPORTER_VERSION, commit: null },
    { name: "secpack", location: options.secpack, sha256: sha256Hex(`${files}\n${notes}`), commit: tree.commit },
    { name: "keyring", location: tree.keysDir, sha256: keyring.hash, commit: null },
    { name: "xsa-tracker", location: tracker.location, sha256: tracker.sha256, commit: null },
    { name: "qsb-index", location: index.location, sha256: index.sha256, commit: null },
    { name: "xen-index", location: xen?.location ?? "none", sha256: xen?.sha256 ?? "none", commit: null },
  ];
}

async function currentCounts(db: PrismaClient): Promise<Record<string, number>> {
  const [bulletins, advisories, covers, references, fixes, signatures, keys, warnings] = await Promise.all([
    db.bulletin.count(),
    db.advisory.count(),
    db.bulletinAdvisory.count({ where: { relation: "covers" } }),
    db.bulletinAdvisory.count({ where: { relation: "references" } }),
    db.fix.count(),
    db.signature.count(),
    db.signingKey.count(),
    db.warning.count(),
  ]);
  return { bulletins, advisories, covers, references, fixes, signatures, keys, warnings };
}
