// Reading the sources: the qubes-secpack tree (a local folder, or a git
// repository cloned or fetched into the data folder) and the website's and
// Xen's index files (a local file or an http(s) URL). Everything is read in
// full before the store step writes anything.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { SourceError } from "./errors";
import { sha256Hex } from "./read-text";

const run = promisify(execFile);

export const BULLETIN_FILE = /^qsb-(\d{3,})-(\d{4})\.txt$/;
const SIGNATURE_FILE = /^(qsb-\d{3,}-\d{4}\.txt)\.(sig|sign)\.([A-Za-z0-9._-]+)$/;
const FETCH_TIMEOUT_MS = 60_000;
/** The website's and Xen's files are tens of KB; a file past this is not one of them, and is not read whole into memory. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
const GIT_TIMEOUT_MS = 5 * 60_000;

export function isRemote(location: string): boolean {
  return /^(https?|git|ssh):\/\//.test(location) || /^[\w.-]+@[\w.-]+:/.test(location);
}

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
  root: string;
  /** The git commit of the tree, where it is the top of a git work tree. */
  commit: string | null;
  location: string;
  bulletins: BulletinFile[];
  keysDir: string;
  /** Things that are not bulletins or are odd about the tree, kept as warnings. */
  notes: { file: string; message: string }[];
}

/**
 * Makes the secpack available as a local folder: a folder as it is, a git
 * URL cloned (first run) or fetched (later runs) into `checkoutDir`.
 */
export async function resolveSecpack(location: string, checkoutDir: string): Promise<{ root: string; commit: string | null }> {
  if (isRemote(location)) {
    await cloneOrFetch(location, checkoutDir);
    return { root: checkoutDir, commit: await gitCommit(checkoutDir) };
  }
  const root = path.resolve(location);
  if (!existsSync(root)) throw new SourceError(`the secpack folder ${root} does not exist`, root);
  if (!statSync(root).isDirectory()) throw new SourceError(`the secpack path ${root} is not a folder`, root);
  return { root, commit: await gitCommit(root) };
}

async function cloneOrFetch(url: string, dir: string): Promise<void> {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: "0" };
  const options = { env, timeout: GIT_TIMEOUT_MS };
  try {
    if (existsSync(path.join(dir, ".git"))) {
      await run("git", ["-C", dir, "fetch", "--quiet", url, "HEAD"], options);
      await run("git", ["-C", dir, "checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], options);
    } else {
      await run("git", ["clone", "--quiet", url, dir], options);
    }
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim().split("\n").pop() ?? (error as Error).message;
    throw new SourceError(
      `cannot clone or fetch the secpack from ${url}: ${detail}`,
      url,
      "sync from a local copy instead: npm run sync -- --secpack <folder with QSBs/ and keys/>",
    );
  }
}

/** HEAD of the folder's git repository, only where the folder is the top of the work tree. */
async function gitCommit(dir: string): Promise<string | null> {
  try {
    const { stdout: top } = await run("git", ["-C", dir, "rev-parse", "--show-toplevel"], { timeout: 10_000 });
    if (realpathSync(top.trim()) !== realpathSync(dir)) return null;
    const { stdout } = await run("git", ["-C", dir, "rev-parse", "HEAD"], { timeout: 10_000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** Reads every bulletin and signature file of a secpack tree. */
export function readSecpackTree(root: string, commit: string | null, location: string): SecpackTree {
  const qsbDir = path.join(root, "QSBs");
  if (!existsSync(qsbDir) || !statSync(qsbDir).isDirectory()) {
    throw new SourceError(`${root} is not a qubes-secpack checkout: it has no QSBs/ folder`, qsbDir);
  }
  const keysDir = path.join(root, "keys");
  if (!existsSync(keysDir) || !statSync(keysDir).isDirectory()) {
    throw new SourceError(`${root} is not a qubes-secpack checkout: it has no keys/ folder`, keysDir);
  }
  const names = readdirSync(qsbDir).sort();
  const notes: SecpackTree["notes"] = [];
  const bulletins = new Map<string, BulletinFile>();
  const numbers = new Map<number, string>();

  for (const name of names) {
    const match = BULLETIN_FILE.exec(name);
    if (!match) continue;
    const file = path.join(qsbDir, name);
    const bytes = readBytes(file, "bulletin");
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
    const bytes = readBytes(path.join(qsbDir, name), "signature");
    bulletin.signatures.push({ fileName: name, signer: match[3] ?? "", bytes, sha256: sha256Hex(bytes) });
  }

  return { root, commit, location, bulletins: [...bulletins.values()], keysDir, notes };
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
