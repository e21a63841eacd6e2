// Static files compressed at build time (lib/server/precompress.ts) and
// served from those copies (lib/server/static-assets.ts).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { precompressStatic } from "@/lib/server/precompress";
import { StaticAssets } from "@/lib/server/static-assets";

const dir = mkdtempSync(path.join(os.tmpdir(), "precompress-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const js = Buffer.from(Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i} * 2;\n`).join(""));
mkdirSync(path.join(dir, "chunks"), { recursive: true });
writeFileSync(path.join(dir, "chunks", "app.js"), js);
writeFileSync(path.join(dir, "chunks", "tiny.js"), "x=1");
writeFileSync(path.join(dir, "font.woff2"), Buffer.alloc(4096, 7));

test("the build writes .br and .gz beside each compressible file, smaller and decoding to the same bytes", async () => {
  const summary = await precompressStatic(dir);
  assert.equal(summary.files, 1, "only app.js: tiny.js is under the minimum, a font is not compressed again");
  const br = readFileSync(path.join(dir, "chunks", "app.js.br"));
  const gz = readFileSync(path.join(dir, "chunks", "app.js.gz"));
  assert.ok(br.length < js.length && gz.length < js.length);
  assert.deepEqual(brotliDecompressSync(br), js);
  assert.deepEqual(gunzipSync(gz), js);
  assert.equal(existsSync(path.join(dir, "chunks", "tiny.js.br")), false);
  assert.equal(existsSync(path.join(dir, "font.woff2.br")), false);
});

test("the server sends the build's copies, not ones it compresses itself", async () => {
  const asset = await new StaticAssets(dir).get("/_next/static/chunks/app.js");
  assert.ok(asset);
  assert.deepEqual(asset.br, readFileSync(path.join(dir, "chunks", "app.js.br")));
  assert.deepEqual(asset.gzip, readFileSync(path.join(dir, "chunks", "app.js.gz")));
  assert.equal(asset.type, "application/javascript; charset=utf-8");
});

test("a copy older than its file is not used: the server compresses the file as it is now", async () => {
  const file = path.join(dir, "chunks", "app.js");
  const changed = Buffer.concat([js, Buffer.from("export const late = 1;\n")]);
  writeFileSync(file, changed);
  const old = new Date(Date.now() - 60_000);
  utimesSync(`${file}.br`, old, old);
  utimesSync(`${file}.gz`, old, old);
  const asset = await new StaticAssets(dir).get("/_next/static/chunks/app.js");
  assert.ok(asset?.br && asset.gzip);
  assert.deepEqual(brotliDecompressSync(asset.br), changed);
  assert.deepEqual(gunzipSync(asset.gzip), changed);
});
