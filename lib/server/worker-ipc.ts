// The messages between the primary process and the front workers (node:cluster
// IPC). A worker asks the primary for the data version (the primary reads the
// database; workers never open it), says when it listens or why it could not,
// and is told to stop.

/** What the primary gives each worker (as JSON in FRONT_WORKER_CONFIG). */
export interface FrontWorkerConfig {
  port: number;
  host: string;
  /** The primary's own front server (loopback): misses, /healthz and everything not cached go there. */
  upstream: { host: string; port: number };
  staticDir?: string;
  /**
   * Next.js itself (loopback), where unique searches are spliced
   * (SEARCH_SPLICE): a worker's search splicer (scripts/search-splicer.ts)
   * takes its templates from there and reads the results itself.
   */
  next?: { host: string; port: number };
}

export const WORKER_CONFIG_ENV = "FRONT_WORKER_CONFIG";

/** An error as it crosses the IPC channel: what `databaseProblem` reads (message, code, causes). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  cause?: WireError;
}

export type ToPrimary =
  | { type: "version?"; id: number }
  | { type: "listening"; port: number }
  | { type: "listen-failed"; message: string };

export type ToWorker =
  | { type: "version"; id: number; version: string }
  | { type: "version"; id: number; error: WireError }
  | { type: "stop"; graceMs: number };

export function toWire(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    ...(cause !== undefined && depth < 4 ? { cause: toWire(cause, depth + 1) } : {}),
  };
}

export function fromWire(wire: WireError): Error {
  const error = new Error(wire.message, wire.cause ? { cause: fromWire(wire.cause) } : undefined) as Error & { code?: string };
  error.name = wire.name;
  if (wire.code) error.code = wire.code;
  return error;
}
