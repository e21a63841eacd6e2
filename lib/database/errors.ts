// Database failures that are not a bug in a query: the database cannot be
// reached, opened, or is missing its tables (never migrated, or its file was
// replaced or removed). Callers answer 503 or stop a sync with a sentence
// that says what to do, rather than a stack trace.

import { redactDatabaseUrl } from "@/lib/env";

/** What kind of failure, or null for anything else. */
export type DatabaseProblem = "unreachable" | "not-migrated";

const UNREACHABLE = [
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND/,
  /Can't reach database server|Connection terminated|connection is closed|the database system is (starting up|shutting down)/i,
  /SQLITE_CANTOPEN|unable to open database file|Cannot open database because the directory does not exist|SQLITE_NOTADB|file is not a database|SQLITE_IOERR|disk I\/O error|SQLITE_READONLY_DBMOVED/i,
  /\bP1001\b|\bP1002\b|\bP1017\b/,
];
const NOT_MIGRATED = [/no such table/i, /The table `[^`]+` does not exist/i, /relation "[^"]+" does not exist/i, /\bP2021\b/];

export function databaseProblem(error: unknown): DatabaseProblem | null {
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      texts.push(e.message, typeof code === "string" ? code : "");
    } else if (typeof e === "string") texts.push(e);
  }
  const text = texts.join("\n");
  if (NOT_MIGRATED.some((pattern) => pattern.test(text))) return "not-migrated";
  if (UNREACHABLE.some((pattern) => pattern.test(text))) return "unreachable";
  return null;
}

/**
 * One sentence for an error that is not a source's: the database's (what is
 * wrong with it and what to do; `whenNotMigrated` is the command's own next
 * step), or a bug (the first line of its message only, no stack).
 */
export function describeFailure(error: unknown, url: string, whenNotMigrated: string): string {
  const lines = ((error as Error).message ?? String(error)).split("\n").map((line) => line.trim()).filter(Boolean);
  // Prisma's messages open with "Invalid `db.x()` invocation in …" and end with the cause.
  const first = (/^Invalid `/.test(lines[0] ?? "") ? lines.at(-1) : lines[0]) ?? "unknown error";
  switch (databaseProblem(error)) {
    case "unreachable":
      return `the database at DATABASE_URL=${redactDatabaseUrl(url)} cannot be reached or opened (${first.slice(0, 200)}); check DATABASE_URL, and that the server is running or the file's folder exists and is writable.`;
    case "not-migrated":
      return `the database at DATABASE_URL=${redactDatabaseUrl(url)} is missing tables (${first.slice(0, 200)}); ${whenNotMigrated}.`;
    default:
      return `${first}.`.replace(/\.\.$/, ".");
  }
}
