// The real secpack as git: a mirror of ../shared/fixtures/git/qubes-secpack.bundle
// (made in a temporary folder, never in the project), and its files read at
// the synced commit. The canaries live only there (not in the plain folder
// fixture).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SECPACK_BUNDLE } from "./fixtures";

/** The commit the bundle's HEAD names (2026-07-28). */
export const SECPACK_HEAD = "dd0eabfdfb72e5371c7ca55dff610db75fcbe85a";

/** `git clone --mirror` of the bundle into `dir` (default: a new temporary folder). */
export function mirrorSecpack(dir?: string): string {
  const target = dir ?? path.join(mkdtempSync(path.join(os.tmpdir(), "secpack-mirror-")), "qubes-secpack.git");
  execFileSync("git", ["clone", "--quiet", "--mirror", SECPACK_BUNDLE, target], { stdio: ["ignore", "pipe", "pipe"] });
  return target;
}

let shared: string | undefined;

/** One mirror per test process, removed at exit. */
export function sharedSecpackMirror(): string {
  if (!shared) {
    shared = mirrorSecpack();
    const root = path.dirname(shared);
    process.once("exit", () => rmSync(root, { recursive: true, force: true }));
  }
  return shared;
}

/** A file of the real secpack at HEAD (`git show HEAD:path`), as bytes. */
export function secpackFile(file: string): Buffer {
  return execFileSync("git", ["--git-dir", sharedSecpackMirror(), "show", `${SECPACK_HEAD}:${file}`], { maxBuffer: 64 * 1024 * 1024 });
}

/** The names in a folder of the real secpack at HEAD. */
export function secpackList(dir: string): string[] {
  return execFileSync("git", ["--git-dir", sharedSecpackMirror(), "ls-tree", "--name-only", `${SECPACK_HEAD}:${dir}`], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .sort();
}
