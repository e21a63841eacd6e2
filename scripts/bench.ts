// `npm run bench`: the app measured with a real load generator (wrk) against
// nginx serving the same bytes from files, in one run, interleaved, with
// medians over rounds; plus the miss path, unique searches, memory of the
// serving process tree, and syncs at 1x and 10x the real data. Prints a table
// per part and one verdict line per target of issue 13. A benchmark, not a
// test: it judges nothing in CI. Needs ../shared/fixtures, wrk and nginx.
//   BENCH_SECONDS (per wrk run, 1), BENCH_ROUNDS (3), BENCH_ONLY=signatures|sync|search|check|serving|bounded|costs
//   (serving: the memory and req/s tables only, at 1x; bounded: the miss path and the bounded pages at 1x and 10x;
//   costs: the CPU time of the reads that could grow with the data, in process, at 1x and 10x),
//   BENCH_PAGES=/,/qsb/54 (the pages measured; default all)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadKeyring, verifyDetached } from "../lib/pgp";
import { prisma } from "../lib/database/migrations";
import { getEnv } from "../lib/env";
import { defaultWorkerCount } from "../lib/server/workers";
import { FIXTURES_DIR, HAS_FIXTURES, KEYS_DIR, PROJECT_ROOT, QSB_DIR } from "../tests/helpers/fixtures";
import { freePort } from "../tests/helpers/server";
import { ensureBuilt, startServer, syncCli, type BenchApp } from "./bench/app";
import { rawAnswer, startBareNode } from "./bench/bare-node";
import { benchCheck } from "./bench/check";
import { generateDataSet, touchedTracker, type DataSet } from "./bench/generate";
import { deployConfig, filesConfig, hasNginx, shippedConfig, startNginx, writeSite } from "./bench/nginx";
import { processTree } from "./bench/process-tree";
import { benchQueryCosts } from "./bench/query-costs";
import { median, table, uniqueSearchScript, verdictLine, type Verdict } from "./bench/report";
import { runWrk, type WrkResult } from "./bench/wrk";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ONLY = process.env.BENCH_ONLY;
const GZIP = { "accept-encoding": "gzip" };
const verdicts: Verdict[] = [];

const ALL_PAGES = [
  "/", "/qsb", "/qsb?year=2019&signature=verified", "/qsb/54", "/xsa", "/xsa?page=3", "/xsa/306", "/releases", "/releases/4.2",
  "/search?q=ineffective", "/search?q=memory", "/qsb/9999", "/api/qsb/54", "/feed.xml", "/atom.xml", "/feed.json", "/robots.txt",
];
const PAGES = process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(",") : ALL_PAGES;
/**
 * Pages whose size must not grow with the data. The search is one whose first
 * page of 20 is full at 1x already ("memory"): a query with fewer results at
 * 1x ("ineffective": 3) grows up to the page's cap, which says how many
 * results there are, not whether the page is bounded.
 */
const BOUNDED = ["/", "/qsb", "/xsa", "/xsa?page=3", "/releases/4.2", "/feed.xml", "/atom.xml", "/feed.json", "/search?q=memory"];
/** Paginated pages, whose first render must cost the same at 10x (a search's page included: it ranks every candidate). */
const PAGINATED = ["/qsb", "/xsa", "/xsa?page=3", "/search?q=memory"];

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function benchSignatures(): Promise<number | null> {
  const files = readdirSync(QSB_DIR).filter((f) => /^qsb-\d{3}-\d{4}\.txt\.(sig|sign)\./.test(f)).sort();
  const pairs = files.map((sig) => ({ sig: path.join(QSB_DIR, sig), data: path.join(QSB_DIR, sig.replace(/\.(sig|sign)\.[^.]+$/, "")) }));
  const started = performance.now();
  const keyring = await loadKeyring(KEYS_DIR);
  let valid = 0;
  for (const { sig, data } of pairs) if ((await verifyDetached(readFileSync(data), readFileSync(sig), keyring)).status === "valid") valid++;
  const ours = performance.now() - started;
  console.log(`\nSignatures: ${pairs.length} files; openpgp in process ${ours.toFixed(0)} ms (${valid} valid)`);
  if (spawnSync("gpg", ["--version"]).status !== 0) {
    console.log("  gpg: not installed, no comparison");
    return null;
  }
  const home = mkdtempSync(path.join(os.tmpdir(), "bench-gnupg-"));
  try {
    const keyFiles = ["master-key", "security-team", "security-team/retired"]
      .map((d) => path.join(KEYS_DIR, d))
      .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".asc")).map((f) => path.join(dir, f)));
    spawnSync("gpg", ["--homedir", home, "--batch", "--quiet", "--import", ...keyFiles], { stdio: "ignore" });
    const gpgStarted = performance.now();
    let good = 0;
    for (const { sig, data } of pairs) {
      const result = spawnSync("gpg", ["--homedir", home, "--batch", "--status-fd", "1", "--verify", sig, data], { encoding: "utf8" });
      if (/\[GNUPG:\] GOODSIG/.test(result.stdout)) good++;
    }
    const gpg = performance.now() - gpgStarted;
    console.log(`  gpg --verify, one process per file: ${gpg.toFixed(0)} ms (${good} good); gpg/ours ${(gpg / ours).toFixed(1)}x`);
    return gpg;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** A real data change for the next sync (see touchedTracker). */
function touchTracker(data: DataSet): void {
  writeFileSync(data.xsaTracker, touchedTracker(readFileSync(data.xsaTracker, "utf8"), data.xsaTracker));
}

async function fetchTimed(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; bytes: number; cache: string; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, cache: response.headers.get("x-cache") ?? "-", status: response.status };
}

const extension = (type: string) => (type.includes("html") ? "html" : type.includes("json") ? "json" : type.includes("xml") ? "xml" : type.includes("css") ? "css" : type.includes("javascript") ? "js" : "txt");

async function serving(app: BenchApp, work: string): Promise<void> {
  // The same bytes as files for nginx: each page as the app serves it.
  const home = await (await fetch(`${app.url}/`)).text();
  const assets = [/\/_next\/static\/[^"']+\.css/.exec(home)?.[0], /\/_next\/static\/chunks\/[^"']+\.js/.exec(home)?.[0]].filter((a): a is string => !!a);
  const targets = [...PAGES, ...assets];
  const files = await Promise.all(
    targets.map(async (target, i) => {
      const response = await fetch(`${app.url}${target}`);
      return { target, urlPath: `/t${i}.${extension(response.headers.get("content-type") ?? "")}`, body: Buffer.from(await response.arrayBuffer()), status: response.status };
    }),
  );
  const site = path.join(work, "site");
  writeSite(site, files);
  // The same answers from a bare node:cluster server: the ceiling the runtime sets.
  const bareDir = path.join(work, "bare");
  mkdirSync(bareDir, { recursive: true });
  const bareAnswers = await Promise.all(
    files.map(async (f, i) => {
      const variant = async (mode: "plain" | "gzip") => {
        const answer = await rawAnswer(`${app.url}${f.target}`, mode === "gzip" ? GZIP : {});
        const file = path.join(bareDir, `t${i}.${mode}`);
        writeFileSync(file, answer.body);
        return { headers: answer.headers, file };
      };
      return { target: f.target, status: f.status, plain: await variant("plain"), gzip: await variant("gzip") };
    }),
  );
  const bare = await startBareNode(bareDir, bareAnswers, await freePort(), defaultWorkerCount(getEnv().WEB_WORKERS));
  const nginxPort = await freePort();
  const nginx = await startNginx(path.join(work, "nginx-files"), filesConfig(path.join(work, "nginx-files"), site, nginxPort), nginxPort);
  const proxyPort = await freePort();
  // The shipped deploy/nginx.conf, both upstream servers pointed at the one app: the bench measures what ships.
  const appPort = Number(new URL(app.url).port);
  const proxy = await startNginx(path.join(work, "nginx-proxy"), deployConfig(path.join(work, "nginx-proxy"), shippedConfig(PROJECT_ROOT), proxyPort, [appPort, appPort]), proxyPort);
  try {
    const runs = new Map<string, WrkResult[]>();
    const record = (key: string, result: WrkResult) => runs.set(key, [...(runs.get(key) ?? []), result]);
    // Warm both (and the app's cache) on every URL.
    for (const f of files) {
      await runWrk(`${app.url}${f.target}`, { seconds: 1, connections: 8, headers: GZIP });
      await runWrk(`${proxy.url}${f.target}`, { seconds: 1, connections: 8, headers: GZIP });
    }
    console.log(`\nServing: wrk -t2 -c32, ${SECONDS} s per run, median of ${ROUNDS} interleaved rounds (load ${load()})`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const f of files) {
        for (const [mode, headers] of [["plain", {}], ["gzip", GZIP]] as const) {
          record(`app ${mode} ${f.target}`, await runWrk(`${app.url}${f.target}`, { seconds: SECONDS, headers }));
          record(`nginx ${mode} ${f.target}`, await runWrk(`${nginx.url}${f.urlPath}`, { seconds: SECONDS, headers }));
          record(`node ${mode} ${f.target}`, await runWrk(`${bare.url}${f.target}`, { seconds: SECONDS, headers }));
        }
        record(`proxy gzip ${f.target}`, await runWrk(`${proxy.url}${f.target}`, { seconds: SECONDS, headers: GZIP }));
      }
    }
    const m = (key: string, field: keyof WrkResult) => median((runs.get(key) ?? []).map((r) => r[field]));
    const rows: (string | number)[][] = [];
    let worst = Number.POSITIVE_INFINITY;
    let worstNode = Number.POSITIVE_INFINITY;
    let worstProxy = Number.POSITIVE_INFINITY;
    for (const f of files) {
      for (const mode of ["plain", "gzip"]) {
        const ratio = m(`app ${mode} ${f.target}`, "rps") / m(`nginx ${mode} ${f.target}`, "rps");
        const nodeRatio = m(`node ${mode} ${f.target}`, "rps") / m(`nginx ${mode} ${f.target}`, "rps");
        worst = Math.min(worst, ratio);
        worstNode = Math.min(worstNode, nodeRatio);
        rows.push([`${f.target} (${f.status}, ${f.body.length} B)`, mode, m(`app ${mode} ${f.target}`, "rps"), m(`nginx ${mode} ${f.target}`, "rps"), ratio, m(`node ${mode} ${f.target}`, "rps"), nodeRatio, m(`app ${mode} ${f.target}`, "p50"), m(`nginx ${mode} ${f.target}`, "p50"), m(`app ${mode} ${f.target}`, "p99"), m(`nginx ${mode} ${f.target}`, "p99"), m(`app ${mode} ${f.target}`, "errors")]);
      }
      const proxyRatio = m(`proxy gzip ${f.target}`, "rps") / m(`nginx gzip ${f.target}`, "rps");
      worstProxy = Math.min(worstProxy, proxyRatio);
      rows.push([`${f.target} via nginx cache`, "gzip", m(`proxy gzip ${f.target}`, "rps"), m(`nginx gzip ${f.target}`, "rps"), proxyRatio, "", "", m(`proxy gzip ${f.target}`, "p50"), m(`nginx gzip ${f.target}`, "p50"), m(`proxy gzip ${f.target}`, "p99"), m(`nginx gzip ${f.target}`, "p99"), m(`proxy gzip ${f.target}`, "errors")]);
    }
    console.log(table(["url", "enc", "app req/s", "nginx req/s", "ratio", "node req/s", "node/nginx", "app p50 ms", "nginx p50", "app p99 ms", "nginx p99", "app errors"], rows));
    console.log("  node: a bare node:cluster server with the app's worker count, sending the app's own status, headers and bytes with no logic (scripts/bench/bare-node.ts)");
    verdicts.push({
      target: "standalone: every cached page and feed >= 0.5 of nginx's req/s, gzip included",
      met: worst >= 0.5,
      detail: `lowest ratio ${worst.toFixed(2)}; bare Node.js sending the same answers: lowest ${worstNode.toFixed(2)}`,
    });
    verdicts.push({
      target: "behind nginx (the shipped deploy/nginx.conf: 1 s proxy cache, revalidating with the app's ETags) >= 0.8 of nginx serving the file",
      met: worstProxy >= 0.8,
      detail: `lowest ratio ${worstProxy.toFixed(2)}`,
    });

    // p99 at 256 connections.
    const heavy = ["/", "/qsb/54", "/feed.xml", "/search?q=ineffective"].map((t) => files.find((f) => f.target === t)).filter((f) => f !== undefined);
    const tail = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const f of heavy) {
        const a = await runWrk(`${app.url}${f.target}`, { seconds: SECONDS * 2, connections: 256, headers: GZIP });
        const n = await runWrk(`${nginx.url}${f.urlPath}`, { seconds: SECONDS * 2, connections: 256, headers: GZIP });
        tail.set(`app ${f.target}`, [...(tail.get(`app ${f.target}`) ?? []), a.p99]);
        tail.set(`nginx ${f.target}`, [...(tail.get(`nginx ${f.target}`) ?? []), n.p99]);
      }
    }
    let worstTail = 0;
    const tailRows = heavy.map((f) => {
      const ratio = median(tail.get(`app ${f.target}`) ?? []) / median(tail.get(`nginx ${f.target}`) ?? []);
      worstTail = Math.max(worstTail, ratio);
      return [f.target, median(tail.get(`app ${f.target}`) ?? []), median(tail.get(`nginx ${f.target}`) ?? []), ratio];
    });
    console.log(`\np99 at 256 connections (gzip), ms\n${table(["url", "app p99", "nginx p99", "app/nginx"], tailRows)}`);
    verdicts.push({ target: "p99 at 256 connections within 3x nginx's", met: worstTail <= 3, detail: `worst ${worstTail.toFixed(2)}x` });
  } finally {
    await nginx.stop();
    await proxy.stop();
    await bare.stop();
  }
}

async function uniqueSearches(app: BenchApp): Promise<void> {
  const words = [...new Set(readFileSync(path.join(QSB_DIR, "qsb-054-2019.txt"), "utf8").toLowerCase().match(/[a-z]{4,}/g) ?? [])].slice(0, 300);
  // One at a time first: what a single new query costs (each is a miss).
  const single: number[] = [];
  for (const word of words.slice(-5)) single.push((await fetchTimed(`${app.url}/search?q=${word}+${word}`)).ms);
  const rps: number[] = [];
  const p99: number[] = [];
  // Few connections: every request renders, and 32 renders interleaved on two
  // cores all finish after a short run's end, which wrk then counts as none.
  const connections = 4;
  for (let round = 0; round < ROUNDS; round++) {
    const script = path.join(os.tmpdir(), `bench-search-${process.pid}.lua`);
    writeFileSync(script, uniqueSearchScript(words, round * 7_000_000));
    try {
      const result = await runWrk(app.url, { seconds: SECONDS * 3, connections, script });
      rps.push(result.rps);
      p99.push(result.requests ? result.p99 : Number.NaN);
    } finally {
      rmSync(script, { force: true });
    }
  }
  console.log(
    `\nUnique searches (every request a new query; ${words.length} words and their pairs): one at a time ${median(single).toFixed(0)} ms each; ` +
      `wrk -c${connections}: ${median(rps).toFixed(0)} req/s, p99 ${median(p99).toFixed(0)} ms`,
  );
  verdicts.push({ target: "unique searches >= 500 req/s", met: median(rps) >= 500, detail: `${median(rps).toFixed(0)} req/s (${median(single).toFixed(0)} ms for one alone)` });
}

const WRAPPER = /\b(npm|tsx|esbuild)\b/;

/** PSS in MB of the whole `npm start` tree, and of the serving tree (without npm itself, which `npm start` cannot exec away). */
function memory(app: BenchApp, when: string): { tree: number; serving: number } {
  const tree = processTree(app.pid);
  const mb = (list: typeof tree, field: "pssKb" | "rssKb") => list.reduce((n, p) => n + p[field], 0) / 1024;
  const serving = tree.filter((p) => !/^npm/.test(p.command) && !/\bnpm(-cli\.js)? (start|run)/.test(p.command));
  console.log(
    `\nMemory ${when}: the npm start tree PSS ${mb(tree, "pssKb").toFixed(0)} MB (RSS sum ${mb(tree, "rssKb").toFixed(0)} MB), ${tree.length} processes; ` +
      `the serving tree (without npm) PSS ${mb(serving, "pssKb").toFixed(0)} MB (RSS sum ${mb(serving, "rssKb").toFixed(0)} MB), ${serving.length} processes`,
  );
  for (const p of tree) console.log(`  ${String(p.pid).padStart(7)} PSS ${(p.pssKb / 1024).toFixed(0).padStart(4)} MB RSS ${(p.rssKb / 1024).toFixed(0).padStart(4)} MB  ${p.command.slice(0, 100)}`);
  return { tree: mb(tree, "pssKb"), serving: mb(serving, "pssKb") };
}

async function idleMemory(app: BenchApp): Promise<{ tree: number; serving: number }> {
  await fetch(`${app.url}/`);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return memory(app, "idle, after one page");
}

function memoryVerdict(app: BenchApp, idle: { tree: number; serving: number }): void {
  const loaded = memory(app, "after the load");
  const wrappers = processTree(app.pid).filter((p) => WRAPPER.test(p.command) && !/^npm (start|run)/.test(p.command));
  verdicts.push({
    target: "serving tree under 300 MB idle, no wrapper processes",
    met: idle.serving < 300 && wrappers.length === 0,
    detail: `${idle.serving.toFixed(0)} MB idle without npm, ${idle.tree.toFixed(0)} MB with it (${loaded.serving.toFixed(0)} MB after load); wrappers beside npm itself: ${wrappers.map((p) => p.command.slice(0, 40)).join(", ") || "none"}`,
  });
}

/**
 * Every page asked once, so that the first render measured after a sync is
 * the data's cost, not the server's first request of a route (loading its
 * code, warming the JIT): the 10x server answers nothing before its miss path.
 */
async function warm(app: BenchApp): Promise<void> {
  for (const page of PAGES) await fetchTimed(`${app.url}${page}`);
}

type Miss = { ms: number; bytes: number; cache: string };
interface Scale {
  label: string;
  app: BenchApp;
  database: string;
  data: DataSet;
}

/**
 * The first request of each page after a sync that changed data, at each
 * scale: BENCH_ROUNDS rounds (a sync per scale, then every page at each
 * scale in turn, so that both meet the same load), the median kept.
 */
async function missPaths(scales: Scale[]): Promise<Map<string, Map<string, Miss>>> {
  for (const scale of scales) await warm(scale.app);
  const samples = new Map(scales.map((s) => [s.label, new Map(PAGES.map((p) => [p, [] as Miss[]]))]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const scale of scales) {
      touchTracker(scale.data);
      syncCli(scale.database, scale.data);
    }
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the front checks the data version once a second
    for (const page of PAGES) for (const scale of scales) samples.get(scale.label)?.get(page)?.push(await fetchTimed(`${scale.app.url}${page}`));
  }
  const out = new Map<string, Map<string, Miss>>();
  for (const scale of scales) {
    const pages = samples.get(scale.label) ?? new Map<string, Miss[]>();
    const hit = await fetchTimed(`${scale.app.url}/qsb/54`);
    console.log(`\nMiss path at ${scale.label} (first request after a sync that changed data; median of ${ROUNDS} rounds), ms and bytes (load ${load()})`);
    const rows = PAGES.map((p) => {
      const runs = pages.get(p) ?? [];
      return [p, median(runs.map((r) => r.ms)), runs.map((r) => r.ms.toFixed(0)).join(" "), runs.at(-1)?.bytes ?? 0, [...new Set(runs.map((r) => r.cache))].join(",")];
    });
    console.log(table(["url", "first ms", "rounds", "bytes", "x-cache"], rows));
    console.log(`  a hit afterwards: /qsb/54 ${hit.ms.toFixed(1)} ms (${hit.cache})`);
    out.set(scale.label, new Map(rows.map((r) => [String(r[0]), { ms: Number(r[1]), bytes: Number(r[3]), cache: String(r[4]) }])));
  }
  return out;
}

async function burst(app: BenchApp, database: string, data: DataSet): Promise<void> {
  const rows: (string | number)[][] = [];
  let allOnce = true;
  for (const page of ["/", "/qsb/54", "/releases/4.2"]) {
    touchTracker(data);
    syncCli(database, data);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const results = await Promise.all(Array.from({ length: 32 }, () => fetchTimed(`${app.url}${page}`)));
    const renders = results.filter((r) => r.cache === "miss").length;
    allOnce &&= renders === 1;
    rows.push([page, renders, median(results.map((r) => r.ms)), Math.max(...results.map((r) => r.ms))]);
  }
  console.log(`\nBurst of 32 first requests after a sync\n${table(["url", "renders", "median ms", "max ms"], rows)}`);
  verdicts.push({ target: "a burst of 32 first requests after a sync renders each page once", met: allOnce, detail: rows.map((r) => `${r[0]} ${r[1]}`).join(", ") });
  // A sync that changed nothing keeps the cache: warm a page, resync, ask again.
  const before = await fetchTimed(`${app.url}/qsb/54`);
  const warm = before.cache === "miss" ? await fetchTimed(`${app.url}/qsb/54`) : before;
  syncCli(database, data);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const after = await fetchTimed(`${app.url}/qsb/54`);
  verdicts.push({
    target: "a sync that changed nothing keeps the cache",
    met: warm.cache === "hit" && after.cache === "hit",
    detail: `/qsb/54 before the no-change sync: ${warm.cache}; after it: ${after.cache}`,
  });
}

async function main(): Promise<void> {
  if (!HAS_FIXTURES) throw new Error("the real data in ../shared/fixtures is needed (or set FIXTURES_DIR)");
  for (const tool of ["wrk", "nginx"]) if (tool === "nginx" ? !hasNginx() : spawnSync(tool, ["-v"]).error) throw new Error(`${tool} is needed (apt-get install ${tool === "nginx" ? "nginx-light" : tool})`);
  console.log(`Bench on ${os.cpus().length} cores, load average at start ${load()}`);
  const gpgMs = !ONLY || ONLY === "signatures" ? await benchSignatures() : null;
  if (ONLY === "signatures") return;
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-"));
  try {
    const x1 = generateDataSet(FIXTURES_DIR, path.join(work, "x1"), 1, 0);
    const x10 = generateDataSet(FIXTURES_DIR, path.join(work, "x10"), 10, 5000);
    const db1 = path.join(work, "x1.db");
    const db10 = path.join(work, "x10.db");
    // As npm start migrates (prisma migrate deploy, which records what it applied).
    for (const db of [db1, db10]) {
      const run = prisma(["migrate", "deploy"], `file:${db}`, PROJECT_ROOT);
      if (run.status !== 0) throw new Error(`prisma migrate deploy failed:\n${run.stderr}${run.stdout}`);
    }
    const syncRows: (string | number)[][] = [];
    for (const [label, db, data] of [["1x", db1, x1], ["10x", db10, x10]] as const) {
      if ((ONLY === "search" || ONLY === "check" || ONLY === "serving") && label === "10x") continue;
      if (ONLY === "costs") {
        syncCli(db, data);
        continue;
      }
      const full = syncCli(db, data);
      const again = syncCli(db, data);
      syncRows.push([`${label} (${data.bulletins} bulletins, ${data.advisories} XSAs)`, full.ms, again.ms]);
    }
    if (ONLY === "costs") {
      await benchQueryCosts([{ label: "1x", database: db1 }, { label: "10x", database: db10 }], ROUNDS);
      return;
    }
    console.log(`\nnpm run sync, wall time in ms (load ${load()})\n${table(["data", "first sync", "no-change resync"], syncRows)}`);
    const resync = Number(syncRows[0]?.[2]);
    verdicts.push({
      target: "no-change resync at most the gpg loop over the same signatures",
      met: gpgMs === null ? null : resync <= gpgMs,
      detail: `${resync.toFixed(0)} ms against gpg ${gpgMs?.toFixed(0) ?? "?"} ms (at 10x: ${Number(syncRows[1]?.[2]).toFixed(0)} ms)`,
    });
    if (ONLY === "sync") return;

    ensureBuilt();
    if (ONLY === "search" || ONLY === "check") {
      const app = await startServer(db1, await freePort());
      try {
        if (ONLY === "search") await uniqueSearches(app);
        else await benchCheck(app, db1, SECONDS, ROUNDS, verdicts);
      } finally {
        await app.stop();
      }
      return;
    }
    if (ONLY === "serving") {
      const app = await startServer(db1, await freePort());
      try {
        const idle = await idleMemory(app);
        await serving(app, work);
        memoryVerdict(app, idle);
      } finally {
        await app.stop();
      }
      return;
    }
    const app = await startServer(db1, await freePort());
    const app10 = await startServer(db10, await freePort());
    try {
      if (ONLY !== "bounded") {
        const idle = await idleMemory(app);
        await serving(app, work);
        await uniqueSearches(app);
        await benchCheck(app, db1, SECONDS, ROUNDS, verdicts);
        memoryVerdict(app, idle);
      }
      const misses = await missPaths([
        { label: "1x", app, database: db1, data: x1 },
        { label: "10x", app: app10, database: db10, data: x10 },
      ]);
      const at1 = misses.get("1x") ?? new Map<string, Miss>();
      const at10 = misses.get("10x") ?? new Map<string, Miss>();
      if (ONLY !== "bounded") await burst(app, db1, x1);
      // Only the pages measured (BENCH_PAGES): a page not asked for is no verdict's evidence.
      const rows = BOUNDED.filter((p) => PAGES.includes(p)).map((p) => [p, at1.get(p)?.bytes ?? 0, at10.get(p)?.bytes ?? 0, (at10.get(p)?.bytes ?? 0) / (at1.get(p)?.bytes ?? 1), at1.get(p)?.ms ?? 0, at10.get(p)?.ms ?? 0]);
      console.log(`\nBounded pages: 1x against 10x data (size in bytes, first render in ms)\n${table(["url", "bytes 1x", "bytes 10x", "size ratio", "render 1x", "render 10x"], rows)}`);
      const grew = rows.filter((r) => Number(r[3]) > 1.25);
      verdicts.push({ target: "home, feeds, release and paginated pages bounded in size at 10x", met: grew.length === 0, detail: grew.length ? `grew: ${grew.map((r) => `${r[0]} ${Number(r[3]).toFixed(1)}x`).join(", ")}` : "none grows more than 25%" });
      const paginated = rows.filter((r) => PAGINATED.includes(String(r[0])));
      const slow = paginated.filter((r) => Number(r[5]) > 1.5 * Number(r[4]) + 20);
      verdicts.push({ target: "paginated pages cost the same at 10x", met: slow.length === 0, detail: paginated.map((r) => `${r[0]} ${Number(r[4]).toFixed(0)} → ${Number(r[5]).toFixed(0)} ms`).join(", ") });
    } finally {
      await app.stop();
      await app10.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    console.log(`\nVerdicts (load average at the end ${load()})`);
    for (const v of verdicts) console.log(verdictLine(v));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
