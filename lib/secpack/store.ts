// The importer's one write step: everything a sync learnt, written in a single
// transaction. The data tables are rebuilt from the records (they are small),
// keeping each bulletin's first-import time and the signature verdicts that
// did not need to be reached again. A run killed midway leaves the database
// as it was: the database rolls the open transaction back. The data version
// (the DataVersion row every instance's cache follows) is bumped in the same
// transaction, so it moves exactly when the data does.
import type { PrismaClient, Signature } from "@/lib/generated/prisma/client";
import type { SignatureVerdict } from "@/lib/pgp";
import type { BuildResult } from "./build";
import { branchOf } from "@/lib/rpm/branches";
import { toFixView } from "@/lib/queries/fixes";
import { releaseMinimumRecords } from "@/lib/queries/release-minimums";
import type { BuiltSource } from "./sync-source";

/** A signature file and its verdict, as stored. */
export interface SignatureRecord extends Omit<SignatureVerdict, "status"> {
  bulletinNumber: number;
  fileName: string;
  signer: string;
  sha256: string;
  /** A SignatureStatus; a string here because a reused verdict comes back from the database. */
  status: string;
  verifiedInput: string;
}

export interface KeyRecord {
  fingerprint: string;
  keyId: string;
  userIds: string[];
  sourcePath: string;
  createdAt: Date | null;
  certifiedByMaster: boolean;
  isMaster: boolean;
}

export interface SourceStateRecord {
  name: string;
  location: string;
  sha256: string;
  commit: string | null;
}

export interface StoreInput {
  build: BuildResult;
  secpackCommit: string | null;
  signatures: SignatureRecord[];
  signatureStatus: Map<number, string>;
  keys: KeyRecord[];
  sources: SourceStateRecord[];
  /** Previous import times, by bulletin number, kept for bulletins whose file did not change. */
  previous: Map<number, { sha256: string; importedAt: Date; updatedAt: Date }>;
  run: {
    startedAt: Date;
    secpackSource: string;
    trackerSource: string;
    qsbIndexSource: string;
    xenIndexSource: string | null;
    counts: Record<string, number>;
  };
  now: Date;
  /** The plugged sources' records, cleared and written in the same transaction. */
  plugged: BuiltSource[];
  /** Test hook: awaited in the middle of the transaction. */
  midway?: () => Promise<void>;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function storeSync(db: PrismaClient, input: StoreInput): Promise<number> {
  const { build } = input;
  return db.$transaction(
    async (tx) => {
      // A plugged source's rows may refer to the core rows: they go first.
      for (const source of [...input.plugged].reverse()) await source.clear(tx);
      await clearData(tx);

      await tx.bulletin.createMany({
        data: build.bulletins.map((b) => {
          const before = input.previous.get(b.number);
          const unchanged = before?.sha256 === b.sha256;
          return {
            number: b.number,
            fileName: b.fileName,
            sourcePath: b.sourcePath,
            secpackCommit: input.secpackCommit,
            date: b.date,
            title: b.title,
            titleSource: b.titleSource,
            rawText: b.rawText,
            sha256: b.sha256,
            signatureStatus: input.signatureStatus.get(b.number) ?? "unsigned",
            importedAt: before?.importedAt ?? input.now,
            updatedAt: unchanged ? before.updatedAt : input.now,
          };
        }),
      });
      await tx.bulletinChange.createMany({
        data: build.bulletins.flatMap((b) =>
          b.changes.map((c, position) => ({ bulletinNumber: b.number, position, date: c.date, text: c.text })),
        ),
      });
      await tx.bulletinAction.createMany({
        data: build.bulletins.flatMap((b) => b.actions.map((a) => ({ bulletinNumber: b.number, action: a.action, detail: a.detail }))),
      });
      await tx.bulletinUrl.createMany({
        data: build.bulletins.flatMap((b) => b.urls.map((u) => ({ bulletinNumber: b.number, label: u.label, url: u.url }))),
      });
      await tx.bulletinReference.createMany({
        data: build.bulletins.flatMap((b) => b.references.map((to) => ({ fromNumber: b.number, toNumber: to }))),
      });

      if (input.midway) await input.midway();

      await tx.advisory.createMany({
        data: build.advisories.map((a) => ({
          number: a.number,
          date: a.date,
          title: a.title,
          titleSource: a.titleOrigin?.source ?? null,
          titleBulletin: a.titleOrigin?.bulletinNumber ?? null,
          titleLine: a.titleOrigin?.line ?? null,
          qubesAffected: a.qubesAffected,
          trackerQsb: a.trackerQsb,
          inTracker: a.inTracker,
          inXenIndex: a.inXenIndex,
        })),
      });
      await tx.advisoryCve.createMany({
        data: build.advisories.flatMap((a) => a.cves.map((c) => ({ advisoryNumber: a.number, cve: c.cve, source: c.source, bulletinNumber: c.bulletinNumber, line: c.line }))),
      });
      await tx.bulletinAdvisory.createMany({ data: build.links });
      await tx.advisoryRelation.createMany({ data: build.relations });

      await tx.release.createMany({ data: build.releases });
      // Ids given here, so that each fix's versions can name it in one more createMany.
      const fixes = build.bulletins.flatMap((b) => b.fixes.map((f) => ({ bulletinNumber: b.number, f })));
      await tx.fix.createMany({
        data: fixes.map(({ bulletinNumber, f }, i) => ({
          id: i + 1,
          bulletinNumber,
          releaseName: f.release,
          releaseStage: f.releaseStage,
          family: f.family,
          package: f.package,
          location: f.where,
          distribution: f.distribution,
          rawLine: f.rawLine,
          releaseLine: f.releaseLine,
        })),
      });
      await tx.fixVersion.createMany({
        data: fixes.flatMap(({ f }, i) => f.versions.map((version, position) => ({ fixId: i + 1, position, version, branch: branchOf(version) }))),
      });
      // Each release's minimum versions, computed once here rather than on every render of its page.
      await tx.releaseMinimum.createMany({
        data: releaseMinimumRecords(
          fixes.map(({ bulletinNumber, f }) => toFixView({ ...f, bulletinNumber, releaseName: f.release, location: f.where, versions: f.versions.map((version) => ({ version })) })),
        ),
      });

      await tx.signingKey.createMany({
        data: input.keys.map((k) => ({ ...k, userIds: k.userIds.join("\n") })),
      });
      const known = new Set(input.keys.map((k) => k.fingerprint));
      await tx.signature.createMany({
        // A verdict names a key of the tree, or none (the issuer's ID stays in issuerKeyId).
        data: input.signatures.map((s) => ({ ...s, fingerprint: s.fingerprint && known.has(s.fingerprint) ? s.fingerprint : null })),
      });

      for (const source of input.plugged) await source.store(tx, { now: input.now });

      await tx.warning.createMany({ data: build.warnings });

      for (const source of input.sources) {
        await tx.sourceState.upsert({ where: { name: source.name }, create: source, update: source });
      }

      const run = await tx.syncRun.create({
        data: {
          startedAt: input.run.startedAt,
          finishedAt: new Date(),
          status: "ok",
          secpackSource: input.run.secpackSource,
          secpackCommit: input.secpackCommit,
          trackerSource: input.run.trackerSource,
          qsbIndexSource: input.run.qsbIndexSource,
          xenIndexSource: input.run.xenIndexSource,
          counts: JSON.stringify(input.run.counts),
          warningCount: build.warnings.length,
        },
      });
      await bumpDataVersion(tx, input.now);
      return run.id;
    },
    { timeout: 5 * 60_000, maxWait: 60_000 },
  );
}

async function clearData(tx: Tx): Promise<void> {
  // Children first, so that no foreign key is left dangling at any point.
  await tx.warning.deleteMany();
  await tx.signature.deleteMany();
  await tx.signingKey.deleteMany();
  await tx.fixVersion.deleteMany();
  await tx.fix.deleteMany();
  await tx.releaseMinimum.deleteMany();
  await tx.release.deleteMany();
  await tx.advisoryRelation.deleteMany();
  await tx.bulletinAdvisory.deleteMany();
  await tx.advisoryCve.deleteMany();
  await tx.advisory.deleteMany();
  await tx.bulletinReference.deleteMany();
  await tx.bulletinUrl.deleteMany();
  await tx.bulletinAction.deleteMany();
  await tx.bulletinChange.deleteMany();
  await tx.bulletin.deleteMany();
}

/** What the last sync left, read before this one decides what changed. */
export interface PreviousState {
  sources: SourceStateRecord[];
  bulletins: Map<number, { sha256: string; importedAt: Date; updatedAt: Date }>;
  /** Stored verdicts by signature file name, reused when their input is unchanged. */
  signatures: Map<string, Signature>;
}

export async function readSourceStates(db: PrismaClient): Promise<SourceStateRecord[]> {
  return db.sourceState.findMany({ select: { name: true, location: true, sha256: true, commit: true } });
}

export async function readPreviousState(db: PrismaClient, sources: SourceStateRecord[]): Promise<PreviousState> {
  const bulletins = await db.bulletin.findMany({ select: { number: true, sha256: true, importedAt: true, updatedAt: true } });
  const signatures = await db.signature.findMany();
  return {
    sources,
    bulletins: new Map(bulletins.map((b) => [b.number, b])),
    signatures: new Map(signatures.map((s) => [s.fileName, s])),
  };
}

/** The stored data's counts, signature statuses and warnings: the summary of a sync that wrote nothing. */
export async function readStoredSummary(db: PrismaClient): Promise<{
  counts: { bulletins: number; advisories: number; covers: number; references: number; fixes: number; signatures: number; keys: number; warnings: number };
  signatures: Record<string, number>;
  warnings: { kind: string; message: string }[];
}> {
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
  const signatureRows = await db.signature.groupBy({ by: ["status"], _count: true });
  return {
    counts: { bulletins, advisories, covers, references, fixes, signatures, keys, warnings },
    signatures: Object.fromEntries(signatureRows.map((r) => [r.status, r._count])),
    warnings: await db.warning.findMany({ select: { kind: true, message: true }, orderBy: { id: "asc" } }),
  };
}

/** Records a run that failed before writing anything, so the app can say what failed. */
export async function recordFailedRun(
  db: PrismaClient,
  run: StoreInput["run"] & { error: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const last = await tx.syncRun.findFirst({ orderBy: { id: "desc" }, select: { status: true, error: true } });
    await tx.syncRun.create({
      data: {
        startedAt: run.startedAt,
        finishedAt: new Date(),
        status: "failed",
        secpackSource: run.secpackSource,
        trackerSource: run.trackerSource,
        qsbIndexSource: run.qsbIndexSource,
        xenIndexSource: run.xenIndexSource,
        counts: JSON.stringify(run.counts),
        error: run.error,
      },
    });
    // The pages show the last failure: a new one changes them, the same one again does not.
    if (last?.status !== "failed" || last.error !== run.error) await bumpDataVersion(tx, new Date());
  });
}

/**
 * Records a run that found nothing changed: the data was checked now, so the
 * pages' "last refreshed" moves on, but nothing else is written. The data
 * version moves only when it ends a run of failures the pages were showing.
 */
export async function recordUnchangedRun(
  db: PrismaClient,
  run: StoreInput["run"] & { secpackCommit: string | null; warningCount: number },
): Promise<number> {
  return db.$transaction(async (tx) => {
    const last = await tx.syncRun.findFirst({ orderBy: { id: "desc" }, select: { status: true } });
    const created = await tx.syncRun.create({
      data: {
        startedAt: run.startedAt,
        finishedAt: new Date(),
        status: "unchanged",
        secpackSource: run.secpackSource,
        secpackCommit: run.secpackCommit,
        trackerSource: run.trackerSource,
        qsbIndexSource: run.qsbIndexSource,
        xenIndexSource: run.xenIndexSource,
        counts: JSON.stringify(run.counts),
        warningCount: run.warningCount,
      },
    });
    if (last?.status === "failed") await bumpDataVersion(tx, new Date());
    return created.id;
  });
}

/** The data changed (or what the pages say about the last sync did): every instance's cache starts again. */
async function bumpDataVersion(tx: Tx, at: Date): Promise<void> {
  await tx.dataVersion.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1, changedAt: at },
    update: { version: { increment: 1 }, changedAt: at },
  });
}
