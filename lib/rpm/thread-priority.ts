// The check's worker threads run at the lowest CPU priority (nice 19), so
// that a 2 MB check takes the CPU the server's own thread leaves over,
// instead of sharing a core with it half and half: a cached page keeps its
// speed while checks run, and checks get slower when the machine is busy.
//
// On Linux a worker thread is a thread of its own (its own TID), and
// setpriority(PRIO_PROCESS, 0, ...), which os.setPriority(0, n) calls,
// sets the nice value of the calling thread only. On other systems it sets
// the whole process's, the server's thread with it, so there it is not done.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { isMainThread } from "node:worker_threads";

/** The nice value of the check's worker threads: the lowest priority. */
export const CHECK_WORKER_NICE = 19;

export type PriorityOutcome = { lowered: true; nice: number } | { lowered: false; reason: string };

/** Lowers the calling worker thread's CPU priority to `nice`; never the main thread's. */
export function lowerThreadPriority(nice: number = CHECK_WORKER_NICE): PriorityOutcome {
  if (isMainThread) return { lowered: false, reason: "called on the main thread, whose priority is the server's" };
  if (process.platform !== "linux") return { lowered: false, reason: `on ${process.platform} a priority is the whole process's, not one thread's` };
  try {
    os.setPriority(0, nice);
  } catch (error) {
    return { lowered: false, reason: (error as Error).message };
  }
  return { lowered: true, nice: os.getPriority(0) };
}

/**
 * The nice value of each thread of this process, by thread id, from
 * /proc/self/task/<tid>/stat (field 19); an empty map where there is no /proc.
 */
export function threadNiceValues(): Map<number, number> {
  const out = new Map<number, number>();
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: count fields after its ')'.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(tid), Number(fields[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}
