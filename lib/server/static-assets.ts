// The build's hashed files (/_next/static/...: JS, CSS, fonts) served from
// memory, precompressed, with a year's immutable caching: their names change
// whenever their content does. A file that is not there goes to Next.js,
// which answers 404.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { encodeBody, type Encoded } from "./compress";
import { PRECOMPRESSED_EXTENSIONS, readPrecompressed } from "./precompress";
import type { CachedResponse } from "./response-cache";
import { securityHeaders } from "./security-headers";

export const STATIC_PREFIX = "/_next/static/";
export const IMMUTABLE = "public, max-age=31536000, immutable";

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticAsset extends Encoded {
  type: string;
  etag: string;
}

export class StaticAssets {
  private assets = new Map<string, Promise<StaticAsset | null>>();
  /** The answers of the files loaded so far, by request path: the hit path reads them synchronously. */
  private answers = new Map<string, CachedResponse>();

  /** `dir` is the build's static folder (.next/static). */
  constructor(private readonly dir: string) {}

  /** The whole answer for a request (its query ignored) once its file was loaded by `answer`; else undefined. */
  peek(url: string): CachedResponse | undefined {
    const at = url.indexOf("?");
    return this.answers.get(at < 0 ? url : url.slice(0, at));
  }

  /** The answer for a request path under /_next/static/ (loading its file), or null (not a file there). */
  async answer(urlPath: string): Promise<CachedResponse | null> {
    const known = this.answers.get(urlPath);
    if (known) return known;
    const asset = await this.get(urlPath);
    if (!asset) return null;
    const headers = { "content-type": asset.type, "cache-control": IMMUTABLE, ...securityHeaders(asset.type, null), vary: "Accept-Encoding" };
    const answer: CachedResponse = { status: 200, headers, body: asset.body, gzip: asset.gzip, br: asset.br, etag: asset.etag };
    this.answers.set(urlPath, answer);
    return answer;
  }

  /** The asset for a request path under /_next/static/, or null (not a file there). */
  get(urlPath: string): Promise<StaticAsset | null> {
    let cached = this.assets.get(urlPath);
    if (!cached) {
      cached = this.load(urlPath);
      // Bounded by the build's files; a path that is not one is not kept.
      void cached.then((asset) => {
        if (!asset) this.assets.delete(urlPath);
      });
      this.assets.set(urlPath, cached);
    }
    return cached;
  }

  private async load(urlPath: string): Promise<StaticAsset | null> {
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath.slice(STATIC_PREFIX.length));
    } catch {
      return null;
    }
    const file = path.resolve(this.dir, relative);
    if (!file.startsWith(this.dir + path.sep) || relative.includes("\0")) return null;
    const body = await readFile(file).catch(() => null);
    if (!body) return null;
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    const encoded = (await precompressed(file, body)) ?? (await encodeBody(body, type.startsWith("font/") || type.startsWith("image/png") ? "binary" : type));
    return { ...encoded, type, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
  }
}

/** The copies `npm run build` compressed (precompress.ts), when both are there and current. */
async function precompressed(file: string, body: Buffer): Promise<Encoded | null> {
  if (!PRECOMPRESSED_EXTENSIONS.has(path.extname(file).toLowerCase())) return null;
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  const [gzip, br] = await Promise.all([readPrecompressed(file, ".gz", info.mtimeMs), readPrecompressed(file, ".br", info.mtimeMs)]);
  return gzip && br ? { body, gzip, br } : null;
}
