// The bulletins' revision history as a source plugged into the sync
// (sync-source.ts): one `git log` over QSBs/ at the synced commit (not one
// git process per bulletin) and one `git cat-file --batch` for every version
// of the texts. A signature that is bad on the current text is checked
// against the text's earlier versions, to say which one it signed and when
// the text changed after it. A plain-folder secpack has no history: nothing
// is stored, and the pages say the history is unknown.
import type { Keyring } from "@/lib/pgp";
import { bulletinId } from "@/lib/ids";
import type { WarningRecord } from "./build";
import { earlierTextMessage, matchEarlierText, textBlobs, type EarlierTextMatch } from "./earlier-text";
import { catFiles, git } from "./git";
import { bulletinRevisions, HISTORY_LOG_ARGS, HISTORY_PATHS, historyRevisedOn, parseHistoryLog, type FileChange, type LogCommit, type Revision } from "./history";
import { decodeText, sha256Hex } from "./read-text";
import type { SecpackTree } from "./source";
import type { SignatureRecord } from "./store";
import { defineSource } from "./sync-source";

export const HISTORY_SOURCE_NAME = "history";

interface Fetched {
  tree: SecpackTree;
  /** null for a plain folder: the history is unknown. */
  commits: LogCommit[] | null;
  /** Every version of every bulletin text, by blob id. */
  texts: Map<string, Buffer>;
}

/** A bad signature's check against the text's earlier versions. */
export interface EarlierSignatureMatch extends EarlierTextMatch {
  fileName: string;
  bulletinNumber: number;
}

interface Verified extends Fetched {
  matches: EarlierSignatureMatch[];
}

interface Records {
  known: boolean;
  revisions: Map<number, Revision[]>;
  texts: Map<string, Buffer>;
  matches: EarlierSignatureMatch[];
}

function fileLine(f: FileChange): string {
  return f.from ? `${f.status} ${f.from} -> ${f.path}` : `${f.status} ${f.path}`;
}

/** Checks each bad signature against the earlier texts of its bulletin, newest first. */
async function matchEarlierTexts(data: Fetched, signatures: SignatureRecord[], keyring: Keyring): Promise<EarlierSignatureMatch[]> {
  if (!data.commits) return [];
  const revisions = bulletinRevisions(data.commits, new Map());
  const matches: EarlierSignatureMatch[] = [];
  for (const record of signatures.filter((s) => s.status === "bad")) {
    const file = data.tree.bulletins.find((b) => b.number === record.bulletinNumber);
    const sig = file?.signatures.find((s) => s.fileName === record.fileName);
    if (!file || !sig) continue;
    const match = await matchEarlierText(sig.bytes, file.sha256, revisions.get(file.number) ?? [], data.texts, keyring);
    matches.push({ fileName: record.fileName, bulletinNumber: file.number, ...match });
  }
  return matches;
}

function warning(number: number, message: string): WarningRecord {
  return { kind: "source", bulletinNumber: number, advisoryNumber: null, file: null, line: null, message };
}

export const historySource = defineSource({
  name: HISTORY_SOURCE_NAME,
  async fetch(ctx) {
    const repo = ctx.secpack.git;
    if (!repo) {
      return {
        data: { tree: ctx.secpack, commits: null, texts: new Map() },
        states: [{ name: HISTORY_SOURCE_NAME, location: ctx.secpack.location, sha256: "none", commit: null }],
      };
    }
    ctx.progress("history", 0, 1);
    const log = await git(repo.gitDir, [...HISTORY_LOG_ARGS, repo.commit, "--", ...HISTORY_PATHS]);
    const commits = parseHistoryLog(log);
    return {
      data: { tree: ctx.secpack, commits, texts: new Map() },
      states: [{ name: HISTORY_SOURCE_NAME, location: repo.gitDir, sha256: sha256Hex(log), commit: repo.commit }],
    };
  },
  parse: (data: Fetched) => data,
  async verify(data: Fetched, ctx): Promise<Verified> {
    // The texts are read here, not in fetch: a sync that changes nothing stops after fetch and never needs them.
    const repo = data.tree.git;
    if (repo && data.commits) {
      const blobs = textBlobs(bulletinRevisions(data.commits, new Map()).values());
      const bytes = blobs.length > 0 ? await catFiles(repo.gitDir, blobs) : [];
      blobs.forEach((b, i) => data.texts.set(b, bytes[i] ?? Buffer.alloc(0)));
    }
    return { ...data, matches: await matchEarlierTexts(data, ctx.signatures, ctx.keyring) };
  },
  build(data: Verified, ctx) {
    const dates = new Map(ctx.build.bulletins.map((b) => [b.number, b.date]));
    const present = new Set(dates.keys());
    const revisions = data.commits ? bulletinRevisions(data.commits, dates) : new Map<number, Revision[]>();
    for (const number of revisions.keys()) if (!present.has(number)) revisions.delete(number);
    const warnings: WarningRecord[] = [];
    for (const m of data.matches) {
      warnings.push(warning(m.bulletinNumber, earlierTextMessage(m.fileName, bulletinId(m.bulletinNumber), revisions.get(m.bulletinNumber) ?? [], m)));
    }
    const revised = [...revisions.values()].filter((list) => historyRevisedOn(list) !== null).length;
    return {
      records: { known: data.commits !== null, revisions, texts: data.texts, matches: data.matches },
      warnings,
      counts: {
        revisions: [...revisions.values()].reduce((n, list) => n + list.length, 0),
        revisedAfterPublication: revised,
        badSignaturesMatchedEarlier: data.matches.filter((m) => m.signedCommit).length,
      },
    };
  },
  async clear(tx) {
    await tx.bulletinRevision.deleteMany();
    await tx.bulletinRevisionText.deleteMany();
  },
  async store(tx, records: Records) {
    if (!records.known) return;
    const rows = [...records.revisions].flatMap(([number, list]) =>
      list.map((r, position) => ({
        bulletinNumber: number,
        position,
        commit: r.commit,
        authoredAt: new Date(r.authoredAt),
        committedAt: new Date(r.committedAt),
        author: r.author,
        subject: r.subject,
        phase: r.phase,
        textBlob: r.textBlob,
        changedText: r.changedText,
        files: r.files.map(fileLine).join("\n"),
      })),
    );
    await tx.bulletinRevision.createMany({ data: rows });
    const texts = [...records.revisions].flatMap(([number, list]) =>
      [...new Set(list.map((r) => r.textBlob).filter((b): b is string => b !== null))].map((blob) => ({
        bulletinNumber: number,
        blob,
        text: decodeText(records.texts.get(blob) ?? Buffer.alloc(0)).text,
      })),
    );
    await tx.bulletinRevisionText.createMany({ data: texts });
    for (const m of records.matches) {
      await tx.signature.update({ where: { fileName: m.fileName }, data: { signedCommit: m.signedCommit, revisionsChecked: m.revisionsChecked } });
    }
  },
});
