// A server the bench starts as a child process (nginx, the bare Node.js
// server): waits until it answers, and stops it.
import type { ChildProcess } from "node:child_process";

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** What the errors call it: "nginx". */
  name: string;
  url: string;
  /** The path asked until it answers (any status). */
  probe: string;
  timeoutMs: number;
  /** The signal that stops it gracefully; SIGKILL follows 5 s later. */
  stopSignal: NodeJS.Signals;
  /** What it printed, for the errors. */
  output?: () => string;
}

export async function childServer(child: ChildProcess, options: ChildServerOptions): Promise<RunningServer> {
  const said = () => (options.output ? `: ${options.output()}` : "");
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited (${child.exitCode})${said()}`);
    try {
      await fetch(`${options.url}${options.probe}`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${options.name} did not start within ${options.timeoutMs / 1000} s${said()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url: options.url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(options.stopSignal);
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
