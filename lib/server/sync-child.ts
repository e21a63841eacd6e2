// One scheduled sync, run as `npm run sync -- --json` would run it, in a
// child node process of the server: the server's event loop keeps answering
// while it parses and verifies, its memory is given back when it ends, and a
// stop (SIGTERM) ends it mid-way with nothing written (a run commits
// completely or not at all). Exit codes: 0 done, 3 another sync holds the
// lock, anything else failed (lib/secpack/cli.ts).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { SyncOutcome } from "./scheduler";

export interface SyncChild {
  run(): Promise<SyncOutcome>;
  /** Ends the run under way (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export function createSyncChild(root: string, env: NodeJS.ProcessEnv = process.env): SyncChild {
  let child: ChildProcess | null = null;
  return {
    run() {
      return new Promise<SyncOutcome>((resolve) => {
        const proc = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib", "secpack", "cli.ts"), "--json"], {
          cwd: root,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        });
        child = proc;
        let stdout = "";
        let stderr = "";
        proc.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        proc.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        proc.once("error", (error) => {
          child = null;
          resolve({ result: "failed", message: `the sync could not be started: ${error.message}` });
        });
        proc.once("exit", (code, signal) => {
          child = null;
          resolve(outcomeOf(code, signal, stdout, stderr));
        });
      });
    },
    async stop(graceMs = 3000) {
      const proc = child;
      if (!proc || proc.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The CLI's --json summary (the last JSON object it printed) and exit code, as an outcome. */
export function outcomeOf(code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string): SyncOutcome {
  const start = stdout.indexOf("{");
  type Summary = { status?: string; error?: string; timings?: { step: string; ms: number }[] };
  let summary: Summary | null = null;
  try {
    summary = start >= 0 ? (JSON.parse(stdout.slice(start)) as Summary) : null;
  } catch {
    summary = null;
  }
  const firstLine = (text: string) => text.trim().split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
  if (code === 0 && (summary?.status === "updated" || summary?.status === "unchanged")) {
    return { result: summary.status, steps: summary.timings ?? [] };
  }
  const message = summary?.error ?? (firstLine(stderr) || (signal ? `the sync was stopped (${signal})` : `the sync exited with code ${code}`));
  if (code === 3) return { result: "busy", message };
  return { result: "failed", message };
}
