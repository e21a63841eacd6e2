import assert from "node:assert/strict";
import { test } from "node:test";
import { descendants, parseStat, processTree } from "@/scripts/bench/process-tree";

test("a process tree: the root and every descendant, nothing else", () => {
  const parents = new Map([[10, 1], [11, 10], [12, 11], [13, 1], [14, 12]]);
  assert.deepEqual(descendants(parents, 10).sort(), [10, 11, 12, 14]);
});

test("a stat line whose name holds spaces and parentheses", () => {
  assert.deepEqual(parseStat("4242 (next-server (v1)) S 4200 4242 4242 0 -1"), { name: "next-server (v1)", ppid: 4200 });
});

test("this process is its own tree, with its memory", () => {
  const [self] = processTree(process.pid);
  assert.equal(self?.pid, process.pid);
  assert.ok((self?.rssKb ?? 0) > 1000);
});
