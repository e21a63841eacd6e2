// Runs checkText (check-text.ts) off the main thread: a small pool of
// worker_threads with a bounded queue. A 2 MB list costs hundreds of
// milliseconds of CPU; on the server's own thread that would hold up every
// other request, cached pages included. When every worker is busy and the
// queue is full, a check is refused at once (the caller answers 503) rather
// than pile up.
//
// The worker is the TypeScript file beside this one, loaded with tsx (as
// the server and the CLI run). Where it cannot be found or started, checks
// run on the calling thread, as before, with one warning in the log.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { checkText, type CheckTextInput, type CheckTextOutcome } from "./check-text";

/** Checks waiting for a worker, beyond those running; one more is refused. */
export const MAX_QUEUED_CHECKS = 4;

export class CheckBusyError extends Error {
  override readonly name = "CheckBusyError";
}

interface Job {
  input: CheckTextInput;
  resolve: (outcome: CheckTextOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** The worker's file: in the source tree the server and the CLI run from. */
export function checkWorkerFile(root: string = process.cwd()): string {
  return path.join(root, "lib", "rpm", "check-worker.ts");
}

const workerCount = () => Math.max(1, Math.min(2, (os.availableParallelism?.() ?? os.cpus().length) - 1));

class CheckPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private inline = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly maxQueued: number,
  ) {
    if (!existsSync(file)) {
      this.inline = true;
      console.warn(`check: the worker ${file} is not there; checks run on the server's thread`);
    }
  }

  run(input: CheckTextInput): Promise<CheckTextOutcome> {
    if (this.inline) return Promise.resolve(checkText(input));
    return new Promise((resolve, reject) => {
      const job = { input, resolve, reject };
      const idle = this.idleSlot();
      if (idle) return this.start(idle, job);
      if (this.queue.length >= this.maxQueued) {
        return reject(new CheckBusyError(`${this.slots.length + this.queue.length} lists are being checked or waiting`));
      }
      this.queue.push(job);
    });
  }

  private idleSlot(): Slot | null {
    const idle = this.slots.find((s) => s.job === null);
    if (idle) return idle;
    if (this.slots.length >= this.size) return null;
    const slot: Slot = { worker: this.spawn(), job: null };
    this.slots.push(slot);
    return slot;
  }

  private spawn(): Worker {
    // tsx loads the TypeScript worker, as it loads the server and the CLI
    // (its require hook: `--import tsx` in a worker's execArgv is not applied on Node 20).
    const tsx = createRequire(path.join(path.dirname(path.dirname(path.dirname(this.file))), "package.json")).resolve("tsx/cjs");
    const worker = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(this.file)});`, { eval: true });
    worker.unref();
    worker.on("message", (outcome: CheckTextOutcome) => this.finish(worker, (job) => job.resolve(outcome)));
    worker.on("error", (error) => this.finish(worker, (job) => job.reject(error), true));
    worker.on("exit", (code) => this.finish(worker, (job) => job.reject(new Error(`the check worker stopped (exit code ${code})`)), true));
    return worker;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref(); // a check under way keeps the process alive (the CLI)
    slot.worker.postMessage(job.input);
  }

  private finish(worker: Worker, settle: (job: Job) => void, dead = false): void {
    const slot = this.slots.find((s) => s.worker === worker);
    if (!slot) return;
    const job = slot.job;
    slot.job = null;
    if (job) settle(job);
    if (dead) {
      this.slots = this.slots.filter((s) => s !== slot);
      void worker.terminate();
    } else {
      worker.unref();
    }
    const next = this.queue.shift();
    if (!next) return;
    const free = this.idleSlot();
    if (free) this.start(free, next);
    else this.queue.unshift(next);
  }
}

// One pool per process, kept on globalThis: the server's modules and the Next.js bundle share it.
const globalForPool = globalThis as unknown as { advisoryTrackerCheckPool?: CheckPool };

/** Runs one check in the pool; rejects with CheckBusyError when the queue is full. */
export function runCheckInPool(input: CheckTextInput): Promise<CheckTextOutcome> {
  globalForPool.advisoryTrackerCheckPool ??= new CheckPool(checkWorkerFile(), workerCount(), MAX_QUEUED_CHECKS);
  return globalForPool.advisoryTrackerCheckPool.run(input);
}

/** A pool of its own (tests): `size` workers, `maxQueued` waiting. */
export function createCheckPool(size: number, maxQueued: number, file: string = checkWorkerFile()): { run: (input: CheckTextInput) => Promise<CheckTextOutcome> } {
  return new CheckPool(file, size, maxQueued);
}
