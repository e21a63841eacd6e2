// Reading the canaries: the files of the secpack tree's canaries/ folder
// (each canary, its detached signatures, and the signed letters that come
// with a canary), and the website's canary list (a file or URL). Nothing
// here fails the sync: a missing folder or an unreadable list is a note.
import { readSource } from "@/lib/secpack/source";
import { sha256Hex } from "@/lib/secpack/read-text";
import type { SecpackTree } from "@/lib/secpack/source";
import { CANARY_DIR, CANARY_FILE, CANARY_LETTER_FILE, CANARY_SIGNATURE_FILE } from "./vocabulary";

export interface RawFile {
  fileName: string;
  sourcePath: string;
  bytes: Buffer;
  sha256: string;
}

export interface RawSignature extends RawFile {
  signer: string;
}

export interface RawCanary extends RawFile {
  number: number;
  year: number;
  signatures: RawSignature[];
  letters: (RawFile & { name: string; signatures: RawSignature[] })[];
}

export interface CanaryTree {
  /** False when the secpack has no canaries/ folder (a plain folder of QSBs/ and keys/ only). */
  present: boolean;
  canaries: RawCanary[];
  notes: { file: string | null; message: string }[];
  /** sha256 over every file's path and hash, and the notes. */
  sha256: string;
}

function rawFile(tree: SecpackTree, fileName: string, what: string): RawFile {
  const sourcePath = `${CANARY_DIR}/${fileName}`;
  const bytes = tree.reader.read(sourcePath, what);
  return { fileName, sourcePath, bytes, sha256: sha256Hex(bytes) };
}

/** The canaries of a secpack tree, with their signatures and letters. */
export function readCanaryTree(tree: SecpackTree): CanaryTree {
  const names = tree.reader.list(CANARY_DIR);
  if (!names) {
    return {
      present: false,
      canaries: [],
      notes: [{ file: null, message: `the secpack at ${tree.location} has no ${CANARY_DIR}/ folder: no canaries were imported, and the website's canary list was not compared` }],
      sha256: "none",
    };
  }
  const notes: CanaryTree["notes"] = [];
  const canaries = new Map<string, RawCanary>();
  const letters = new Map<string, RawCanary["letters"][number]>();
  const numbers = new Map<number, string>();
  for (const name of names) {
    const match = CANARY_FILE.exec(name);
    if (!match) continue;
    const number = Number(match[1]);
    const earlier = numbers.get(number);
    if (earlier) {
      notes.push({ file: `${CANARY_DIR}/${name}`, message: `${CANARY_DIR}/${name} has the same number as ${CANARY_DIR}/${earlier}; only the first is imported` });
      continue;
    }
    numbers.set(number, name);
    canaries.set(name, { ...rawFile(tree, name, "canary"), number, year: Number(match[2]), signatures: [], letters: [] });
  }
  for (const name of names) {
    const match = CANARY_LETTER_FILE.exec(name);
    if (!match) continue;
    const owner = numbers.get(Number(match[1]));
    const canary = owner ? canaries.get(owner) : undefined;
    if (!canary) {
      notes.push({ file: `${CANARY_DIR}/${name}`, message: `${CANARY_DIR}/${name} is a letter of canary ${match[1]}, which is not in the secpack; not imported` });
      continue;
    }
    const letter = { ...rawFile(tree, name, "canary letter"), name: match[3] ?? "", signatures: [] };
    canary.letters.push(letter);
    letters.set(name, letter);
  }
  for (const name of names) {
    if (CANARY_FILE.test(name) || CANARY_LETTER_FILE.test(name)) continue;
    const match = CANARY_SIGNATURE_FILE.exec(name);
    if (!match) {
      if (name !== "canary-template.txt") notes.push({ file: `${CANARY_DIR}/${name}`, message: `${CANARY_DIR}/${name} is not a canary, a letter or a signature; not imported` });
      continue;
    }
    const target = canaries.get(match[1] ?? "") ?? letters.get(match[1] ?? "");
    if (!target) {
      notes.push({ file: `${CANARY_DIR}/${name}`, message: `signature ${CANARY_DIR}/${name} has no ${match[1]} beside it` });
      continue;
    }
    target.signatures.push({ ...rawFile(tree, name, "canary signature"), signer: match[2] ?? "" });
  }
  const list = [...canaries.values()]
    .flatMap((c) => [c, ...c.signatures, ...c.letters.flatMap((l) => [l, ...l.signatures])])
    .map((f) => `${f.sourcePath}:${f.sha256}`)
    .sort();
  return { present: true, canaries: [...canaries.values()], notes, sha256: sha256Hex([...list, ...notes.map((n) => n.message)].join("\n")) };
}

export type CanaryIndexFile = { ok: true; location: string; text: string; sha256: string } | { ok: false; location: string; error: string } | null;

/** The website's canary list; an unreadable one is returned as its error, never thrown. null: not configured. */
export async function readCanaryIndex(location: string | null): Promise<CanaryIndexFile> {
  if (location === null) return null;
  try {
    const file = await readSource(location, "canary list");
    return { ok: true, location: file.location, text: file.bytes.toString("utf8"), sha256: file.sha256 };
  } catch (error) {
    return { ok: false, location, error: (error as Error).message };
  }
}
