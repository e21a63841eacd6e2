// One structured line per event (a request, a sync step, a start or stop):
// `LOG_FORMAT=json` writes one JSON object per line (for a log collector),
// the default writes `time level event key=value ...`. Errors go to stderr.
import { getEnv } from "@/lib/env";

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Where lines go; tests replace it to read them. */
export const logOutput = {
  write: (level: LogLevel, line: string): void => {
    if (level !== "info") {
      flushInfo();
      process.stderr.write(`${line}\n`);
      return;
    }
    // Info lines (one per request) are gathered and written in batches of up
    // to ATOMIC_WRITE bytes, or after INFO_DELAY_MS at the latest: one write
    // for dozens of requests on a busy server, not one per turn of the event
    // loop. They are encoded straight into one buffer (no string of the batch
    // to build, measure and encode again).
    const room = ATOMIC_WRITE - batchBytes;
    // A UTF-16 unit is at most 3 bytes of UTF-8: measure only when that may not fit.
    if (line.length * 3 + 1 > room) {
      const size = Buffer.byteLength(line) + 1;
      if (size > room) {
        flushInfo();
        // Longer than a batch: alone, at once (after what was waiting, in order).
        if (size > ATOMIC_WRITE) return void process.stdout.write(`${line}\n`);
      }
    }
    batchBytes += batch.write(line, batchBytes);
    batch[batchBytes++] = 0x0a;
    if (!flushTimer) flushTimer = setTimeout(flushInfo, INFO_DELAY_MS).unref();
  },
};

/**
 * The front workers share the server's stdout: a write of at most PIPE_BUF
 * (4096 bytes on Linux) to a pipe is never interleaved with another
 * process's, so a batch is whole lines up to that size.
 */
const ATOMIC_WRITE = 4096;
/** How long an info line may wait for others to share its write. */
export const INFO_DELAY_MS = 100;

const batch = Buffer.allocUnsafe(ATOMIC_WRITE);
let batchBytes = 0;
let flushTimer: NodeJS.Timeout | null = null;

function flushInfo(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (!batchBytes) return;
  // A copy: a write to a pipe may still be under way when the batch buffer fills again.
  const lines = Buffer.from(batch.subarray(0, batchBytes));
  batchBytes = 0;
  process.stdout.write(lines);
}

// Lines still waiting are not lost when the process exits (process.exit included).
process.once("exit", flushInfo);

function format(): "text" | "json" {
  try {
    return getEnv().LOG_FORMAT;
  } catch {
    return "text";
  }
}

/** A value as a text line shows it: bare when plain, JSON-quoted when it has spaces or quotes. */
function textValue(value: string | number | boolean | null): string {
  const text = String(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

export function formatLogLine(level: LogLevel, event: string, fields: LogFields, as: "text" | "json", time: Date | string = new Date()): string {
  const at = typeof time === "string" ? time : time.toISOString();
  if (as === "json") {
    const record: Record<string, string | number | boolean | null> = { time: at, level, event };
    for (const key in fields) if (fields[key] !== undefined) record[key] = fields[key];
    return JSON.stringify(record);
  }
  let line = `${at} ${level} ${event}`;
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) line += ` ${key}=${textValue(value)}`;
  }
  return line;
}

/** The time of a line, formatted once per millisecond (a busy server logs many lines in one). */
let lastMs = 0;
let lastIso = "";
function nowIso(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  logOutput.write(level, formatLogLine(level, event, fields, format(), nowIso()));
}
