// Memory of a whole process tree (a server and every process it started),
// read from /proc: resident set size and proportional set size (shared pages
// split between the processes that share them) per process.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessMemory {
  pid: number;
  ppid: number;
  name: string;
  command: string;
  rssKb: number;
  pssKb: number;
}

/** The pids of `root` and all its descendants, given each process's parent. */
export function descendants(parents: Map<number, number>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    if (out.includes(pid)) continue;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** "1234 (node) S 1200 ..." → [name, ppid]; the name may hold spaces and parentheses. */
export function parseStat(stat: string): { name: string; ppid: number } {
  const open = stat.indexOf("(");
  const close = stat.lastIndexOf(")");
  const rest = stat.slice(close + 2).split(" ");
  return { name: stat.slice(open + 1, close), ppid: Number(rest[1]) };
}

function read(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

export function processTree(root: number): ProcessMemory[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const { name, ppid } = parseStat(stat);
    parents.set(Number(entry), ppid);
    names.set(Number(entry), name);
  }
  return descendants(parents, root)
    .filter((pid) => parents.has(pid))
    .map((pid) => {
      const status = read(`/proc/${pid}/status`) ?? "";
      const rollup = read(`/proc/${pid}/smaps_rollup`) ?? "";
      const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
      const command = (read(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean).join(" ");
      return { pid, ppid: parents.get(pid) ?? 0, name: names.get(pid) ?? "?", command, rssKb: kb(status, "VmRSS"), pssKb: kb(rollup, "Pss") };
    });
}
