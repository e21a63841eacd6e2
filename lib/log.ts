// One structured line per event (a request, a sync step, a start or stop):
// `LOG_FORMAT=json` writes one JSON object per line (for a log collector),
// the default writes `time level event key=value ...`. Errors go to stderr.
import { getEnv } from "@/lib/env";

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Where lines go; tests replace it to read them. */
export const logOutput = {
  write: (level: LogLevel, line: string): void => {
    (level === "info" ? process.stdout : process.stderr).write(`${line}\n`);
  },
};

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

export function formatLogLine(level: LogLevel, event: string, fields: LogFields, as: "text" | "json", time = new Date()): string {
  const defined = Object.entries(fields).filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined);
  if (as === "json") return JSON.stringify({ time: time.toISOString(), level, event, ...Object.fromEntries(defined) });
  return [time.toISOString(), level, event, ...defined.map(([key, value]) => `${key}=${textValue(value)}`)].join(" ");
}

export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  logOutput.write(level, formatLogLine(level, event, fields, format()));
}
