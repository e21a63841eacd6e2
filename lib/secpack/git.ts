// The secpack as a git repository: a URL or a bundle is mirrored into the
// data folder (cloned the first time, fetched after); a bare mirror or a work
// tree is read where it is. Either way the files are read from the fetched
// commit's tree (never from a work tree's uncommitted files), through `git`.
import { execFile, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { SourceError } from "./errors";

const run = promisify(execFile);
const GIT_TIMEOUT_MS = 5 * 60_000;
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };

/** How the secpack was given: the vocabulary of the source's kind, in the API and on the pages. */
export type SecpackKind = "git-url" | "git-bundle" | "git-mirror" | "git-work-tree" | "folder";

export const SECPACK_KIND_LABEL: Record<SecpackKind, string> = {
  "git-url": "git repository (remote)",
  "git-bundle": "git bundle",
  "git-mirror": "bare git repository",
  "git-work-tree": "git work tree",
  folder: "plain folder (no git history)",
};

export interface GitSecpack {
  kind: Exclude<SecpackKind, "folder">;
  /** The repository the tree, tags and history are read from. */
  gitDir: string;
  commit: string;
  /** Committer date of the commit, ISO 8601. */
  commitDate: string;
  commitSubject: string;
}

/** Where a sync mirrors a secpack given as a URL or a bundle: `<dataDir>/qubes-secpack.git`. */
export function secpackMirrorDir(dataDir: string): string {
  return path.join(dataDir, "qubes-secpack.git");
}

export function isRemote(location: string): boolean {
  return /^(https?|git|ssh|file):\/\//.test(location) || /^[\w.-]+@[\w.-]+:/.test(location);
}

export async function git(gitDir: string, args: string[], input?: string): Promise<string> {
  if (input === undefined) {
    const { stdout } = await run("git", ["--git-dir", gitDir, ...args], {
      env: GIT_ENV,
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  }
  return (await gitBytes(gitDir, args, input)).toString("utf8");
}

/** Runs git with `input` on stdin and returns stdout as bytes. */
export function gitBytes(gitDir: string, args: string[], input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["--git-dir", gitDir, ...args], { env: GIT_ENV });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`git ${args[0] ?? ""} exited with ${code}: ${Buffer.concat(err).toString("utf8").trim()}`));
    });
    child.stdin.end(input);
  });
}

function lastLine(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return stderr ? (stderr.split("\n").pop() ?? stderr) : (error as Error).message;
}

/** The git directory of a local path (bare or work tree), or null when it is not the top of one. */
async function localGitDir(dir: string): Promise<{ gitDir: string; bare: boolean } | null> {
  const ask = async (args: string[]) =>
    (await run("git", ["-C", dir, "rev-parse", ...args], { env: GIT_ENV, timeout: 10_000 })).stdout.trim();
  try {
    const [bare, gitDir] = (await ask(["--is-bare-repository", "--absolute-git-dir"])).split("\n");
    if (!gitDir) return null;
    if (bare === "true") return path.resolve(gitDir) === path.resolve(dir) ? { gitDir, bare: true } : null;
    const top = await ask(["--show-toplevel"]);
    return path.resolve(top) === path.resolve(dir) ? { gitDir, bare: false } : null;
  } catch {
    return null;
  }
}

/** How a repository is named in errors: "secpack", "news posts", with the advice when it cannot be fetched. */
export interface RepositoryLabel {
  what: string;
  hint: string;
}

const SECPACK_LABEL: RepositoryLabel = {
  what: "secpack",
  hint: "sync from a local copy instead: npm run sync -- --secpack <folder with QSBs/ and keys/, or a git bundle or mirror>",
};

/**
 * Where the secpack is, as git sees it: null for a plain folder (history and
 * tags then unknown). A URL or a bundle is mirrored into `mirrorDir`.
 */
export function resolveGitSecpack(location: string, mirrorDir: string): Promise<GitSecpack | null> {
  return resolveGitRepository(location, mirrorDir, SECPACK_LABEL);
}

/**
 * Any repository the sync reads (the secpack, the news posts): a URL or a
 * bundle is mirrored into `mirrorDir` (cloned the first time, fetched after);
 * a bare repository or the top of a work tree is read at its HEAD; null for
 * a plain folder.
 */
export async function resolveGitRepository(location: string, mirrorDir: string, label: RepositoryLabel): Promise<GitSecpack | null> {
  let kind: GitSecpack["kind"];
  let gitDir: string;
  let commit: string;
  if (isRemote(location) || (existsSync(location) && statSync(location).isFile())) {
    kind = isRemote(location) ? "git-url" : "git-bundle";
    const source = kind === "git-url" ? location : path.resolve(location);
    gitDir = mirrorDir;
    commit = await mirror(source, mirrorDir, label);
  } else {
    const dir = path.resolve(location);
    if (!existsSync(dir)) throw new SourceError(`the ${label.what} folder ${dir} does not exist`, dir);
    if (!statSync(dir).isDirectory()) throw new SourceError(`the ${label.what} path ${dir} is not a folder`, dir);
    const local = await localGitDir(dir);
    if (!local) return null;
    kind = local.bare ? "git-mirror" : "git-work-tree";
    gitDir = local.gitDir;
    try {
      commit = (await git(gitDir, ["rev-parse", "--verify", "HEAD^{commit}"])).trim();
    } catch (error) {
      throw new SourceError(`the git repository ${dir} has no commit at HEAD: ${lastLine(error)}`, dir);
    }
  }
  const [date = "", subject = ""] = (await git(gitDir, ["show", "-s", "--format=%cI%n%s", commit])).split("\n");
  return { kind, gitDir, commit, commitDate: date, commitSubject: subject };
}

/** Clones (first run) or fetches (later runs) every ref of `source` into a bare mirror; returns the source's HEAD. */
async function mirror(source: string, dir: string, label: RepositoryLabel): Promise<string> {
  const options = { env: GIT_ENV, timeout: GIT_TIMEOUT_MS };
  try {
    if (!existsSync(path.join(dir, "HEAD"))) {
      await run("git", ["clone", "--quiet", "--mirror", source, dir], options);
      return (await git(dir, ["rev-parse", "--verify", "HEAD^{commit}"])).trim();
    }
    await run(
      "git",
      ["--git-dir", dir, "fetch", "--quiet", "--force", "--prune", source, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"],
      options,
    );
    await run("git", ["--git-dir", dir, "fetch", "--quiet", source, "HEAD"], options);
    return (await git(dir, ["rev-parse", "--verify", "FETCH_HEAD^{commit}"])).trim();
  } catch (error) {
    throw new SourceError(`cannot clone or fetch the ${label.what} from ${source}: ${lastLine(error)}`, source, label.hint);
  }
}

export interface GitFile {
  /** Path in the tree, with forward slashes. */
  path: string;
  /** "100644", "100755", "120000" (a symbolic link: the bytes are its target) ... */
  mode: string;
  bytes: Buffer;
}

export interface GitTreeEntry {
  path: string;
  mode: string;
  oid: string;
}

/** The blobs of the commit's tree under the given top-level folders (every blob when none is given), without reading them. */
export async function listGitTree(gitDir: string, commit: string, folders: string[]): Promise<GitTreeEntry[]> {
  const listing = await git(gitDir, ["ls-tree", "-r", "-z", "--full-tree", commit, "--", ...folders]);
  return listing
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode = "", type = "", oid = ""] = line.slice(0, tab).split(" ");
      return { mode, type, oid, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === "blob")
    .map(({ mode, oid, path: p }) => ({ mode, oid, path: p }));
}

/** Reads the given entries through one `git cat-file --batch`. */
export async function readGitEntries(gitDir: string, entries: GitTreeEntry[]): Promise<GitFile[]> {
  if (entries.length === 0) return [];
  const blobs = await catFiles(gitDir, entries.map((e) => e.oid));
  return entries.map((e, i) => ({ path: e.path, mode: e.mode, bytes: blobs[i] ?? Buffer.alloc(0) }));
}

/** Every blob under the given top-level folders of the commit's tree. */
export async function readGitTree(gitDir: string, commit: string, folders: string[]): Promise<GitFile[]> {
  return readGitEntries(gitDir, await listGitTree(gitDir, commit, folders));
}

/** The contents of objects by id, in order, through one `git cat-file --batch`. */
export async function catFiles(gitDir: string, oids: string[]): Promise<Buffer[]> {
  const out = await gitBytes(gitDir, ["cat-file", "--batch"], `${oids.join("\n")}\n`);
  const result: Buffer[] = [];
  let at = 0;
  for (const oid of oids) {
    const newline = out.indexOf(0x0a, at);
    const header = out.subarray(at, newline).toString("utf8");
    const size = Number(header.split(" ")[2]);
    if (!header.startsWith(oid) || !Number.isFinite(size)) throw new Error(`git cat-file: unexpected answer for ${oid}: ${header}`);
    result.push(out.subarray(newline + 1, newline + 1 + size));
    at = newline + 1 + size + 1;
  }
  return result;
}
