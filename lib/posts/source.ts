// The Qubes news posts as a source: a local folder of posts (a checkout of
// qubes-posts), a git URL, or a local git repository or bundle
// (`qubes-posts.bundle`), cloned (first run) or fetched (later runs) into the
// data folder. Only the posts the importer keeps are read (see
// classifyPost); the others are counted.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { SourceError } from "@/lib/secpack/errors";
import { decodeText, sha256Hex } from "@/lib/secpack/read-text";
import { isRemote } from "@/lib/secpack/source";
import { classifyPost, POST_FILE } from "./parse-post";

const run = promisify(execFile);
const GIT_TIMEOUT_MS = 5 * 60_000;
/** A post is a page of text; anything larger is not read (and said so). */
export const MAX_POST_BYTES = 512 * 1024;

export interface PostFile {
  /** Relative to the repository root: "2024-08-14-xsas-released-on-2024-08-13.md" or "_posts/...". */
  path: string;
  fileName: string;
  text: string;
  sha256: string;
}

export interface PostsTree {
  location: string;
  root: string;
  commit: string | null;
  /** The posts the importer keeps (XSA, bulletin and canary announcements). */
  files: PostFile[];
  /** Every post file in the tree, kept or not. */
  postCount: number;
  /** sha256 over the kept files' names and hashes: equal means nothing to parse again. */
  sha256: string;
  notes: { file: string; message: string }[];
}

/** A local git repository without a work tree, or a bundle file: cloned like a URL. */
function isLocalRepository(location: string): boolean {
  const full = path.resolve(location);
  if (!existsSync(full)) return false;
  if (statSync(full).isFile()) return /\.bundle$/.test(full);
  return existsSync(path.join(full, "HEAD")) && existsSync(path.join(full, "objects"));
}

/** Makes the posts available as a local folder, and reads them. */
export async function readPostsSource(location: string, checkoutDir: string): Promise<PostsTree> {
  let root: string;
  let commit: string | null;
  if (isRemote(location) || isLocalRepository(location)) {
    const source = isRemote(location) ? location : path.resolve(location);
    await cloneOrFetch(source, checkoutDir);
    root = checkoutDir;
    commit = await gitCommit(checkoutDir);
  } else {
    root = path.resolve(location);
    if (!existsSync(root)) throw new SourceError(`the posts folder ${root} does not exist`, root);
    if (!statSync(root).isDirectory()) {
      throw new SourceError(`the posts path ${root} is not a folder, a git repository or a .bundle file`, root);
    }
    commit = await gitCommit(root);
  }
  return readPostsTree(root, commit, location);
}

export function readPostsTree(root: string, commit: string | null, location: string): PostsTree {
  const notes: PostsTree["notes"] = [];
  const candidates: string[] = [];
  for (const dir of ["", "_posts"]) {
    const full = path.join(root, dir);
    if (!existsSync(full) || !statSync(full).isDirectory()) continue;
    for (const name of readdirSync(full).sort()) if (POST_FILE.test(name)) candidates.push(dir ? `${dir}/${name}` : name);
  }
  if (candidates.length === 0) {
    throw new SourceError(`${root} holds no news posts (YYYY-MM-DD-slug.md files, at the top or in _posts/)`, root);
  }
  const files: PostFile[] = [];
  for (const rel of candidates) {
    const fileName = path.basename(rel);
    const match = POST_FILE.exec(fileName);
    if (!match || classifyPost(match[4] ?? "").kind === null) continue;
    const full = path.join(root, rel);
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch (error) {
      notes.push({ file: rel, message: `cannot read the post ${rel}: ${(error as Error).message}` });
      continue;
    }
    if (bytes.length > MAX_POST_BYTES) {
      notes.push({ file: rel, message: `the post ${rel} is ${Math.round(bytes.length / 1024)} KB, over the ${MAX_POST_BYTES / 1024} KB a post can be; not read` });
      continue;
    }
    const decoded = decodeText(bytes);
    if (decoded.problem) notes.push({ file: rel, message: `the post ${rel} ${decoded.problem}` });
    files.push({ path: rel, fileName, text: decoded.text, sha256: sha256Hex(bytes) });
  }
  const sha256 = sha256Hex(files.map((f) => `${f.path}:${f.sha256}`).join("\n"));
  return { location, root, commit, files, postCount: candidates.length, sha256, notes };
}

async function cloneOrFetch(source: string, dir: string): Promise<void> {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: "0" };
  const options = { env, timeout: GIT_TIMEOUT_MS };
  try {
    if (existsSync(path.join(dir, ".git"))) {
      await run("git", ["-C", dir, "fetch", "--quiet", source, "HEAD"], options);
      await run("git", ["-C", dir, "checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], options);
    } else {
      await run("git", ["clone", "--quiet", source, dir], options);
    }
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim().split("\n").pop() ?? (error as Error).message;
    throw new SourceError(
      `cannot clone or fetch the news posts from ${source}: ${detail}`,
      source,
      "sync from a local copy instead: --posts <qubes-posts folder, repository or .bundle>",
    );
  }
}

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
