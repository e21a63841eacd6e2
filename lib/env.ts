// The only reader of process.env. Parsed and validated once, with zod.
import path from "node:path";
import { z } from "zod";

export const DEFAULT_DATABASE_URL = "file:./data/tracker.db";
export const DEFAULT_SECPACK_SOURCE = "https://github.com/QubesOS/qubes-secpack.git";
export const DEFAULT_XSA_TRACKER_SOURCE =
  "https://raw.githubusercontent.com/QubesOS/qubesos.github.io/master/_data/sec-xsa.yml";
export const DEFAULT_QSB_INDEX_SOURCE =
  "https://raw.githubusercontent.com/QubesOS/qubesos.github.io/master/_data/sec-qsb.yml";
export const DEFAULT_XEN_INDEX_SOURCE = "https://xenbits.xen.org/xsa/xsa.json";
export const DEFAULT_SUPPORTED_RELEASES_SOURCE =
  "https://raw.githubusercontent.com/QubesOS/qubes-doc/main/user/downloading-installing-upgrading/supported-releases.rst";
export const DEFAULT_CANARY_INDEX_SOURCE =
  "https://raw.githubusercontent.com/QubesOS/qubesos.github.io/master/_data/sec-canary.yml";
export const DEFAULT_POSTS_SOURCE = "https://github.com/QubesOS/qubes-posts.git";
export const DEFAULT_MASTER_FINGERPRINT = "427F11FD0FAA4B080123F01CDDFA1A3E36879494";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "3600", "90s", "30m", "1h", "1d" → seconds; null when it is none of those. */
export function parseDurationSeconds(text: string): number | null {
  const match = /^\s*(\d+)\s*([smhd]?)\s*$/i.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * (DURATION_UNITS[(match[2] || "s").toLowerCase()] ?? 1);
  return Number.isSafeInteger(seconds) ? seconds : null;
}

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a SQLite file: URL (file:./data/tracker.db) or a postgresql:// URL")
      .default(DEFAULT_DATABASE_URL),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  /** The address `npm start` listens on. */
  HOST: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
  SITE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  SECPACK_SOURCE: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_SECPACK_SOURCE)),
  XSA_TRACKER_SOURCE: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_XSA_TRACKER_SOURCE)),
  QSB_INDEX_SOURCE: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_QSB_INDEX_SOURCE)),
  /** "none" turns the Xen index off. */
  XEN_INDEX_SOURCE: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_XEN_INDEX_SOURCE)),
  /** "none" skips the supported-releases page (support then reads "unknown"). */
  SUPPORTED_RELEASES_SOURCE: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_SUPPORTED_RELEASES_SOURCE)),
  /** The website's canary list (_data/sec-canary.yml); "none" skips the comparison with the canaries. */
  CANARY_INDEX_SOURCE: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_CANARY_INDEX_SOURCE)),
  /** The Qubes news posts: a folder, git URL, git repository or bundle; "none" to skip. */
  POSTS_SOURCE: z.preprocess(emptyAsUndefined, z.string().default(DEFAULT_POSTS_SOURCE)),
  /** Seconds between scheduled syncs in the server ("3600", "30m", "1h", "1d"); 0 turns the schedule off. */
  SYNC_INTERVAL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("1h")
      .transform((text, ctx) => {
        const seconds = parseDurationSeconds(text);
        if (seconds === null) {
          ctx.addIssue({ code: "custom", message: `must be a number of seconds (3600) or a duration such as 30m, 1h or 1d (0 turns the scheduled sync off), not ${JSON.stringify(text)}` });
          return z.NEVER;
        }
        return seconds;
      }),
  ),
  /**
   * Worker processes (node:cluster) that answer cached pages on PORT beside the
   * process that renders (Next.js) and syncs; unset: one per core; 0: one
   * process answers everything.
   */
  WEB_WORKERS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(64).optional()),
  /**
   * `0`: every search page is rendered by Next.js, not spliced from a
   * template (lib/server/search-splice.ts); for comparing the two.
   */
  SEARCH_SPLICE: z.preprocess(emptyAsUndefined, z.enum(["0", "1"]).default("1")),
  /** `json`: one JSON object per log line; `text` (the default): readable lines. */
  LOG_FORMAT: z.preprocess(emptyAsUndefined, z.enum(["text", "json"]).default("text")),
  /** Test hook of the atomicity test: the sync stops inside its write transaction until killed. */
  SYNC_TEST_PAUSE_MIDWAY: z.preprocess(emptyAsUndefined, z.string().optional()),
  QUBES_MASTER_FINGERPRINT: z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/\s+/g, "").toUpperCase() : value),
    z
      .string()
      .regex(/^[0-9A-F]{40}$/, "must be a 40-digit hex OpenPGP fingerprint")
      .default(DEFAULT_MASTER_FINGERPRINT),
  ),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Reads process.env again on the next getEnv() (tests that switch DATABASE_URL within one process). */
export function reloadEnv(): void {
  cached = undefined;
}

/** The validated environment; throws one error naming every bad variable. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The SQLite file behind a file: URL, as given (relative to the working directory); null for PostgreSQL. */
export function databaseFile(url: string = getEnv().DATABASE_URL): string | null {
  return url.startsWith("file:") ? url.replace(/^file:/, "") : null;
}

/**
 * The data folder (the git mirrors a sync makes, beside the database): the
 * SQLite file's folder, else data/ under the working directory (PostgreSQL).
 */
export function dataDir(url: string = getEnv().DATABASE_URL): string {
  const file = databaseFile(url);
  return file ? path.dirname(path.resolve(file)) : path.resolve("data");
}

/** The base for absolute links: SITE_URL, else http://localhost:PORT. */
export function siteUrl(): string {
  const env = getEnv();
  return (env.SITE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** A database URL as it may be printed or logged: no password. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}
