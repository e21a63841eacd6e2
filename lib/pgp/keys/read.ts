// Reading key files: armored or binary blocks, standalone revocation
// certificates, symbolic links stored as text; anything unreadable is a note.

import * as openpgp from "openpgp";
import { mergeKey, type KeyEntry } from "./merge";
import { MAX_KEY_FILE_BYTES, PARSE_CONFIG } from "./model";
import { errorMessage } from "./signatures";

const { enums } = openpgp;
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";

export interface KeyFile {
  path: string;
  bytes: Uint8Array;
  /** Set when the file is not to be parsed: the note to record (its bytes still count in the hash). */
  skip?: string;
}

export const ARMOR_BLOCK = /-----BEGIN PGP ([A-Z0-9 ,/]+)-----[\s\S]*?-----END PGP \1-----/g;

export async function streamBytes(data: unknown): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  return new Uint8Array(await new Response(data as ReadableStream<Uint8Array>).arrayBuffer());
}

export async function readKeyBlock(
  bytesOrArmor: { armored: string } | { binary: Uint8Array },
  source: string,
  entries: Map<string, KeyEntry>,
  orphanRevocations: { sig: openpgp.SignaturePacket; source: string }[],
): Promise<number> {
  let keys: openpgp.Key[];
  try {
    keys =
      "armored" in bytesOrArmor
        ? await openpgp.readKeys({ armoredKeys: bytesOrArmor.armored, config: PARSE_CONFIG })
        : await openpgp.readKeys({ binaryKeys: bytesOrArmor.binary, config: PARSE_CONFIG });
  } catch (error) {
    // A block with no key: maybe a standalone revocation certificate.
    let binary: Uint8Array;
    if ("armored" in bytesOrArmor) {
      const unarmored = await openpgp.unarmor(bytesOrArmor.armored);
      binary = await streamBytes(unarmored.data);
    } else binary = bytesOrArmor.binary;
    const signature = await openpgp.readSignature({ binarySignature: binary, config: PARSE_CONFIG }).catch(() => null);
    const revocations = (signature?.packets ?? []).filter(
      (p): p is openpgp.SignaturePacket => p instanceof openpgp.SignaturePacket && p.signatureType === enums.signature.keyRevocation,
    );
    if (revocations.length === 0) throw error;
    for (const sig of revocations) orphanRevocations.push({ sig, source });
    return 0;
  }
  for (const key of keys) mergeKey(entries, key.isPrivate() ? key.toPublic() : key, source);
  return keys.length;
}

export async function readKeyFile(
  file: KeyFile,
  entries: Map<string, KeyEntry>,
  orphanRevocations: { sig: openpgp.SignaturePacket; source: string }[],
  notes: string[],
  knownPaths: Set<string>,
): Promise<void> {
  const { path: source, bytes } = file;
  if (file.skip) {
    notes.push(file.skip);
    return;
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) {
    notes.push(`${source}: skipped, larger than ${MAX_KEY_FILE_BYTES} bytes`);
    return;
  }
  if (bytes.length === 0) {
    notes.push(`${source}: skipped, empty file`);
    return;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const blocks = [...text.matchAll(ARMOR_BLOCK)];
  try {
    if (blocks.length > 0) {
      let count = 0;
      for (const block of blocks) {
        const type = block[1] ?? "";
        if (type !== "PUBLIC KEY BLOCK" && type !== "PRIVATE KEY BLOCK") {
          notes.push(`${source}: ignored an armored "${type}" block (not a key)`);
          continue;
        }
        try {
          count += await readKeyBlock({ armored: block[0] }, source, entries, orphanRevocations);
        } catch (error) {
          notes.push(`${source}: skipped an unreadable key block (${errorMessage(error)})`);
        }
      }
      if (count === 0 && !blocks.some((b) => b[1] === "PUBLIC KEY BLOCK" || b[1] === "PRIVATE KEY BLOCK")) {
        notes.push(`${source}: no OpenPGP key found`);
      }
      return;
    }
    const first = bytes[0] ?? 0;
    if ((first & 0x80) !== 0) {
      await readKeyBlock({ binary: bytes }, source, entries, orphanRevocations);
      return;
    }
  } catch (error) {
    notes.push(`${source}: skipped, unreadable (${errorMessage(error)})`);
    return;
  }
  // A git symbolic link checked out as a plain file holds just the target's path.
  const target = text.trim();
  if (bytes.length < 1024 && /^[^\n\0]+$/.test(target)) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
    if (knownPaths.has(resolved)) {
      notes.push(`${source}: skipped, a symbolic link stored as text (to ${resolved}, which is read on its own)`);
      return;
    }
  }
  notes.push(`${source}: skipped, no OpenPGP key material`);
}

/** Every file under keysDir (recursively), as the keyring reads them; unreadable ones become notes. */
export async function listKeyFiles(keysDir: string): Promise<{ files: KeyFile[]; notes: string[] }> {
  const root = path.resolve(keysDir);
  let rootReal: string;
  try {
    rootReal = await realpath(root);
    if (!(await stat(rootReal)).isDirectory()) throw new Error("not a directory");
  } catch (error) {
    throw new Error(`keys directory not found or unreadable: ${root} (${errorMessage(error)})`);
  }
  const files: KeyFile[] = [];
  const notes: string[] = [];

  async function walk(dir: string, rel: string): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      notes.push(`${rel || "."}: directory unreadable (${errorMessage(error)})`);
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue; // .git, .gitattributes ...
      const abs = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      try {
        const info = await lstat(abs);
        if (info.isDirectory()) {
          await walk(abs, relPath);
          continue;
        }
        let target = abs;
        if (info.isSymbolicLink()) {
          const real = await realpath(abs);
          if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
            notes.push(`${relPath}: skipped, a symbolic link pointing outside the keys directory`);
            continue;
          }
          if ((await stat(real)).isDirectory()) {
            notes.push(`${relPath}: skipped, a symbolic link to a directory`);
            continue;
          }
          target = real;
        } else if (!info.isFile()) {
          notes.push(`${relPath}: skipped, not a regular file`);
          continue;
        }
        const size = (await stat(target)).size;
        if (size > MAX_KEY_FILE_BYTES) {
          const skip = `${relPath}: skipped, larger than ${MAX_KEY_FILE_BYTES} bytes`;
          files.push({ path: relPath, bytes: new TextEncoder().encode(`[oversized: ${size} bytes]`), skip });
          continue;
        }
        files.push({ path: relPath, bytes: new Uint8Array(await readFile(target)) });
      } catch (error) {
        notes.push(`${relPath}: skipped, unreadable (${errorMessage(error)})`);
      }
    }
  }

  await walk(root, "");
  return { files, notes };
}
