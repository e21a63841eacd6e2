// The Qubes warrant canaries as a source plugged into the sync
// (lib/secpack/sync-source.ts): read from the secpack tree's canaries/
// folder, parsed (parse-canary.ts), every detached signature verified with
// the secpack's keyring and the pinned master's trust rules (the same as the
// bulletins'), watched against the canary before each (watch.ts), and
// compared with the website's canary list (`--canary-index`). A missing
// canaries/ folder or an unreachable list is a source warning: the sync goes on.
import { bulletinSignatureStatus, verifyDetached, type Keyring } from "@/lib/pgp";
import type { WarningRecord } from "@/lib/secpack/build";
import { parseCanaryIndex, type CanaryIndexEntry } from "@/lib/secpack/parse-website";
import { decodeText, sha256Hex } from "@/lib/secpack/read-text";
import { defineSource, type PluggedSource } from "@/lib/secpack/sync-source";
import { MAX_BULLETIN_BYTES } from "@/lib/secpack/sync-steps";
import { canaryId } from "@/lib/ids";
import type { GitSecpack } from "@/lib/secpack/git";
import { checkEarlierTexts, type SignedFile } from "./earlier-text";
import { buildCanaryRecords, type CanaryInput, type CanaryRecord, type CanarySignatureInput } from "./build";
import { parseCanary, type ParsedCanary } from "./parse-canary";
import { readCanaryIndex, readCanaryTree, type CanaryIndexFile, type CanaryTree, type RawCanary, type RawSignature } from "./source";
import { storeCanaries } from "./store";

export const CANARIES_SOURCE_NAME = "canaries";
export const CANARY_INDEX_SOURCE_NAME = "canary-index";

interface Fetched {
  tree: CanaryTree;
  index: CanaryIndexFile;
  commit: string | null;
  /** The secpack's repository, to check bad signatures against earlier texts; null for a plain folder. */
  git: GitSecpack | null;
}

interface Parsed extends Fetched {
  parsed: Map<number, { text: string; parsed: ParsedCanary; problems: string[] }>;
  list: { entries: CanaryIndexEntry[]; warnings: string[] } | { error: string } | null;
}

interface Verified extends Parsed {
  canaries: CanaryInput[];
  masterFingerprint: string;
}

function sourceWarning(message: string, file: string | null = null): WarningRecord {
  return { kind: "source", bulletinNumber: null, advisoryNumber: null, file, line: null, message };
}

function textOf(bytes: Buffer): { text: string; problems: string[] } {
  const decoded = decodeText(bytes);
  const problems = decoded.problem ? [`the file ${decoded.problem}`] : [];
  if (bytes.length > MAX_BULLETIN_BYTES) {
    problems.push(`the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, far more than a canary; stored verbatim, not parsed`);
  }
  return { text: decoded.text, problems };
}

async function verifyAll(data: Buffer, signatures: RawSignature[], keyring: Keyring): Promise<CanarySignatureInput[]> {
  const out: CanarySignatureInput[] = [];
  for (const s of signatures) {
    const verdict = await verifyDetached(data, s.bytes, keyring);
    out.push({ ...verdict, fileName: s.fileName, signer: s.signer, sha256: s.sha256 });
  }
  return out;
}

async function verifyCanary(raw: RawCanary, parsed: Parsed["parsed"], keyring: Keyring): Promise<CanaryInput> {
  const entry = parsed.get(raw.number);
  const signatures = await verifyAll(raw.bytes, raw.signatures, keyring);
  const attachments = [];
  for (const letter of raw.letters) {
    const letterSignatures = await verifyAll(letter.bytes, letter.signatures, keyring);
    attachments.push({
      fileName: letter.fileName,
      name: letter.name,
      sourcePath: letter.sourcePath,
      rawText: textOf(letter.bytes).text,
      sha256: letter.sha256,
      signatureStatus: bulletinSignatureStatus(letterSignatures.map((s) => s.status)),
      signatures: letterSignatures,
    });
  }
  const base = entry?.parsed ?? parseCanary("");
  return {
    number: raw.number,
    year: raw.year,
    fileName: raw.fileName,
    sourcePath: raw.sourcePath,
    rawText: entry?.text ?? "",
    sha256: raw.sha256,
    parsed: { ...base, warnings: [...(entry?.problems ?? []), ...base.warnings] },
    signatureStatus: bulletinSignatureStatus(signatures.map((s) => s.status)),
    signatures,
    attachments,
  };
}

export function canariesSource(indexLocation: string | null): PluggedSource {
  return defineSource<Fetched, Parsed, Verified, { canaries: CanaryRecord[]; commit: string | null }>({
    name: CANARIES_SOURCE_NAME,
    async fetch(ctx) {
      ctx.progress("canaries", 0, 1);
      const tree = readCanaryTree(ctx.secpack);
      const index = await readCanaryIndex(indexLocation);
      const indexState =
        index === null
          ? { sha256: "none", location: "none" }
          : index.ok
            ? { sha256: index.sha256, location: index.location }
            : { sha256: sha256Hex(`unavailable\n${index.location}\n${index.error}`), location: index.location };
      return {
        data: { tree, index, commit: ctx.secpack.commit, git: ctx.secpack.git },
        states: [
          { name: CANARIES_SOURCE_NAME, location: ctx.secpack.location, sha256: tree.sha256, commit: ctx.secpack.commit },
          { name: CANARY_INDEX_SOURCE_NAME, location: indexState.location, sha256: indexState.sha256, commit: null },
        ],
      };
    },
    parse(data) {
      const parsed: Parsed["parsed"] = new Map();
      for (const raw of data.tree.canaries) {
        const { text, problems } = textOf(raw.bytes);
        parsed.set(raw.number, { text, parsed: parseCanary(raw.bytes.length > MAX_BULLETIN_BYTES ? "" : text), problems });
      }
      let list: Parsed["list"] = null;
      if (data.index?.ok) {
        try {
          list = parseCanaryIndex(data.index.text, data.index.location);
        } catch (error) {
          list = { error: (error as Error).message };
        }
      } else if (data.index) list = { error: data.index.error };
      return { ...data, parsed, list };
    },
    async verify(parsed, ctx) {
      const canaries: CanaryInput[] = [];
      const files: SignedFile[] = [];
      for (const raw of parsed.tree.canaries) {
        const canary = await verifyCanary(raw, parsed.parsed, ctx.keyring);
        canaries.push(canary);
        files.push({ file: raw, subject: canaryId(raw.number), raw: raw.signatures, verdicts: canary.signatures });
        for (const letter of raw.letters) {
          const verdicts = canary.attachments.find((a) => a.fileName === letter.fileName)?.signatures ?? [];
          files.push({ file: letter, subject: `${canaryId(raw.number)}'s letter ${letter.fileName}`, raw: letter.signatures, verdicts });
        }
      }
      await checkEarlierTexts(files, parsed.git, ctx.keyring);
      return { ...parsed, canaries, masterFingerprint: ctx.keyring.masterFingerprint };
    },
    build(verified, ctx) {
      const warnings: WarningRecord[] = verified.tree.notes.map((n) => sourceWarning(n.message, n.file));
      const index = verified.list && "entries" in verified.list ? verified.list : null;
      if (verified.list && "error" in verified.list) {
        warnings.push(sourceWarning(`the website's canary list was not compared with the canaries: ${verified.list.error}`));
      }
      if (index) warnings.push(...index.warnings.map((m) => sourceWarning(m)));
      const built = buildCanaryRecords({
        canaries: verified.canaries,
        bulletins: ctx.build.bulletins.map((b) => ({ number: b.number, date: b.date })),
        index: verified.tree.present ? (index?.entries ?? null) : null,
        masterFingerprint: verified.masterFingerprint,
      });
      const signatures = built.records.flatMap((r) => [...r.signatures, ...r.attachments.flatMap((a) => a.signatures)]);
      return {
        records: { canaries: built.records, commit: verified.commit },
        warnings: [...warnings, ...built.warnings],
        counts: {
          canaries: built.records.length,
          verified: built.records.filter((r) => r.signatureStatus === "verified").length,
          signatures: signatures.length,
          signaturesValid: signatures.filter((s) => s.status === "valid").length,
          letters: built.records.reduce((n, r) => n + r.attachments.length, 0),
          badSignaturesMatchedEarlier: signatures.filter((s) => s.earlierText?.signedCommit).length,
          listed: index?.entries.length ?? 0,
        },
      };
    },
    async clear(tx) {
      await tx.canarySignature.deleteMany();
      await tx.canaryAttachment.deleteMany();
      await tx.canary.deleteMany();
    },
    store: (tx, records) => storeCanaries(tx, records.canaries, records.commit),
  });
}
