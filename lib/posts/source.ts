// The Qubes news posts as a source: a local folder of posts (a checkout of
// qubes-posts), a git URL, or a local git repository or bundle
// (`qubes-posts.bundle`). Git goes through the secpack's git module
// (lib/secpack/git.ts), the one git code path: a URL or a bundle is mirrored
// into the data folder (cloned the first time, fetched after), a repository
// is read at its HEAD, and the posts are read from the commit's tree. Only
// the posts the importer keeps are read (see classifyPost); the others are
// counted.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { listGitTree, readGitEntries, resolveGitRepository } from "@/lib/secpack/git";
import { SourceError } from "@/lib/secpack/errors";
import { decodeText, sha256Hex } from "@/lib/secpack/read-text";
import { classifyPost, POST_FILE } from "./parse-post";

/** A post is a page of text; anything larger is not read (and said so). */
export const MAX_POST_BYTES = 512 * 1024;

const POSTS_LABEL = {
  what: "news posts",
  hint: "sync from a local copy instead: --posts <qubes-posts folder, repository or .bundle>",
};

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

/** Makes the posts available (a folder, or a git repository's commit), and reads them. */
export async function readPostsSource(location: string, mirrorDir: string): Promise<PostsTree> {
  const repo = await resolveGitRepository(location, mirrorDir, POSTS_LABEL);
  if (!repo) return readPostsTree(path.resolve(location), null, location);
  const entries = (await listGitTree(repo.gitDir, repo.commit, [])).filter((e) => postCandidate(e.path));
  const kept = entries.filter((e) => keptPost(e.path));
  const files = await readGitEntries(repo.gitDir, kept);
  const bytes = new Map(files.map((f) => [f.path, f.bytes]));
  return postsFromFiles(
    repo.gitDir,
    repo.commit,
    location,
    entries.map((e) => e.path).sort(),
    (rel) => bytes.get(rel) ?? Buffer.alloc(0),
  );
}

/** A post file at the top of the repository or in _posts/. */
function postCandidate(rel: string): boolean {
  const parts = rel.split("/");
  return (parts.length === 1 || (parts.length === 2 && parts[0] === "_posts")) && POST_FILE.test(parts[parts.length - 1] ?? "");
}

/** A post the importer keeps (an XSA, bulletin or canary announcement). */
function keptPost(rel: string): boolean {
  const match = POST_FILE.exec(path.basename(rel));
  return match !== null && classifyPost(match[4] ?? "").kind !== null;
}

/** The posts of a local folder (at the top or in _posts/). */
export function readPostsTree(root: string, commit: string | null, location: string): PostsTree {
  const candidates: string[] = [];
  for (const dir of ["", "_posts"]) {
    const full = path.join(root, dir);
    if (!existsSync(full) || !statSync(full).isDirectory()) continue;
    for (const name of readdirSync(full).sort()) if (POST_FILE.test(name)) candidates.push(dir ? `${dir}/${name}` : name);
  }
  return postsFromFiles(root, commit, location, candidates, (rel) => readFileSync(path.join(root, rel)));
}

function postsFromFiles(root: string, commit: string | null, location: string, candidates: string[], read: (rel: string) => Buffer): PostsTree {
  const notes: PostsTree["notes"] = [];
  if (candidates.length === 0) {
    throw new SourceError(`${location} holds no news posts (YYYY-MM-DD-slug.md files, at the top or in _posts/)`, root);
  }
  const files: PostFile[] = [];
  for (const rel of candidates) {
    if (!keptPost(rel)) continue;
    let bytes: Buffer;
    try {
      bytes = read(rel);
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
    files.push({ path: rel, fileName: path.basename(rel), text: decoded.text, sha256: sha256Hex(bytes) });
  }
  const sha256 = sha256Hex(files.map((f) => `${f.path}:${f.sha256}`).join("\n"));
  return { location, root, commit, files, postCount: candidates.length, sha256, notes };
}
