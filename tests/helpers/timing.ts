// Time bounds that hold on a busy machine: the CPU time this process spent,
// not the wall time, which grows with whatever else runs (the test files run
// in parallel, and CI machines are shared).

/** Runs `fn` and returns what it returned with the CPU milliseconds (user + system) it took. */
export function withCpuTime<T>(fn: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}
