// `npm run bench`: speed figures measured in one run, printed as ratios.
//  1. Signature verification: every real QSB signature verified in process
//     (as a sync does) against `gpg --verify` over the same files.
//  2. Pages: requests per second for each page, served by the app as `npm
//     start` serves it, against a static file from the same server. The
//     target is a ratio of at least 0.5 for every page.
// It needs the real data in ../shared/fixtures (or FIXTURES_DIR).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { loadKeyring, verifyDetached } from "../lib/pgp";
import { HAS_FIXTURES, KEYS_DIR, QSB_DIR } from "../tests/helpers/fixtures";
import { startApp } from "../tests/helpers/server";

const PAGE_SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function benchSignatures(): Promise<void> {
  const files = readdirSync(QSB_DIR).filter((f) => /^qsb-\d{3}-\d{4}\.txt\.(sig|sign)\./.test(f)).sort();
  const pairs = files.map((sig) => ({ sig: path.join(QSB_DIR, sig), data: path.join(QSB_DIR, sig.replace(/\.(sig|sign)\.[^.]+$/, "")) }));

  const started = performance.now();
  const keyring = await loadKeyring(KEYS_DIR);
  const loaded = performance.now();
  let valid = 0;
  for (const { sig, data } of pairs) {
    const verdict = await verifyDetached(readFileSync(data), readFileSync(sig), keyring);
    if (verdict.status === "valid") valid++;
  }
  const ours = performance.now() - started;

  console.log(`\nSignature verification: ${pairs.length} QSB signatures`);
  console.log(`  openpgp (this app): ${ours.toFixed(0)} ms, ${valid} valid (keyring load ${(loaded - started).toFixed(0)} ms)`);
  if (spawnSync("gpg", ["--version"]).status !== 0) {
    console.log("  gpg: not installed, no comparison (apt-get install gnupg)");
    return;
  }
  const home = mkdtempSync(path.join(os.tmpdir(), "bench-gnupg-"));
  try {
    const keyFiles = [path.join(KEYS_DIR, "master-key"), path.join(KEYS_DIR, "security-team"), path.join(KEYS_DIR, "security-team", "retired")]
      .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".asc")).map((f) => path.join(dir, f)));
    spawnSync("gpg", ["--homedir", home, "--batch", "--quiet", "--import", ...keyFiles], { stdio: "ignore" });
    const gpgStarted = performance.now();
    let good = 0;
    for (const { sig, data } of pairs) {
      const result = spawnSync("gpg", ["--homedir", home, "--batch", "--status-fd", "1", "--verify", sig, data], { encoding: "utf8" });
      if (/\[GNUPG:\] GOODSIG/.test(result.stdout)) good++;
    }
    const gpg = performance.now() - gpgStarted;
    console.log(`  gpg --verify, one run per file: ${gpg.toFixed(0)} ms, ${good} good`);
    console.log(`  ratio gpg time / our time: ${(gpg / ours).toFixed(1)}x (higher: we are faster)`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Requests per second for one URL: CONCURRENCY keep-alive clients for PAGE_SECONDS. */
async function measure(url: string, seconds = PAGE_SECONDS): Promise<{ rps: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const get = () =>
    new Promise<number>((resolve) => {
      const request = http.get(url, { agent, headers: { "accept-encoding": "gzip" } }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", () => resolve(0));
    });
  for (let i = 0; i < 20; i++) await get(); // warm up: fills the cache
  let done = 0;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const status = await get();
        if (status >= 200 && status < 500) done++;
        else errors++;
      }
    }),
  );
  agent.destroy();
  return { rps: done / ((performance.now() - started) / 1000), errors };
}

async function benchPages(): Promise<void> {
  console.log(`\nPages: requests per second (median of ${ROUNDS} rounds of ${PAGE_SECONDS} s), ${CONCURRENCY} concurrent keep-alive clients`);
  const app = await startApp();
  try {
    const pages = ["/", "/qsb", "/qsb?year=2019&signature=verified", "/qsb/54", "/xsa", "/xsa/306", "/releases", "/releases/4.2", "/search?q=XSA+306", "/search?q=ineffective", "/qsb/999", "/api/qsb/54", "/feed.xml"];
    // Warm the server (and its JIT) on every URL first, so that no URL is measured cold.
    for (const url of ["/robots.txt", ...pages]) await measure(`${app.url}${url}`, 0.5);
    // A build asset, which the front server hands to Next.js's own static file serving.
    const home = await (await fetch(`${app.url}/`)).text();
    const asset = /\/_next\/static\/[^"']+\.css/.exec(home)?.[0];
    const targets = ["/robots.txt", ...(asset ? [asset] : []), ...pages];
    // Several short rounds, each over every URL, and the median of each: a
    // burst of noise from the rest of the machine then moves one sample, not a verdict.
    const samples = new Map<string, number[]>(targets.map((t) => [t, []]));
    const errors = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) {
        const result = await measure(`${app.url}${target}`);
        samples.get(target)?.push(result.rps);
        errors.set(target, (errors.get(target) ?? 0) + result.errors);
      }
    }
    const rps = (target: string) => median(samples.get(target) ?? []);
    const staticRps = rps("/robots.txt");
    const nextStaticRps = asset ? rps(asset) : null;
    console.log(`  ${"/robots.txt (static file, public/)".padEnd(40)} ${staticRps.toFixed(0).padStart(7)} req/s`);
    if (nextStaticRps) console.log(`  ${"a /_next/static CSS file (Next.js)".padEnd(40)} ${nextStaticRps.toFixed(0).padStart(7)} req/s`);
    let worst = Number.POSITIVE_INFINITY;
    for (const page of pages) {
      const value = rps(page);
      const ratio = value / staticRps;
      worst = Math.min(worst, ratio);
      const versusNext = nextStaticRps ? `  (vs Next's static ${(value / nextStaticRps).toFixed(2)})` : "";
      const failed = errors.get(page) ?? 0;
      console.log(`  ${page.padEnd(40)} ${value.toFixed(0).padStart(7)} req/s  ratio ${ratio.toFixed(2)}${versusNext}${ratio < 0.5 ? "  BELOW TARGET 0.5" : ""}${failed ? `  ${failed} errors` : ""}`);
    }
    console.log(`  lowest ratio page/static: ${worst.toFixed(2)} (target ≥ 0.50)`);
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  if (!HAS_FIXTURES) {
    console.error("bench: the real data in ../shared/fixtures is needed (or set FIXTURES_DIR)");
    process.exit(1);
  }
  const only = process.argv[2];
  if (!only || only === "signatures") await benchSignatures();
  if (!only || only === "pages") await benchPages();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
