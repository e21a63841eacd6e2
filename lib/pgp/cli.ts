// `npm run verify -- <file> <signature> [--keys <dir>] [--master <fingerprint>]`
//
// Verifies one detached signature over a file's exact bytes against the keys
// of the secpack's keys/ tree, trusting only keys certified by the pinned
// master key. Exit code: 0 valid, 1 any other verdict, 2 usage error.
// Keys: --keys <dir>, else the keys/ of the secpack mirror a sync keeps
// (<data folder>/qubes-secpack.git, read at its HEAD; the data folder is the
// database file's, as in a sync), else the keys/ of SECPACK_SOURCE when that
// is a local folder or git repository. The master defaults to
// QUBES_MASTER_FINGERPRINT, as in a sync.
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { dataDir, getEnv } from "../env";
import { git, isRemote, readGitTree, secpackMirrorDir } from "../secpack/git";
import { keyringFromArmored, loadKeyring, type Keyring } from "./keyring";
import type { SignatureVerdict } from "./types";
import { verifyDetached } from "./verify";

const USAGE = "usage: npm run verify -- <file> <signature> [--keys <dir>] [--master <fingerprint>]";

class UsageError extends Error {}

interface Args {
  file: string;
  signature: string;
  keys: string | null;
  master: string;
}

function parseArgs(argv: string[]): Args | "help" {
  const positional: string[] = [];
  let keys: string | null = null;
  let master = getEnv().QUBES_MASTER_FINGERPRINT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return "help";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--keys" || flag === "--master") {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
      if (flag === "--keys") keys = value;
      else master = value;
    } else if (arg === "--") {
      continue;
    } else if (arg.startsWith("--")) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) {
    throw new UsageError(positional.length < 2 ? "expected a file and its signature" : `unexpected argument ${positional[2]}`);
  }
  const fp = master.replace(/\s+/g, "").toUpperCase();
  if (!/^[0-9A-F]{40}$/.test(fp)) throw new UsageError(`--master must be a 40-hex-digit fingerprint, got "${master}"`);
  return { file: positional[0] as string, signature: positional[1] as string, keys, master: fp };
}

/** Where the keys are read from: a folder, or the keys/ of a git repository's HEAD. */
type KeysSource = { dir: string } | { gitDir: string; commit: string };

async function gitHead(gitDir: string): Promise<string | null> {
  try {
    return (await git(gitDir, ["rev-parse", "--verify", "HEAD^{commit}"])).trim();
  } catch {
    return null;
  }
}

/** A git directory (bare, or a work tree's .git) whose HEAD has a keys/ folder. */
async function gitKeys(dir: string): Promise<KeysSource | null> {
  for (const gitDir of [dir, path.join(dir, ".git")]) {
    if (!existsSync(path.join(gitDir, "HEAD"))) continue;
    const commit = await gitHead(gitDir);
    if (commit && (await git(gitDir, ["ls-tree", "--name-only", commit, "keys"])).trim() === "keys") return { gitDir, commit };
  }
  return null;
}

const isDir = (dir: string) => existsSync(dir) && statSync(dir).isDirectory();

async function resolveKeys(explicit: string | null): Promise<KeysSource> {
  if (explicit !== null) {
    const dir = path.resolve(explicit);
    if (!isDir(dir)) throw new UsageError(`keys directory not found: ${dir}`);
    return { dir };
  }
  const mirror = secpackMirrorDir(dataDir());
  const tried = [`${mirror} (the sync's mirror)`];
  const fromMirror = await gitKeys(mirror);
  if (fromMirror) return fromMirror;
  const secpack = getEnv().SECPACK_SOURCE;
  if (!isRemote(secpack)) {
    const dir = path.resolve(secpack, "keys");
    if (isDir(dir)) return { dir };
    const fromRepo = await gitKeys(path.resolve(secpack));
    if (fromRepo) return fromRepo;
    tried.push(`${dir} (from SECPACK_SOURCE)`);
  }
  throw new UsageError(`keys not found: ${tried.join(", ")}; pass --keys <dir> (the secpack's keys/ folder), or run a sync first`);
}

async function readKeys(source: KeysSource, masterFingerprint: string): Promise<{ keyring: Keyring; where: string }> {
  if ("dir" in source) return { keyring: await loadKeyring(source.dir, { masterFingerprint }), where: source.dir };
  const files = await readGitTree(source.gitDir, source.commit, ["keys"]);
  const keyring = await keyringFromArmored(
    files.map((f) => ({ path: f.path.slice("keys/".length), armored: f.bytes })),
    { masterFingerprint },
  );
  return { keyring, where: `keys/ of ${source.gitDir} at ${source.commit.slice(0, 12)}` };
}

async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new UsageError(`${what} is not a file: ${file}`);
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
}

function print(verdict: SignatureVerdict): void {
  const lines: [string, string][] = [
    ["status", verdict.status],
    ["signer", verdict.signerUserId ?? "-"],
    ["fingerprint", verdict.fingerprint ?? (verdict.issuerKeyId ? `unknown (issuer key ID ${verdict.issuerKeyId})` : "-")],
    ["created", verdict.createdAt ? verdict.createdAt.toISOString() : "-"],
    ["hash algorithm", verdict.hashAlgorithm ? `${verdict.hashAlgorithm}${verdict.weakHash ? " (weak)" : ""}` : "-"],
    ["certified by master", verdict.certifiedByMaster ? "yes" : "no"],
    ["reason", verdict.reason ?? "-"],
  ];
  for (const [label, value] of lines) console.log(`${`${label}:`.padEnd(21)}${value}`);
}

async function main(argv: string[]): Promise<number> {
  let args: Args | "help";
  try {
    args = parseArgs(argv);
    if (args === "help") {
      console.log(USAGE);
      return 0;
    }
    const keys = await resolveKeys(args.keys);
    const data = await readInput(args.file, "file");
    const signature = await readInput(args.signature, "signature");
    const { keyring, where: keysDir } = await readKeys(keys, args.master);
    const verdict = await verifyDetached(data, signature, keyring);
    console.log(`${"file:".padEnd(21)}${args.file}`);
    console.log(`${"signature:".padEnd(21)}${args.signature}`);
    console.log(`${"keys:".padEnd(21)}${keysDir} (${keyring.keys.length} keys, master ${args.master})`);
    print(verdict);
    return verdict.status === "valid" ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`verify: ${error.message}`);
      console.error(USAGE);
      return 2;
    }
    console.error(`verify: ${(error as Error).message ?? String(error)}`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify: ${String(error)}`);
    process.exit(2);
  },
);
