import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffDelay, createSyncScheduler, type SchedulerClock, type SyncOutcome } from "@/lib/server/scheduler";

/** A clock whose time moves only when the test says so. */
function fakeClock(): SchedulerClock & { advance(ms: number): Promise<void>; pending(): number[] } {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => [...timers.values()].map((t) => t.at - now),
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        // Let the run's promise chain settle before time moves on.
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = end;
    },
  };
}

const HOUR = 3_600_000;

test("the scheduler runs once per interval, with jitter within ±10 %", async () => {
  const clock = fakeClock();
  const runsAt: number[] = [];
  let r = 0;
  const randoms = [0, 0.999, 0.5];
  const scheduler = createSyncScheduler({
    intervalMs: HOUR,
    clock,
    random: () => randoms[r++ % randoms.length] ?? 0.5,
    run: () => {
      runsAt.push(clock.now());
      return Promise.resolve({ result: "unchanged" });
    },
  });
  scheduler.start();
  await clock.advance(10 * HOUR);
  assert.ok(runsAt.length >= 9 && runsAt.length <= 11, `${runsAt.length} runs in 10 hours`);
  const gaps = runsAt.map((at, i) => at - (runsAt[i - 1] ?? 0));
  for (const gap of gaps) assert.ok(gap >= 0.9 * HOUR && gap <= 1.1 * HOUR, `gap ${gap / HOUR} h`);
  assert.ok(new Set(gaps).size > 1, "the gaps vary (jitter)");
  await scheduler.stop();
  assert.deepEqual(clock.pending(), [], "stop leaves no timer");
});

test("after failures the scheduler backs off exponentially, capped, and returns to the interval after a success", async () => {
  const clock = fakeClock();
  const runsAt: number[] = [];
  const outcomes = ["failed", "failed", "failed", "failed", "failed", "failed", "updated", "unchanged"];
  const scheduler = createSyncScheduler({
    intervalMs: HOUR,
    jitter: 0,
    maxBackoffMs: 8 * HOUR,
    clock,
    run: (): Promise<SyncOutcome> => {
      runsAt.push(clock.now());
      return Promise.resolve(outcomes[runsAt.length - 1] === "failed" ? { result: "failed", message: "the source could not be reached" } : { result: "updated" });
    },
  });
  scheduler.start();
  await clock.advance(60 * HOUR);
  const gaps = runsAt.slice(0, 9).map((at, i) => (at - (runsAt[i - 1] ?? 0)) / HOUR);
  // first run after one interval; after failures 1, 2, 3, 4, 5, 6: waits of 1, 2, 4, 8 (cap), 8, 8; then 1 again.
  assert.deepEqual(gaps, [1, 1, 2, 4, 8, 8, 8, 1, 1]);
  assert.equal(scheduler.state().failures, 0);
  await scheduler.stop();
  assert.equal(backoffDelay(HOUR, 0), HOUR);
  assert.equal(backoffDelay(HOUR, 3), 4 * HOUR);
  assert.equal(backoffDelay(HOUR, 50), 8 * HOUR);
});

test("a busy lock (another instance is syncing) is not a failure and does not back off", async () => {
  const clock = fakeClock();
  let runs = 0;
  const scheduler = createSyncScheduler({
    intervalMs: HOUR,
    jitter: 0,
    clock,
    run: () => {
      runs++;
      return Promise.resolve({ result: "busy", message: "another sync is already running" });
    },
  });
  scheduler.start();
  await clock.advance(5 * HOUR);
  assert.equal(runs, 5);
  assert.equal(scheduler.state().failures, 0);
  await scheduler.stop();
});

test("runs never overlap: a slow run delays the next, runNow joins the run under way, stop waits for it", async () => {
  const clock = fakeClock();
  let active = 0;
  let maxActive = 0;
  let runs = 0;
  const finishers: (() => void)[] = [];
  const scheduler = createSyncScheduler({
    intervalMs: 1000,
    jitter: 0,
    firstDelayMs: 0,
    clock,
    run: () => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      return new Promise<SyncOutcome>((resolve) =>
        finishers.push(() => {
          active--;
          resolve({ result: "updated" });
        }),
      );
    },
  });
  scheduler.start();
  await clock.advance(0);
  assert.equal(runs, 1);
  // The run takes far longer than the interval: no second one starts meanwhile.
  await clock.advance(10_000);
  const joined = scheduler.runNow();
  assert.equal(runs, 1, "runNow while running joins the run");
  assert.equal(scheduler.state().running, true);
  assert.deepEqual(clock.pending(), [], "nothing is scheduled while a run is under way");
  let stopped = false;
  const stopping = scheduler.stop().then(() => (stopped = true));
  await Promise.resolve();
  assert.equal(stopped, false, "stop waits for the run under way");
  finishers.shift()?.();
  assert.equal((await joined).result, "updated");
  await stopping;
  await clock.advance(10_000);
  assert.equal(runs, 1, "no run after stop");
  assert.equal(maxActive, 1);
});

test("a run that throws is recorded as a failure, not a crash", async () => {
  const clock = fakeClock();
  const events: string[] = [];
  const scheduler = createSyncScheduler({
    intervalMs: 1000,
    jitter: 0,
    clock,
    run: () => Promise.reject(new Error("boom")),
    onRun: ({ outcome, failures, nextInMs }) => events.push(`${outcome.result}:${failures}:${nextInMs}`),
  });
  scheduler.start();
  await clock.advance(4000);
  assert.deepEqual(events, ["failed:1:1000", "failed:2:2000", "failed:3:4000"]);
  assert.equal(scheduler.state().lastOutcome?.result, "failed");
  await scheduler.stop();
});
