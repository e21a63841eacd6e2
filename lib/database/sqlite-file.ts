// A SQLite database file's identity, for the connections that must follow
// the file at DATABASE_URL's path (replaced by a restore: another inode;
// removed: callers answer 503). Used by lib/db.ts and read-connection.ts.
import { statSync } from "node:fs";

/** The SQLite file's identity (device and inode), null when it does not exist. */
export function fileIdentity(file: string): string | null {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** A SQLite database file that was removed while the server ran (SQLITE_CANTOPEN: callers answer 503). */
export class DatabaseFileGoneError extends Error {
  readonly code = "SQLITE_CANTOPEN";
}
