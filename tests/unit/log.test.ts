// The log: lines keep their format, and the request lines of one turn of
// the event loop go out in one write, in order (one write per request cost
// the front server's hit path a system call each).
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatLogLine, log } from "@/lib/log";

test("a text line and a JSON line", () => {
  const at = "2026-12-01T16:00:00.000Z";
  assert.equal(formatLogLine("info", "request", { method: "GET", path: "/qsb/54", ms: 0.1, cache: "hit", none: undefined }, "text", at), `${at} info request method=GET path=/qsb/54 ms=0.1 cache=hit`);
  assert.equal(formatLogLine("warn", "sync", { message: "a b" }, "text", at), `${at} warn sync message="a b"`);
  assert.deepEqual(JSON.parse(formatLogLine("info", "request", { path: "/", cache: null, none: undefined }, "json", new Date(at))), { time: at, level: "info", event: "request", path: "/", cache: null });
});

test("info lines of one turn are written together, in order", async () => {
  const writes: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    // The test runner writes to stdout too: keep only the log's lines, pass on the rest.
    if (!String(chunk).includes(" request n=")) return write(chunk);
    writes.push(String(chunk));
    return true;
  });
  try {
    log("info", "request", { n: 1 });
    log("info", "request", { n: 2 });
    log("info", "request", { n: 3 });
    assert.equal(writes.length, 0, "nothing written yet");
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.stdout.write = write;
  }
  assert.equal(writes.length, 1);
  assert.deepEqual(writes[0]?.trimEnd().split("\n").map((line) => /n=(\d)/.exec(line)?.[1]), ["1", "2", "3"]);
});

test("a long batch goes out in writes of whole lines of at most 4096 bytes (the front workers share stdout)", async () => {
  const writes: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    if (!String(chunk).includes(" request n=")) return write(chunk);
    writes.push(String(chunk));
    return true;
  });
  try {
    for (let n = 0; n < 200; n++) log("info", "request", { n, path: `/qsb/${"x".repeat(60)}` });
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.stdout.write = write;
  }
  assert.ok(writes.length > 1, `${writes.length} writes`);
  for (const chunk of writes) {
    assert.ok(Buffer.byteLength(chunk) <= 4096, `${Buffer.byteLength(chunk)} bytes in one write`);
    assert.ok(chunk.endsWith("\n"), "whole lines");
  }
  const numbers = writes.join("").trimEnd().split("\n").map((line) => Number(/n=(\d+)/.exec(line)?.[1]));
  assert.deepEqual(numbers, Array.from({ length: 200 }, (_, n) => n));
});
