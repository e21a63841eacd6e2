// The canaries' one write, inside the sync's transaction (the importer's store step).
import type { Tx } from "@/lib/secpack/store";
import type { CanaryRecord, CanarySignatureInput } from "./build";

const json = (value: unknown) => JSON.stringify(value);

function signatureRow(canaryNumber: number, attachmentFile: string | null, s: CanarySignatureInput) {
  return {
    canaryNumber,
    attachmentFile,
    fileName: s.fileName,
    signer: s.signer,
    sha256: s.sha256,
    status: s.status,
    reason: s.reason,
    fingerprint: s.fingerprint,
    issuerKeyId: s.issuerKeyId,
    createdAt: s.createdAt,
    hashAlgorithm: s.hashAlgorithm,
    weakHash: s.weakHash,
    certifiedByMaster: s.certifiedByMaster,
    signerUserId: s.signerUserId,
    signedCommit: s.earlierText?.signedCommit ?? null,
    revisionsChecked: s.earlierText?.revisionsChecked ?? null,
  };
}

export async function storeCanaries(tx: Tx, canaries: CanaryRecord[], commit: string | null): Promise<void> {
  await tx.canary.createMany({
    data: canaries.map((c) => ({
      number: c.number,
      fileName: c.fileName,
      sourcePath: c.sourcePath,
      year: c.year,
      titleNumber: c.parsed.titleNumber,
      date: c.parsed.date,
      statedBulletins: c.parsed.statedBulletins,
      countedBulletins: c.countedBulletins,
      statedMasterFingerprint: c.parsed.statedMasterFingerprint,
      preamble: c.parsed.preamble,
      statements: json(c.parsed.statements),
      nextDueFrom: c.parsed.nextDue?.from ?? null,
      nextDueUntil: c.parsed.nextDue?.until ?? null,
      nextDueText: c.parsed.nextDue?.text ?? null,
      specialAnnouncements: c.parsed.specialAnnouncements,
      freshnessTimestamp: c.parsed.freshness.timestamp,
      freshnessHeadlines: json(c.parsed.freshness.headlines),
      blockHash: c.parsed.freshness.blockHash,
      rawText: c.rawText,
      sha256: c.sha256,
      signatureStatus: c.signatureStatus,
      signers: json(c.signers),
      signersAdded: json(c.changes.signersAdded),
      signersRemoved: json(c.changes.signersRemoved),
      statementsChanged: json(c.changes.statementsChanged),
      warnings: json(c.warnings),
      inIndex: c.inIndex,
      indexDate: c.indexDate,
      secpackCommit: commit,
    })),
  });
  await tx.canaryAttachment.createMany({
    data: canaries.flatMap((c) =>
      c.attachments.map((a) => ({ fileName: a.fileName, canaryNumber: c.number, name: a.name, sourcePath: a.sourcePath, rawText: a.rawText, sha256: a.sha256, signatureStatus: a.signatureStatus })),
    ),
  });
  await tx.canarySignature.createMany({
    data: canaries.flatMap((c) => [
      ...c.signatures.map((s) => signatureRow(c.number, null, s)),
      ...c.attachments.flatMap((a) => a.signatures.map((s) => signatureRow(c.number, a.fileName, s))),
    ]),
  });
}
