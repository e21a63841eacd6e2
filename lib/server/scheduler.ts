// The scheduled sync inside the server: one run every `intervalMs`, with
// jitter so that several instances do not all ask the sources at the same
// moment, exponential backoff after failures (capped), and never two runs at
// once in this process (a run is scheduled only when the last one ended;
// across processes and hosts the database's sync lock refuses a second one,
// which counts as "busy", not as a failure). The clock and the timers are
// injected, so the tests drive it without sleeping.

export type SyncOutcome =
  | { result: "updated" | "unchanged"; steps?: { step: string; ms: number }[] }
  | { result: "busy"; message: string }
  | { result: "failed"; message: string };

export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A scheduled sync alone does not keep the process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerOptions {
  intervalMs: number;
  /** One sync; rejects only on a bug (an expected failure is `{ result: "failed" }`). */
  run: () => Promise<SyncOutcome>;
  /** Delay before the first run (default: one interval); jitter is added to it too. */
  firstDelayMs?: number;
  /** ± this fraction of each delay, at random (default 0.1). */
  jitter?: number;
  /** The longest wait after failures (default: 8 intervals). */
  maxBackoffMs?: number;
  clock?: SchedulerClock;
  /** In [0, 1); default Math.random. */
  random?: () => number;
  onRun?: (event: { outcome: SyncOutcome; ms: number; failures: number; nextInMs: number | null }) => void;
}

export interface SchedulerState {
  intervalMs: number;
  running: boolean;
  /** Consecutive failed runs (0 after a success). */
  failures: number;
  lastOutcome: SyncOutcome | null;
  lastRunAt: number | null;
  nextRunAt: number | null;
}

export interface SyncScheduler {
  /** Schedules the first run after `firstDelayMs` (default: the option of that name, else one interval). */
  start(firstDelayMs?: number): void;
  /** Runs one sync now unless one is running (then waits for that one). */
  runNow(): Promise<SyncOutcome>;
  /** No more runs; resolves when the one under way (if any) has ended. */
  stop(): Promise<void>;
  state(): SchedulerState;
}

/** The wait after `failures` consecutive failures, before jitter: one interval, then 2, 4, 8 … intervals, capped. */
export function backoffDelay(intervalMs: number, failures: number, maxBackoffMs: number = 8 * intervalMs): number {
  if (failures <= 1) return intervalMs;
  return Math.min(Math.max(maxBackoffMs, intervalMs), intervalMs * 2 ** Math.min(failures - 1, 30));
}

export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const jitter = options.jitter ?? 0.1;
  const maxBackoff = options.maxBackoffMs ?? 8 * options.intervalMs;
  let timer: unknown = null;
  let current: Promise<SyncOutcome> | null = null;
  let stopped = true;
  const state: SchedulerState = { intervalMs: options.intervalMs, running: false, failures: 0, lastOutcome: null, lastRunAt: null, nextRunAt: null };

  const withJitter = (ms: number) => Math.max(0, Math.round(ms * (1 + jitter * (2 * random() - 1))));

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer !== null) clock.clearTimeout(timer);
    const delay = withJitter(ms);
    state.nextRunAt = clock.now() + delay;
    timer = clock.setTimeout(() => {
      timer = null;
      void runNow();
    }, delay);
  }

  function runNow(): Promise<SyncOutcome> {
    if (current) return current;
    if (timer !== null) {
      clock.clearTimeout(timer);
      timer = null;
    }
    state.running = true;
    state.nextRunAt = null;
    const started = clock.now();
    current = options
      .run()
      .catch((error: unknown): SyncOutcome => ({ result: "failed", message: (error as Error).message }))
      .then((outcome) => {
        state.running = false;
        state.lastOutcome = outcome;
        state.lastRunAt = clock.now();
        if (outcome.result === "failed") state.failures += 1;
        else if (outcome.result !== "busy") state.failures = 0;
        current = null;
        schedule(backoffDelay(options.intervalMs, outcome.result === "failed" ? state.failures : 0, maxBackoff));
        options.onRun?.({ outcome, ms: state.lastRunAt - started, failures: state.failures, nextInMs: state.nextRunAt === null ? null : state.nextRunAt - state.lastRunAt });
        return outcome;
      });
    return current;
  }

  return {
    start(firstDelayMs) {
      if (!stopped) return;
      stopped = false;
      schedule(firstDelayMs ?? options.firstDelayMs ?? options.intervalMs);
    },
    runNow,
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      state.nextRunAt = null;
      if (current) await current;
    },
    state: () => ({ ...state }),
  };
}
