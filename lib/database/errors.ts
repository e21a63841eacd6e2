// Database failures that are not a bug in a query: the database cannot be
// reached, opened, or is missing its tables (never migrated, or its file was
// replaced or removed). Callers answer 503 or stop a sync with a sentence
// that says what to do, rather than a stack trace.

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
