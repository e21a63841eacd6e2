// wrk, the load generator: running it, and reading its report (pure).
import { spawn } from "node:child_process";

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx answers. */
  errors: number;
  bytesPerSecond: number;
}

const TIME_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

function time(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text ?? "");
  if (!match) return Number.NaN;
  return Number(match[1]) * (TIME_UNITS[match[2] ?? ""] ?? Number.NaN);
}

function size(text: string | undefined): number {
  const match = /^([\d.]+)(B|KB|MB|GB|TB)$/.exec(text ?? "");
  if (!match) return Number.NaN;
  return Number(match[1]) * (SIZE_UNITS[match[2] ?? ""] ?? Number.NaN);
}

/** Reads the report of `wrk --latency`; throws, quoting it, when it is not one. */
export function parseWrkOutput(output: string): WrkResult {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(output);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p50 = /^\s*50(?:\.0+)?%\s+(\S+)/m.exec(output);
  const p99 = /^\s*99(?:\.0+)?%\s+(\S+)/m.exec(output);
  if (!total || !rps || !p50 || !p99) throw new Error(`not a wrk --latency report:\n${output}`);
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const transfer = /Transfer\/sec:\s+(\S+)/.exec(output);
  const socketErrors = sockets ? sockets.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  return {
    requests: Number(total[1]),
    seconds: time(`${total[2]}${total[3]}`) / 1000,
    rps: Number(rps[1]),
    p50: time(p50[1]),
    p99: time(p99[1]),
    errors: socketErrors + Number(non2xx?.[1] ?? 0),
    bytesPerSecond: size(transfer?.[1]),
  };
}

export interface WrkOptions {
  threads?: number;
  connections?: number;
  seconds?: number;
  headers?: Record<string, string>;
  /** A Lua script (e.g. one that makes every request's URL unique). */
  script?: string;
  timeoutSeconds?: number;
}

export function runWrk(url: string, options: WrkOptions = {}): Promise<WrkResult> {
  const connections = options.connections ?? 32;
  const args = [
    `-t${Math.min(options.threads ?? 2, connections)}`,
    `-c${connections}`,
    `-d${options.seconds ?? 2}s`,
    `--timeout`,
    `${options.timeoutSeconds ?? 10}s`,
    "--latency",
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ["-H", `${name}: ${value}`]),
    ...(options.script ? ["-s", options.script] : []),
    url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`wrk ${args.join(" ")} exited ${code}:\n${output}`));
      try {
        resolve(parseWrkOutput(output));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
