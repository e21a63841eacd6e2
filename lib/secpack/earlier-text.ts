// A signature that is bad on a file's current text, checked against the
// file's earlier texts in the secpack's history: which revision it signs,
// and when the text changed after it. Used for the bulletins
// (history-source.ts) and the canaries (lib/canary/sync-source.ts), so both
// say the same thing in the same words.
import { verifyDetached, type Keyring } from "@/lib/pgp";
import { utcDay, type UnphasedRevision } from "./history";
import { sha256Hex } from "./read-text";

/** A bad signature's check against the file's earlier texts. */
export interface EarlierTextMatch {
  /** The commit whose text the signature is valid on; null when none of the earlier texts matches. */
  signedCommit: string | null;
  /** How many earlier texts (different from the current one) were checked. */
  revisionsChecked: number;
}

type RevisionFacts = Pick<UnphasedRevision, "commit" | "committedAt" | "subject" | "textBlob">;

/** The text versions of a file, newest first, from its revisions (newest first). */
export function textVersions(revisions: RevisionFacts[]): { commit: string; blob: string }[] {
  return revisions.filter((r) => r.textBlob).map((r) => ({ commit: r.commit, blob: r.textBlob as string }));
}

/** The blobs of every text version, to read them in one `git cat-file --batch`. */
export function textBlobs(revisions: Iterable<RevisionFacts[]>): string[] {
  return [...new Set([...revisions].flatMap((list) => textVersions(list).map((v) => v.blob)))];
}

/** Checks one bad signature against the earlier texts (newest first); the first it is valid on is the one it signed. */
export async function matchEarlierText(
  signature: Buffer,
  currentSha256: string,
  revisions: RevisionFacts[],
  texts: Map<string, Buffer>,
  keyring: Keyring,
): Promise<EarlierTextMatch> {
  let revisionsChecked = 0;
  for (const version of textVersions(revisions)) {
    const text = texts.get(version.blob);
    if (!text || sha256Hex(text) === currentSha256) continue;
    revisionsChecked++;
    if ((await verifyDetached(text, signature, keyring)).status === "valid") return { signedCommit: version.commit, revisionsChecked };
  }
  return { signedCommit: null, revisionsChecked };
}

/** The revision a signature signs and the first text change after it (newest-first revisions). Pure. */
export function signedRevision<R extends RevisionFacts>(revisions: R[], signedCommit: string): { signed: R | null; changedAfter: R | null } {
  const at = revisions.findIndex((r) => r.commit === signedCommit);
  // The text revisions newer than the signed one; the oldest of them changed it first.
  const after = at > 0 ? revisions.slice(0, at).filter((r) => r.textBlob) : [];
  return { signed: revisions[at] ?? null, changedAfter: after[after.length - 1] ?? null };
}

/** The warning, in words: "x.sig.joanna is bad on the current text of canary-026, but valid on its text of commit …". */
export function earlierTextMessage(fileName: string, subject: string, revisions: RevisionFacts[], match: EarlierTextMatch): string {
  if (!match.signedCommit && match.revisionsChecked === 0) {
    return `${fileName} is bad on the current text of ${subject}, and the history holds no earlier text to check it against`;
  }
  if (!match.signedCommit) {
    return `${fileName} is bad on the current text of ${subject} and on each of its ${match.revisionsChecked} earlier text(s): it signs none of them`;
  }
  const { signed, changedAfter } = signedRevision(revisions, match.signedCommit);
  return (
    `${fileName} is bad on the current text of ${subject}, but valid on its text of commit ${match.signedCommit.slice(0, 12)}` +
    (signed ? ` (${utcDay(signed.committedAt)}, "${signed.subject}")` : "") +
    (changedAfter
      ? `; the text changed after it in commit ${changedAfter.commit.slice(0, 12)} (${utcDay(changedAfter.committedAt)}, "${changedAfter.subject}") without a new signature`
      : "")
  );
}
