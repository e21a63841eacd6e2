// The log: lines keep their format, and request lines go out in batches, in
// order, at most INFO_DELAY_MS late (one write per request, or per turn of
// the event loop, cost the front server's hit path a system call each).
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatLogLine, INFO_DELAY_MS, log } from "@/lib/log";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("a text line and a JSON line", () => {
  const at = "2026-12-01T16:00:00.000Z";
  assert.equal(formatLogLine("info", "request", { method: "GET", path: "/qsb/54", ms: 0.1, cache: "hit", none: undefined }, "text", at), `${at} info request method=GET path=/qsb/54 ms=0.1 cache=hit`);
  assert.equal(formatLogLine("warn", "sync", { message: "a b" }, "text", at), `${at} warn sync message="a b"`);
  assert.deepEqual(JSON.parse(formatLogLine("info", "request", { path: "/", cache: null, none: undefined }, "json", new Date(at))), { time: at, level: "info", event: "request", path: "/", cache: null });
});

/** Runs `body` with the log's request lines captured (the test runner's own output passes on). */
async function captured(body: (writes: readonly string[]) => Promise<void> | void): Promise<string[]> {
  const writes: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    if (!String(chunk).includes(" request n=")) return write(chunk);
    writes.push(String(chunk));
    return true;
  });
  try {
    await body(writes);
  } finally {
    process.stdout.write = write;
  }
  return writes;
}

test("info lines of several turns of the event loop are written together, in order, after INFO_DELAY_MS", async (t) => {
  // The log's timer on a mocked clock: a loaded machine cannot stretch the turns past it.
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const writes = await captured(async (writes) => {
    log("info", "request", { n: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    log("info", "request", { n: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    log("info", "request", { n: 3 });
    t.mock.timers.tick(INFO_DELAY_MS - 1);
    assert.equal(writes.length, 0, "nothing written yet");
    t.mock.timers.tick(1);
  });
  assert.equal(writes.length, 1);
  assert.deepEqual(writes[0]?.trimEnd().split("\n").map((line) => /n=(\d)/.exec(line)?.[1]), ["1", "2", "3"]);
});

test("a warning writes the info lines before it first", async () => {
  const errors: string[] = [];
  const writeError = process.stderr.write.bind(process.stderr);
  const writes = await captured((writes) => {
    process.stderr.write = ((chunk: string) => {
      if (!String(chunk).includes(" warn sync")) return writeError(chunk);
      errors.push(`${writes.length} ${String(chunk)}`);
      return true;
    });
    try {
      log("info", "request", { n: 1 });
      log("warn", "sync", { message: "x" });
    } finally {
      process.stderr.write = writeError;
    }
  });
  assert.equal(writes.length, 1, "the info line went out at once");
  assert.match(errors[0] ?? "", /^1 .* warn sync/, "after it");
});

test("a long batch goes out in writes of whole lines of at most 4096 bytes (the front workers share stdout)", async () => {
  const writes = await captured(async () => {
    for (let n = 0; n < 200; n++) log("info", "request", { n, path: `/qsb/${"x".repeat(60)}` });
    await delay(INFO_DELAY_MS + 50);
  });
  assert.ok(writes.length > 1, `${writes.length} writes`);
  for (const chunk of writes) {
    assert.ok(Buffer.byteLength(chunk) <= 4096, `${Buffer.byteLength(chunk)} bytes in one write`);
    assert.ok(chunk.endsWith("\n"), "whole lines");
  }
  const numbers = writes.join("").trimEnd().split("\n").map((line) => Number(/n=(\d+)/.exec(line)?.[1]));
  assert.deepEqual(numbers, Array.from({ length: 200 }, (_, n) => n));
});

test("lines of many-byte characters are batched by their UTF-8 size, and a line longer than a batch goes alone, in order", async () => {
  const wide = "é€😀".repeat(40); // 2, 3 and 4 bytes of UTF-8: 360 bytes in 160 UTF-16 units
  const writes = await captured(async () => {
    for (let n = 0; n < 60; n++) log("info", "request", { n, path: `/search?q=${wide}` });
    log("info", "request", { n: 60, path: `/${"€".repeat(2000)}` });
    log("info", "request", { n: 61 });
    await delay(INFO_DELAY_MS + 50);
  });
  for (const chunk of writes) {
    const bytes = Buffer.byteLength(chunk);
    assert.ok(bytes <= 4096 || chunk.split("\n").length === 2, `${bytes} bytes in one write of several lines`);
    assert.ok(chunk.endsWith("\n"), "whole lines");
  }
  const lines = writes.join("").trimEnd().split("\n");
  assert.deepEqual(lines.map((line) => Number(/n=(\d+)/.exec(line)?.[1])), Array.from({ length: 62 }, (_, n) => n));
  assert.ok(lines[0]?.includes(JSON.stringify(`/search?q=${wide}`)), "the characters as they were");
  assert.ok(lines[60]?.includes("€".repeat(2000)));
});
