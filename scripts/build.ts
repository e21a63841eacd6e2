// `npm run build`: builds the app with `next build` when a file the build
// reads changed since the last build (a stamp in .next), and never touches a
// database. Two builds at once would write the same .next folder: a lock
// makes the second wait, and it then finds the first one's build current.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";
import { precompressStatic } from "../lib/server/precompress";

const root = path.resolve(import.meta.dirname, "..");
const stampFile = path.join(root, ".next", "source-stamp");
/** The compiled server entry (scripts/start.ts and the front worker, bundled): `npm run serve` runs node on it, no tsx. */
export const SERVER_DIR = path.join(root, "dist");
const serverStampFile = path.join(SERVER_DIR, "source-stamp");
/** The project's files the bundle was made from (esbuild's metafile): the bundle is current while none changed. */
const serverInputsFile = path.join(SERVER_DIR, "inputs.json");
const SERVER_ENTRIES = { start: "scripts/start.ts", "front-worker": "scripts/front-worker.ts" };

/** True when .next holds a build of the current sources, and dist/ the compiled server entry. */
export function isBuilt(): boolean {
  return isCurrent(path.join(root, ".next", "BUILD_ID"), stampFile, sourceStamp()) && isCurrent(path.join(SERVER_DIR, "start.mjs"), serverStampFile, serverStamp());
}

function isCurrent(output: string, stamp: string, sources: string | null): boolean {
  return sources !== null && existsSync(output) && existsSync(stamp) && readFileSync(stamp, "utf8") === sources;
}

/** Builds unless the build is current; resolves to false when `next build` failed (its output went to `output`). */
export async function ensureBuilt(output: "inherit" | "pipe" = "inherit"): Promise<{ ok: boolean; built: boolean; log: string }> {
  mkdirSync(path.join(root, ".next"), { recursive: true });
  const release = await lockfile.lock(path.join(root, ".next"), {
    lockfilePath: path.join(root, ".next-build.lock"),
    realpath: false,
    stale: 30_000,
    retries: { retries: 2000, minTimeout: 250, maxTimeout: 1000 },
  });
  try {
    const server = await bundleServer();
    if (isBuilt()) return { ok: true, built: server, log: "" };
    const stamp = sourceStamp();
    const { code, log } = await run(path.join(root, "node_modules", ".bin", "next"), ["build"], output);
    if (code !== 0) return { ok: false, built: false, log };
    // JS and CSS compressed once here (brotli 11, gzip 9), so the server sends them compressed from the first request.
    const packed = await precompressStatic(path.join(root, ".next", "static"));
    const note = `build: ${packed.files} static files precompressed, ${kb(packed.bytes)} to ${kb(packed.brBytes)} (brotli) and ${kb(packed.gzipBytes)} (gzip)\n`;
    if (output === "inherit") process.stdout.write(note);
    writeFileSync(stampFile, stamp);
    return { ok: true, built: true, log: log + note };
  } finally {
    await release();
  }
}

function run(command: string, args: string[], output: "inherit" | "pipe"): Promise<{ code: number; log: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", output, output], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.once("error", (error) => resolve({ code: 1, log: `${log}${error.message}\n` }));
    child.once("exit", (code) => resolve({ code: code ?? 1, log }));
  });
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/**
 * Bundles the server's entry points into dist/*.mjs with esbuild, when their
 * sources changed: the packages in node_modules stay imports (Next.js, Prisma
 * and the rest load as they do under tsx), the project's own TypeScript is
 * compiled in. True when it bundled.
 */
async function bundleServer(): Promise<boolean> {
  if (isCurrent(path.join(SERVER_DIR, "start.mjs"), serverStampFile, serverStamp())) return false;
  const esbuild = await import("esbuild");
  const staging = `${SERVER_DIR}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const { metafile } = await esbuild.build({
      metafile: true,
      absWorkingDir: root,
      entryPoints: SERVER_ENTRIES,
      outdir: staging,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      tsconfig: path.join(root, "tsconfig.json"),
      logLevel: "warning",
    });
    const inputs = Object.keys(metafile.inputs).filter((file) => !file.startsWith("node_modules/")).sort();
    writeFileSync(path.join(staging, "inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
    writeFileSync(path.join(staging, "source-stamp"), serverStamp(inputs) ?? "");
    // Whole or not at all: a server starting from dist/ never reads half a bundle.
    rmSync(SERVER_DIR, { recursive: true, force: true });
    renameSync(staging, SERVER_DIR);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    await esbuild.stop();
  }
  return true;
}

/** Changes whenever a file the build reads changes. */
function sourceStamp(): string {
  return stampOf(["app", "components", "lib", "public"], ["package.json", "next.config.ts", "postcss.config.mjs", "tsconfig.json"]);
}

/** The same for the compiled server entry: the files it was bundled from; null when that list is missing or one is gone. */
function serverStamp(inputs: string[] | null = readInputs()): string | null {
  if (!inputs || !inputs.every((file) => existsSync(path.join(root, file)))) return null;
  return stampOf(inputs, ["package.json", "tsconfig.json"]);
}

function readInputs(): string[] | null {
  try {
    return JSON.parse(readFileSync(serverInputsFile, "utf8")) as string[];
  } catch {
    return null;
  }
}

/** A hash of the size and time of every file under `paths` (folders or files), and of the contents of `files`. */
function stampOf(paths: string[], files: string[]): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    if (!statSync(dir).isDirectory()) {
      const stat = statSync(dir);
      hash.update(`${path.relative(root, dir)}:${stat.size}:${stat.mtimeMs}\n`);
      return;
    }
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const file = path.join(dir, name);
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file);
      else hash.update(`${path.relative(root, file)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const dir of paths) walk(path.join(root, dir));
  for (const file of files) {
    if (existsSync(path.join(root, file))) hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}

// Run as `npm run build` (not when bundled into dist/start.mjs, where every module's import.meta.filename is the bundle's).
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, "scripts", "build.ts")) {
  console.log("> Building the app");
  ensureBuilt().then(
    (result) => {
      if (!result.ok) {
        console.error("\nbuild: next build failed (see above).");
        process.exit(1);
      }
      console.log(result.built ? "build: done" : "build: the build in .next is current; nothing to do");
    },
    (error: unknown) => {
      console.error(`build: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
