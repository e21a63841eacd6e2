// Reading the sources: the qubes-secpack tree (a local folder, or a git
// repository cloned or fetched into the data folder) and the website's and
// Xen's index files (a local file or an http(s) URL). Everything is read in
// full before the store step writes anything.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { SourceError } from "./errors";
import { readGitTree, resolveGitSecpack, secpackMirrorDir, type GitFile, type GitSecpack } from "./git";

export { isRemote } from "./git";
import { sha256Hex } from "./read-text";

export const BULLETIN_FILE = /^qsb-(\d{3,})-(\d{4})\.txt$/;
const SIGNATURE_FILE = /^(qsb-\d{3,}-\d{4}\.txt)\.(sig|sign)\.([A-Za-z0-9._-]+)$/;
const FETCH_TIMEOUT_MS = 60_000;
/** The website's and Xen's files are tens of KB; a file past this is not one of them, and is not read whole into memory. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

export interface SourceFile {
  location: string;
  bytes: Buffer;
  sha256: string;
}

/** Reads a local file or downloads an http(s) URL; a failure names the location. */
export async function readSource(location: string, what: string): Promise<SourceFile> {
  if (/^https?:\/\//.test(location)) {
    let response: Response;
    try {
      response = await fetch(location, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (error) {
      throw new SourceError(
        `cannot download the ${what} from ${location}: ${describeFetchError(error)}`,
        location,
        `download it elsewhere and pass the local file instead`,
      );
    }
    if (!response.ok) {
      throw new SourceError(`cannot download the ${what} from ${location}: HTTP ${response.status}`, location);
    }
    const bytes = await readBounded(response, location, what);
    return { location, bytes, sha256: sha256Hex(bytes) };
  }
  const file = path.resolve(location);
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_SOURCE_BYTES) throw tooLarge(file, what, size);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`cannot read the ${what} at ${file}: ${describeFsError(error)}`, file);
  }
  return { location: file, bytes, sha256: sha256Hex(bytes) };
}

function tooLarge(location: string, what: string, size: number | null): SourceError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new SourceError(
    `the ${what} at ${location} is ${size === null ? "larger than" : `${mb(size)}, more than`} ${mb(MAX_SOURCE_BYTES)}, far more than one can be; it was not read`,
    location,
  );
}

/** The body of a download, stopped as soon as it passes MAX_SOURCE_BYTES. */
async function readBounded(response: Response, location: string, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_SOURCE_BYTES) throw tooLarge(location, what, declared);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    total += value.length;
    if (total > MAX_SOURCE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(location, what, null);
    }
    chunks.push(value);
  }
}

export interface SignatureFile {
  fileName: string;
  /** The NAME suffix: "marmarek" in qsb-054-2019.txt.sig.marmarek. */
  signer: string;
  bytes: Buffer;
  sha256: string;
}

export interface BulletinFile {
  fileName: string;
  /** Relative to the secpack root, with forward slashes: "QSBs/qsb-054-2019.txt". */
  sourcePath: string;
  number: number;
  year: number;
  bytes: Buffer;
  sha256: string;
  signatures: SignatureFile[];
}

export interface SecpackTree {
  /** The folder, or the git directory the tree was read from. */
  root: string;
  /** The git commit the files were read at; null for a plain folder. */
  commit: string | null;
  location: string;
  /** The repository, the commit and its date; null for a plain folder (history and tags unknown). */
  git: GitSecpack | null;
  /** Reads any other file of the same tree (canaries ...). */
  reader: TreeReader;
  bulletins: BulletinFile[];
  /** Where the keys were read from, for the record ("keys/ at dd0eabfdfb72" for git). */
  keysDir: string;
  /** The key files of a git tree (path under keys/, bytes); null for a folder, read from keysDir. */
  keyFiles: { path: string; bytes: Uint8Array }[] | null;
  /** Things that are not bulletins or are odd about the tree, kept as warnings. */
  notes: { file: string; message: string }[];
}

/** Reads a secpack's files: from a folder on disk, or from a git commit's tree held in memory. */
export interface TreeReader {
  /** Names (not paths) of the files directly in `dir` ("QSBs"), sorted; null when there is no such folder. */
  list(dir: string): string[] | null;
  read(file: string, what: string): Buffer;
}

function folderReader(root: string): TreeReader {
  return {
    list(dir) {
      const full = path.join(root, dir);
      if (!existsSync(full) || !statSync(full).isDirectory()) return null;
      return readdirSync(full).sort();
    },
    read: (file, what) => readBytes(path.join(root, file), what),
  };
}

function gitReader(files: GitFile[]): TreeReader {
  const byPath = new Map(files.map((f) => [f.path, f.bytes]));
  return {
    list(dir) {
      const prefix = `${dir}/`;
      const names = files.filter((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes("/")).map((f) => f.path.slice(prefix.length));
      const isDir = files.some((f) => f.path.startsWith(prefix));
      return isDir ? names.sort() : null;
    },
    read(file, what) {
      const bytes = byPath.get(file);
      if (!bytes) throw new SourceError(`the ${what} file ${file} is not in the commit`, file);
      return bytes;
    },
  };
}

/**
 * Reads the secpack where it is given: a git URL or bundle (mirrored into
 * `<dataDir>/qubes-secpack.git`), a bare mirror or a work tree (the files of
 * the commit at HEAD), or a plain folder (its files as they are; history and
 * tags unknown).
 */
export async function readSecpack(location: string, dataDir: string): Promise<SecpackTree> {
  const repo = await resolveGitSecpack(location, secpackMirrorDir(dataDir));
  if (!repo) {
    const root = path.resolve(location);
    return readSecpackTree(folderReader(root), { root, location, git: null, keysDir: path.join(root, "keys"), keyFiles: null });
  }
  const files = await readGitTree(repo.gitDir, repo.commit, ["QSBs", "keys", "canaries"]);
  const keyFiles = files.filter((f) => f.path.startsWith("keys/")).map((f) => ({ path: f.path.slice("keys/".length), bytes: f.bytes }));
  return readSecpackTree(gitReader(files), {
    root: repo.gitDir,
    location,
    git: repo,
    keysDir: `keys/ at ${repo.commit.slice(0, 12)}`,
    keyFiles,
  });
}

/** Reads every bulletin and signature file of a secpack tree. */
export function readSecpackTree(
  reader: TreeReader,
  where: Pick<SecpackTree, "root" | "location" | "git" | "keysDir" | "keyFiles">,
): SecpackTree {
  const { root } = where;
  const names = reader.list("QSBs");
  if (!names) {
    throw new SourceError(`${where.location} is not a qubes-secpack checkout: it has no QSBs/ folder`, path.join(root, "QSBs"));
  }
  if (!reader.list("keys")) {
    throw new SourceError(`${where.location} is not a qubes-secpack checkout: it has no keys/ folder`, path.join(root, "keys"));
  }
  const notes: SecpackTree["notes"] = [];
  const bulletins = new Map<string, BulletinFile>();
  const numbers = new Map<number, string>();

  for (const name of names) {
    const match = BULLETIN_FILE.exec(name);
    if (!match) continue;
    const bytes = reader.read(`QSBs/${name}`, "bulletin");
    const number = Number(match[1]);
    const earlier = numbers.get(number);
    if (earlier) {
      notes.push({ file: `QSBs/${name}`, message: `QSBs/${name} has the same number as QSBs/${earlier}; only the first is imported` });
      continue;
    }
    numbers.set(number, name);
    bulletins.set(name, {
      fileName: name,
      sourcePath: `QSBs/${name}`,
      number,
      year: Number(match[2]),
      bytes,
      sha256: sha256Hex(bytes),
      signatures: [],
    });
  }

  for (const name of names) {
    if (BULLETIN_FILE.test(name)) continue;
    const match = SIGNATURE_FILE.exec(name);
    if (!match) {
      if (!/^qsb-template\.txt$/.test(name) && !/\.(sig|sign)\.[^.]+$/.test(name)) {
        notes.push({ file: `QSBs/${name}`, message: `QSBs/${name} is not a bulletin (qsb-NNN-YYYY.txt); not imported` });
      }
      continue;
    }
    const bulletin = bulletins.get(match[1] ?? "");
    if (!bulletin) {
      notes.push({ file: `QSBs/${name}`, message: `signature QSBs/${name} has no bulletin ${match[1]} beside it` });
      continue;
    }
    const bytes = reader.read(`QSBs/${name}`, "signature");
    bulletin.signatures.push({ fileName: name, signer: match[3] ?? "", bytes, sha256: sha256Hex(bytes) });
  }

  return { ...where, commit: where.git?.commit ?? null, reader, bulletins: [...bulletins.values()], notes };
}

function readBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new SourceError(`cannot read the ${what} file ${file}: ${describeFsError(error)}`, file);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a folder, not a file";
  return (error as Error).message;
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ENOTFOUND") return "the host name does not resolve (no network?)";
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if ((error as Error).name === "TimeoutError") return `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
  return cause?.message ?? (error as Error).message;
}
