// The build's static files (.next/static: JS, CSS, SVG, JSON) compressed
// once at build time, at the highest levels (brotli 11, gzip 9), written
// beside each file as `name.br` and `name.gz` where that makes it smaller.
// `npm run build` calls it after `next build`; the front server's static
// assets (static-assets.ts) read these copies instead of compressing on the
// first request, and compress themselves only where a copy is missing or
// older than its file.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { BROTLI_QUALITY, encodeBody, MIN_COMPRESS_BYTES } from "./compress";

/** The static files worth compressing (fonts and PNGs are compressed already). */
export const PRECOMPRESSED_EXTENSIONS = new Set([".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt"]);

export interface PrecompressSummary {
  files: number;
  bytes: number;
  gzipBytes: number;
  brBytes: number;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(file);
    else if (entry.isFile() && PRECOMPRESSED_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) yield file;
  }
}

export async function precompressStatic(dir: string): Promise<PrecompressSummary> {
  const summary: PrecompressSummary = { files: 0, bytes: 0, gzipBytes: 0, brBytes: 0 };
  for await (const file of filesUnder(dir)) {
    const body = await readFile(file);
    if (body.length < MIN_COMPRESS_BYTES) continue;
    // Every file here is one of PRECOMPRESSED_EXTENSIONS, so no type is given to stop it.
    const { gzip, br } = await encodeBody(body, undefined, BROTLI_QUALITY.build);
    summary.files++;
    summary.bytes += body.length;
    if (gzip) {
      await writeFile(`${file}.gz`, gzip);
      summary.gzipBytes += gzip.length;
    }
    if (br) {
      await writeFile(`${file}.br`, br);
      summary.brBytes += br.length;
    }
  }
  return summary;
}

/** The build-time copy of `file` in this encoding, or null when there is none or it is older than the file. */
export async function readPrecompressed(file: string, extension: ".gz" | ".br", fileMtimeMs: number): Promise<Buffer | null> {
  const copy = `${file}${extension}`;
  const info = await stat(copy).catch(() => null);
  if (!info || info.mtimeMs < fileMtimeMs) return null;
  return readFile(copy).catch(() => null);
}
