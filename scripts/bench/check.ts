// The release check at its size limit, for `npm run bench` (BENCH_ONLY=check):
// the CPU time of one check of a 2 MB list, and a cached page's req/s and p99
// with wrk alone against the same while 2 MB checks are posted to
// POST /api/check at the same time (does a check slow other visitors?).
// A list over the limit must be refused at once (413).
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb } from "../../lib/db";
import { MAX_INPUT_CHARS } from "../../lib/rpm/installed";
import { PROJECT_ROOT } from "../../tests/helpers/fixtures";
import type { BenchApp } from "./app";
import { listAtLimit } from "./check-list";
import { openBenchDatabase } from "./in-process";
import { processTree } from "./process-tree";
import { median, table, type Verdict } from "./report";
import { runWrk, type WrkResult } from "./wrk";

const BASE_LIST = path.join(PROJECT_ROOT, "tests", "fixtures", "check", "qubes-4.2-unfixed.rpm-qa.txt");
/** The cached page wrk asks for. */
const PAGE = "/qsb/54";
/** Checks posted at once, back to back, while wrk runs. */
const POSTERS = 2;

interface Posted {
  status: number;
  ms: number;
}

async function postCheck(url: string, body: string): Promise<Posted> {
  const started = performance.now();
  const response = await fetch(`${url}/api/check?release=4.2`, { method: "POST", headers: { "content-type": "text/plain" }, body });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** CPU time (user + system, every thread of this process) and wall time of one in-process check. */
async function cpuOfOneCheck(database: string, text: string): Promise<{ cpuMs: number; wallMs: number; headline: string }[]> {
  await openBenchDatabase(database);
  const { runCheck } = await import("../../lib/queries/check");
  await runCheck({ text: "kernel-6.1.0-1.fc37.x86_64", release: "4.2" }); // warm the client and the code
  const runs: { cpuMs: number; wallMs: number; headline: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const outcome = await runCheck({ text, release: "4.2" });
    const used = process.cpuUsage(cpu);
    runs.push({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started, headline: outcome.ok ? outcome.answer.headline : outcome.error.message });
  }
  await closeDb();
  return runs;
}

const loadNow = () => os.loadavg()[0] ?? Number.NaN;

/** The nice value of every thread of the server's process tree that runs above nice 0 (the check's worker should be at 19). */
function lowPriorityThreads(pid: number): string {
  const found: string[] = [];
  for (const p of processTree(pid)) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p.pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/${p.pid}/task/${tid}/stat`, "utf8");
        const nice = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
        if (nice > 0) found.push(`thread ${tid} of ${p.pid} at nice ${nice}`);
      } catch {
        // ended meanwhile
      }
    }
  }
  return found.length ? found.join(", ") : "no thread below the normal priority";
}

export async function benchCheck(app: BenchApp, database: string, seconds: number, rounds: number, verdicts: Verdict[]): Promise<void> {
  const text = listAtLimit(readFileSync(BASE_LIST, "utf8"), MAX_INPUT_CHARS);
  const lines = text.split("\n").length;
  const runs = await cpuOfOneCheck(database, text);
  const cpu = median(runs.map((r) => r.cpuMs));
  console.log(
    `\nCheck of a list at the limit (${text.length.toLocaleString("en-US")} characters, ${lines.toLocaleString("en-US")} lines), in process: ` +
      `CPU ${runs.map((r) => r.cpuMs.toFixed(0)).join(", ")} ms, wall ${runs.map((r) => r.wallMs.toFixed(0)).join(", ")} ms (${runs[0]?.headline ?? "?"})`,
  );
  verdicts.push({ target: "one check of a 2 MB list: well under a second of CPU (at most 500 ms)", met: cpu <= 500, detail: `median ${cpu.toFixed(0)} ms of CPU` });

  // Over the limit: refused at once, before the body is read whole.
  const over = await postCheck(app.url, `${text}\n${"x".repeat(1024)}`);
  console.log(`  a list over the limit: HTTP ${over.status} in ${over.ms.toFixed(0)} ms`);
  verdicts.push({ target: "a list over 2 MB is refused at once with 413", met: over.status === 413 && over.ms < 1000, detail: `HTTP ${over.status} in ${over.ms.toFixed(0)} ms` });

  await runWrk(`${app.url}${PAGE}`, { seconds: 1, connections: 8 }); // the page is cached
  const alone: WrkResult[] = [];
  const loaded: WrkResult[] = [];
  const posted: Posted[] = [];
  const loads: number[] = [];
  let threads = "";
  for (let round = 0; round < rounds; round++) {
    loads.push(loadNow());
    alone.push(await runWrk(`${app.url}${PAGE}`, { seconds: seconds * 3 }));
    let stop = false;
    const posters = Array.from({ length: POSTERS }, async () => {
      while (!stop) posted.push(await postCheck(app.url, text));
    });
    loaded.push(await runWrk(`${app.url}${PAGE}`, { seconds: seconds * 3 }));
    threads ||= lowPriorityThreads(app.pid);
    stop = true;
    await Promise.all(posters);
  }
  loads.push(loadNow());
  const m = (results: WrkResult[], field: keyof WrkResult) => median(results.map((r) => r[field]));
  const ok = posted.filter((p) => p.status === 200);
  const statuses = [...new Set(posted.map((p) => p.status))].map((s) => `${s}: ${posted.filter((p) => p.status === s).length}`).join(", ");
  console.log(
    `\n${PAGE} (cached), wrk -t2 -c32, ${seconds * 3} s a run, median of ${rounds}; alone and while ${POSTERS} clients post 2 MB checks back to back\n` +
      table(
        ["while", "req/s", "p50 ms", "p99 ms", "errors", "checks answered", "check median ms"],
        [
          ["nothing else", m(alone, "rps"), m(alone, "p50"), m(alone, "p99"), m(alone, "errors"), "-", "-"],
          [`${POSTERS} posting checks`, m(loaded, "rps"), m(loaded, "p50"), m(loaded, "p99"), m(loaded, "errors"), `${ok.length} (${statuses})`, median(ok.map((p) => p.ms))],
        ],
      ),
  );
  const rpsRatio = m(loaded, "rps") / m(alone, "rps");
  const p99Alone = m(alone, "p99");
  const p99Loaded = m(loaded, "p99");
  // Each round's own ratio (alone, then loaded, back to back): on a shared
  // machine the other work moves both figures, and the rounds show how much.
  const perRound = alone.map((a, i) => ((loaded[i]?.rps ?? Number.NaN) / a.rps).toFixed(2)).join(", ");
  const loadRange = `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`;
  console.log(`  rounds' req/s ratios ${perRound}; 1-minute load average ${loadRange} over the rounds on ${os.cpus().length} cores; the check's worker: ${threads}`);
  verdicts.push({
    target: "2 MB checks answered without slowing other requests (a cached page keeps >= 0.75 of its req/s, p99 within 2x + 10 ms)",
    met: rpsRatio >= 0.75 && p99Loaded <= 2 * p99Alone + 10 && ok.length > 0,
    detail:
      `req/s ${m(alone, "rps").toFixed(0)} → ${m(loaded, "rps").toFixed(0)} (${rpsRatio.toFixed(2)}; rounds ${perRound}), p99 ${p99Alone.toFixed(1)} → ${p99Loaded.toFixed(1)} ms, ` +
      `${ok.length} checks answered (median ${median(ok.map((p) => p.ms)).toFixed(0)} ms each); load average ${loadRange} on ${os.cpus().length} cores, ` +
      `wrk, the posting clients and the server all on this machine${Math.max(...loads) > os.cpus().length ? ": the machine was busier than its cores, so these figures say more about the other work than about the check" : ""}`,
  });
}
