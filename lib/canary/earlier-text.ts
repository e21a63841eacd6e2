// A canary signature (or a letter's) that is bad on the current text,
// checked against the file's earlier revisions in the secpack's history, as
// the bulletins' are (lib/secpack/earlier-text.ts): one `git log` over the
// file and one `git cat-file --batch` of its texts, only for the files that
// have a bad signature. A plain-folder secpack has no history: not checked.
import type { Keyring } from "@/lib/pgp";
import { earlierTextMessage, matchEarlierText, textBlobs } from "@/lib/secpack/earlier-text";
import { catFiles, git, type GitSecpack } from "@/lib/secpack/git";
import { fileRevisions, HISTORY_LOG_ARGS, parseHistoryLog } from "@/lib/secpack/history";
import type { CanarySignatureInput } from "./build";
import type { RawFile, RawSignature } from "./source";

export interface SignedFile {
  file: RawFile;
  /** "canary-026" or "canary-028's letter canary-028-2021-letter-joanna.txt", for the warning. */
  subject: string;
  raw: RawSignature[];
  verdicts: CanarySignatureInput[];
}

/** Adds `earlierText` to every bad verdict of the files: which earlier text it signs, in words. */
export async function checkEarlierTexts(files: SignedFile[], repo: GitSecpack | null, keyring: Keyring): Promise<void> {
  if (!repo) return;
  for (const { file, subject, raw, verdicts } of files) {
    const bad = verdicts.filter((v) => v.status === "bad");
    if (bad.length === 0) continue;
    const commits = parseHistoryLog(await git(repo.gitDir, [...HISTORY_LOG_ARGS, repo.commit, "--", file.sourcePath]));
    const revisions = fileRevisions(commits, (p) => (p === file.sourcePath ? { key: p, kind: "text" as const } : null)).get(file.sourcePath) ?? [];
    const blobs = textBlobs([revisions]);
    const bytes = blobs.length > 0 ? await catFiles(repo.gitDir, blobs) : [];
    const texts = new Map(blobs.map((b, i) => [b, bytes[i] ?? Buffer.alloc(0)]));
    for (const verdict of bad) {
      const signature = raw.find((s) => s.fileName === verdict.fileName);
      if (!signature) continue;
      const match = await matchEarlierText(signature.bytes, file.sha256, revisions, texts, keyring);
      verdict.earlierText = { ...match, message: earlierTextMessage(verdict.fileName, subject, revisions, match) };
    }
  }
}
