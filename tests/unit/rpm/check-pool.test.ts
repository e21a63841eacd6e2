// The check's worker pool: the answer from a worker thread is the answer
// checkText gives on the calling thread, and a full queue refuses at once
// (the API answers 503) instead of piling checks up; the worker runs at the
// lowest CPU priority, the main thread at its own.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { CheckBusyError, createCheckPool } from "@/lib/rpm/check-pool";
import { checkText, type CheckTextInput } from "@/lib/rpm/check-text";
import { MAX_INPUT_CHARS } from "@/lib/rpm/installed";
import { CHECK_WORKER_NICE, lowerThreadPriority, threadNiceValues } from "@/lib/rpm/thread-priority";
import { listAtLimit } from "../../../scripts/bench/check-list";
import { PROJECT_ROOT } from "../../helpers/fixtures";

const LIST = readFileSync(path.join(PROJECT_ROOT, "tests", "fixtures", "check", "qubes-4.2-unfixed.rpm-qa.txt"), "utf8");
const support = { status: "supported" as const, start: "2023-12-18", end: null, moveTo: null, asOf: "2026-12-01", stale: false, sentence: "Qubes OS R4.2 is supported." };
const input = (text: string): CheckTextInput => ({
  text,
  asked: null,
  releases: [{ name: "4.2", dom0Fedora: 37, support }],
  fixes: { "4.2": [{ bulletin: 92, family: "kernel-vm", package: "kernel-qubes-vm", versions: ["6.1.43", "6.4.8"], where: "dom0", distribution: null }] },
  actions: { "4.2": [{ bulletin: 92, action: "restart-vms" }] },
});

test("a worker gives the same answer as the calling thread", async () => {
  const pool = createCheckPool(1, 1);
  const fromWorker = await pool.run(input(LIST));
  assert.deepEqual(fromWorker, checkText(input(LIST)));
  assert.ok(fromWorker.ok && fromWorker.answer.missing.some((m) => m.package === "kernel-qubes-vm" && m.fixedIn === "6.1.43"));
  const garbage = await pool.run(input("hello\nworld"));
  assert.equal(garbage.ok, false);
});

test("with the worker busy and the queue full, one more check is refused at once", async () => {
  const pool = createCheckPool(1, 1);
  const big = input(listAtLimit(LIST, MAX_INPUT_CHARS));
  const running = pool.run(big);
  const queued = pool.run(big);
  const started = performance.now();
  await assert.rejects(pool.run(big), (error: unknown) => error instanceof CheckBusyError && /2 lists are being checked or waiting/.test(error.message));
  assert.ok(performance.now() - started < 100, "refused without waiting");
  const [a, b] = await Promise.all([running, queued]);
  assert.ok(a.ok && b.ok, "both answered");
  assert.equal(a.answer.packagesRead, b.answer.packagesRead);
  assert.ok(a.answer.packagesRead > 40_000, `${a.answer.packagesRead} packages read`);
});

test("the worker thread runs at nice 19, and the main thread keeps its priority (Linux: /proc/self/task/*/stat)", { skip: process.platform !== "linux" ? "a thread's own priority is Linux's" : false }, async (t) => {
  const before = threadNiceValues();
  const mainNice = before.get(process.pid);
  assert.ok(mainNice !== undefined, "the main thread is in /proc/self/task");
  if (mainNice >= CHECK_WORKER_NICE) {
    t.skip(`this test process already runs at nice ${mainNice}`);
    return;
  }
  const lowBefore = [...before.values()].filter((n) => n === CHECK_WORKER_NICE).length;
  const pool = createCheckPool(1, 1);
  const answer = await pool.run(input(LIST));
  assert.ok(answer.ok);
  const after = threadNiceValues();
  assert.equal(after.get(process.pid), mainNice, "the main thread's nice value is unchanged");
  assert.equal(os.getPriority(0), mainNice, "os.getPriority(0) on the main thread is unchanged");
  const lowAfter = [...after.entries()].filter(([, n]) => n === CHECK_WORKER_NICE);
  assert.equal(lowAfter.length, lowBefore + 1, `one more thread at nice ${CHECK_WORKER_NICE}: ${JSON.stringify([...after])}`);
  assert.ok(lowAfter.every(([tid]) => tid !== process.pid));
});

test("lowerThreadPriority refuses the main thread", () => {
  const outcome = lowerThreadPriority();
  assert.equal(outcome.lowered, false);
  assert.equal(threadNiceValues().get(process.pid) ?? os.getPriority(0), os.getPriority(0));
});
