// The canaries' records and warnings, from the parsed and verified files, the
// bulletins and the website's canary list. Pure: the watch's comparisons
// (watch.ts) against the canary before each one, the stated counts against
// the bulletins, the stated fingerprint against the pinned one, and the
// website's list against the files.
import type { SignatureVerdict } from "@/lib/pgp";
import type { CanaryIndexEntry } from "@/lib/secpack/parse-website";
import type { WarningRecord } from "@/lib/secpack/build";
import type { EarlierTextMatch } from "@/lib/secpack/earlier-text";
import { canaryId } from "@/lib/ids";
import type { ParsedCanary } from "./parse-canary";
import { bulletinsBefore, compareCanaries, daysBetween, explainingAnnouncement, type BulletinDate, type CanaryChanges, type WatchedCanary } from "./watch";

export interface CanarySignatureInput extends SignatureVerdict {
  fileName: string;
  signer: string;
  sha256: string;
  /** For a signature bad on the current text: the earlier text it signs (earlier-text.ts); absent when not checked. */
  earlierText?: EarlierTextMatch & { message: string };
}

export interface CanaryAttachmentInput {
  fileName: string;
  name: string;
  sourcePath: string;
  rawText: string;
  sha256: string;
  signatureStatus: string;
  signatures: CanarySignatureInput[];
}

export interface CanaryInput {
  number: number;
  year: number;
  fileName: string;
  sourcePath: string;
  rawText: string;
  sha256: string;
  parsed: ParsedCanary;
  signatureStatus: string;
  signatures: CanarySignatureInput[];
  attachments: CanaryAttachmentInput[];
}

export interface CanaryWarning {
  kind: "parse" | "audit";
  message: string;
}

export interface CanaryRecord extends CanaryInput {
  signers: string[];
  changes: CanaryChanges;
  countedBulletins: number | null;
  inIndex: boolean;
  indexDate: string | null;
  warnings: CanaryWarning[];
}

export interface CanaryBuildInput {
  canaries: CanaryInput[];
  bulletins: BulletinDate[];
  /** null: the list was not read (not configured, or unavailable: its own warning says so). */
  index: CanaryIndexEntry[] | null;
  masterFingerprint: string;
}

export function watchedOf(c: CanaryInput): WatchedCanary {
  return {
    number: c.number,
    date: c.parsed.date,
    signers: [...new Set(c.signatures.map((s) => s.signer))].sort(),
    preamble: c.parsed.preamble,
    statements: c.parsed.statements,
    specialAnnouncements: c.parsed.specialAnnouncements,
    nextDue: c.parsed.nextDue,
  };
}

const list = (items: string[]) => items.join(", ");

export function buildCanaryRecords(input: CanaryBuildInput): { records: CanaryRecord[]; warnings: WarningRecord[] } {
  const sorted = [...input.canaries].sort((a, b) => a.number - b.number);
  const index = input.index ? new Map(input.index.map((e) => [e.number, e])) : null;
  const records: CanaryRecord[] = [];
  let previous: CanaryInput | null = null;
  for (const canary of sorted) {
    const warnings: CanaryWarning[] = canary.parsed.warnings.map((message) => ({ kind: "parse", message }));
    const audit = (message: string) => warnings.push({ kind: "audit", message });
    const p = canary.parsed;
    if (p.titleNumber !== null && p.titleNumber !== canary.number) audit(`its title says canary ${p.titleNumber}, its file name ${canary.number}`);
    if (p.date && Number(p.date.slice(0, 4)) !== canary.year) audit(`its date of issue ${p.date} is not in ${canary.year}, the year of its file name`);
    if (p.statedMasterFingerprint && p.statedMasterFingerprint !== input.masterFingerprint) {
      audit(`it states the master key fingerprint ${p.statedMasterFingerprint}, not the pinned ${input.masterFingerprint}`);
    }
    if (canary.signatures.length === 0) audit("no detached signature lies beside it");
    else if (canary.signatureStatus !== "verified") audit(`its signatures are ${canary.signatureStatus}: ${list(canary.signatures.filter((s) => s.status !== "valid").map((s) => `${s.fileName} ${s.status}`))}`);
    for (const s of [...canary.signatures, ...canary.attachments.flatMap((a) => a.signatures)]) if (s.earlierText) audit(s.earlierText.message);

    let countedBulletins: number | null = null;
    if (p.date) {
      const before = bulletinsBefore(input.bulletins, p.date);
      countedBulletins = before.length;
      if (p.statedBulletins !== null && p.statedBulletins !== countedBulletins) {
        const highest = before.reduce((n, b) => Math.max(n, b.number), 0);
        audit(
          `it states ${p.statedBulletins} bulletins published by ${p.date}; the tracker has ${countedBulletins} dated on or before that day` +
            (highest ? ` (the highest QSB-${String(highest).padStart(3, "0")})` : ""),
        );
      }
    }

    const current = watchedOf(canary);
    const before = previous ? watchedOf(previous) : null;
    if (previous && previous.number !== canary.number - 1) {
      audit(`the canary before it in the secpack is ${canaryId(previous.number)}: ${canary.number - previous.number - 1} number(s) missing`);
    }
    const promised = before?.nextDue ?? null;
    if (before && promised && p.date && p.date > promised.until) {
      audit(`it was issued on ${p.date}, ${daysBetween(promised.until, p.date)} day(s) after the window ${canaryId(before.number)} promised (${promised.from} to ${promised.until})`);
    }
    const changes = compareCanaries(before, current);
    for (const signer of changes.signersRemoved) {
      const why = explainingAnnouncement(signer, before, current);
      audit(
        `${signer} signed ${before ? canaryId(before.number) : "the previous canary"} but not this one` +
          (why ? `; the special announcement of ${canaryId(why.canary)} speaks of it: "${why.quote}"` : "; no special announcement explains it"),
      );
    }
    if (changes.statementsChanged.length > 0 && !p.specialAnnouncements) {
      const which = changes.statementsChanged.map((n) => (n === 0 ? "the introduction" : `statement ${n}`));
      audit(`the wording of ${list(which)} changed since ${before ? canaryId(before.number) : "the previous canary"}, and it has no special announcement`);
    }

    const listed = index?.get(canary.number) ?? null;
    if (index && !listed) audit("it is in the secpack but not in the website's canary list");
    if (listed?.date && p.date && listed.date !== p.date) audit(`the website's canary list dates it ${listed.date}; the canary says ${p.date}`);

    records.push({ ...canary, signers: current.signers, changes, countedBulletins, inIndex: listed !== null, indexDate: listed?.date ?? null, warnings });
    previous = canary;
  }

  const warnings: WarningRecord[] = records.flatMap((r) =>
    r.warnings.map((w) => ({ kind: w.kind, bulletinNumber: null, advisoryNumber: null, file: r.sourcePath, line: null, message: `${canaryId(r.number)}: ${w.message}` })),
  );
  if (index) {
    const present = new Set(records.map((r) => r.number));
    for (const entry of index.values()) {
      if (present.has(entry.number)) continue;
      warnings.push({
        kind: "audit",
        bulletinNumber: null,
        advisoryNumber: null,
        file: null,
        line: null,
        message: `${canaryId(entry.number)} is in the website's canary list${entry.date ? ` (${entry.date})` : ""} but not in the secpack`,
      });
    }
  }
  return { records, warnings };
}
