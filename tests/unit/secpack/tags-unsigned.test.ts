// Tags that carry no signature: a lightweight tag (a plain ref to a commit, no
// tag object) and an annotated tag without a signature are `unsigned`, said so
// in words, never `malformed` (nothing in them is malformed). A tiny git
// repository made in a temporary folder.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { keyringFromArmored } from "@/lib/pgp";
import type { SecpackTree } from "@/lib/secpack/source";
import { secpackTagsSource, type TagVerdict } from "@/lib/secpack/tags";

let dir: string;
let verdicts: TagVerdict[];
let warnings: string[];

function git(...args: string[]): string {
  return execFileSync("git", ["-C", dir, ...args], {
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.org" },
  }).trim();
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "tags-unsigned-"));
  git("init", "--quiet");
  writeFileSync(path.join(dir, "a.txt"), "a\n");
  git("add", "a.txt");
  git("commit", "--quiet", "--no-gpg-sign", "-m", "one");
  git("tag", "lightweight_one");
  git("tag", "--no-sign", "-a", "-m", "annotated, not signed", "annotated_one");
  const commit = git("rev-parse", "HEAD");
  const gitDir = path.join(dir, ".git");
  const secpack = {
    location: dir,
    git: { kind: "git-work-tree", gitDir, commit, commitDate: "2026-01-01T00:00:00Z", commitSubject: "one" },
  } as unknown as SecpackTree;
  const keyring = await keyringFromArmored([]);
  const fetched = await secpackTagsSource.fetch({ secpack, dataDir: dir, progress: () => undefined });
  const verified = await fetched.parse({ bulletins: [] }).verify({ keyring, signatures: [] });
  const built = verified.build({ build: { warnings: [] } as never });
  warnings = built.warnings.map((w) => w.message);
  // The records are not exposed by the plugged interface: read them through a store into a fake transaction.
  let stored: TagVerdict[] = [];
  await built.store(
    {
      secpackProvenance: { create: () => Promise.resolve() },
      secpackTag: { createMany: ({ data }: { data: TagVerdict[] }) => ((stored = data), Promise.resolve()) },
    } as never,
    { now: new Date() },
  );
  verdicts = stored;
});

after(() => rmSync(dir, { recursive: true, force: true }));

test("a lightweight tag is unsigned and called lightweight, not malformed", () => {
  const tag = verdicts.find((v) => v.name === "lightweight_one");
  assert.ok(tag, "the lightweight tag is recorded");
  assert.equal(tag.status, "unsigned");
  assert.match(tag.reason ?? "", /lightweight/);
});

test("an annotated tag without a signature is unsigned, with its tagger and message", () => {
  const tag = verdicts.find((v) => v.name === "annotated_one");
  assert.ok(tag);
  assert.equal(tag.status, "unsigned");
  assert.match(tag.reason ?? "", /annotated tag without a PGP signature/);
  assert.equal(tag.tagger, "t");
  assert.equal(tag.message, "annotated, not signed");
});

test("the sync's warning counts them apart from the signed tags that fail", () => {
  assert.ok(warnings.some((w) => /2 tag\(s\) on the synced history carry no signature \(1 lightweight, 1 annotated\)/.test(w)), warnings.join("\n"));
  assert.ok(!warnings.some((w) => /signed tags on the synced history do not verify/.test(w)), warnings.join("\n"));
});
