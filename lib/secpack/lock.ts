// One sync at a time: an exclusive lock file beside the database, holding the
// owner's pid. A lock left by a process that no longer runs is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { SyncBusyError } from "./errors";

export interface Lock {
  path: string;
  release(): void;
}

export function acquireLock(lockPath: string): Lock {
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockPath);
      if (!owner && ageMs(lockPath) < 10_000) {
        // Just created by another run that has not written its pid yet.
        throw new SyncBusyError(`another sync is just starting (lock: ${lockPath}); this run changed nothing.`);
      }
      if (owner && isAlive(owner.pid)) {
        throw new SyncBusyError(
          `another sync is already running (pid ${owner.pid}, started ${owner.startedAt}); ` +
            `this run changed nothing. Try again when it has finished (lock: ${lockPath}).`,
        );
      }
      // The owner is gone (killed, crashed): its transaction was rolled back, take the lock over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new SyncBusyError(`could not take the sync lock ${lockPath}; another sync took it first`);
}

function readOwner(lockPath: string): { pid: number; startedAt: string } | null {
  try {
    const data = JSON.parse(readFileSync(lockPath, "utf8")) as { pid?: unknown; startedAt?: unknown };
    return typeof data.pid === "number" ? { pid: data.pid, startedAt: String(data.startedAt) } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process that nobody has reaped yet still answers signals: a zombie holds no lock.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
