// Compressed copies of a body, made once (off the event loop, in libuv's
// thread pool, unless cheap: see CHEAP_LEVELS) and kept beside it, and the
// choice among them for a request.
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";
import { keptByKey } from "./kept-by-key";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Smaller bodies are sent as they are: compression would save less than its headers. */
export const MIN_COMPRESS_BYTES = 1024;

export interface Encoded {
  body: Buffer;
  gzip: Buffer | null;
  br: Buffer | null;
}

export type Encoding = "br" | "gzip" | "identity";

/**
 * Brotli's quality: 9 on the miss path compresses within a few percent of 11
 * at a tenth of the time; the build's static files take 11 once.
 */
export const BROTLI_QUALITY = { missPath: 9, build: 11 } as const;

/** gzip's level on the miss path and for the build (a unique search's miss asks for less: search-miss.ts). */
export const GZIP_LEVEL = 9;

/**
 * Levels this low (a unique search's miss: search-miss.ts) compress on the
 * event loop: for a 30 KB search page, brotli 2 and gzip 1 took 0.35-0.44 ms
 * of CPU together there, and 0.86-0.89 ms through the thread pool, whose
 * hand-off and stream machinery cost more than the compression itself.
 */
const CHEAP_LEVELS = { brotli: 4, gzip: 4 } as const;

export async function encodeBody(
  body: Buffer,
  type: string | undefined,
  brotliQuality: number = BROTLI_QUALITY.missPath,
  gzipLevel: number = GZIP_LEVEL,
): Promise<Encoded> {
  if (body.length < MIN_COMPRESS_BYTES || !compressible(type)) return { body, gzip: null, br: null };
  const brotli = { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } };
  const [gzipped, br] =
    brotliQuality <= CHEAP_LEVELS.brotli && gzipLevel <= CHEAP_LEVELS.gzip
      ? [gzipSync(body, { level: gzipLevel }), brotliCompressSync(body, brotli)]
      : await Promise.all([gzipAsync(body, { level: gzipLevel }), brotliAsync(body, brotli)]);
  return { body, gzip: gzipped.length < body.length ? gzipped : null, br: br.length < body.length ? br : null };
}

function compressible(type: string | undefined): boolean {
  return !type || /^(text\/|application\/(json|javascript|xml|rss\+xml|atom\+xml|feed\+json|manifest\+json)|image\/svg\+xml)/.test(type);
}

/** The best encoding the client accepts (q=0 refuses one) among those there are. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined, encoded: Encoded): Encoding {
  if (!acceptEncoding || (!encoded.br && !encoded.gzip)) return "identity";
  const takes = accepts(String(acceptEncoding));
  if (encoded.br && takes.br) return "br";
  if (encoded.gzip && takes.gzip) return "gzip";
  return "identity";
}

/** Clients send few distinct Accept-Encoding values: each is parsed once (at most 64 kept). */
const accepts = keptByKey(64, (acceptEncoding): { br: boolean; gzip: boolean } => {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const takes = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  return { br: takes("br"), gzip: takes("gzip") };
});

export function bodyFor(encoded: Encoded, encoding: Encoding): Buffer {
  return (encoding === "br" ? encoded.br : encoding === "gzip" ? encoded.gzip : null) ?? encoded.body;
}
