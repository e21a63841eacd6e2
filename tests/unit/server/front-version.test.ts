// The front server's cache and the data version: a page rendered while a
// sync changed the data is served to its request but never stored, so the
// next request renders the new data (before the fix, the old render was
// stored after the sync had emptied the cache, and served until the next sync).
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { createFrontServer } from "@/lib/server/front";

let upstream: http.Server;
let front: http.Server;
let base: string;
let version = "1";
let hits = 0;

before(async () => {
  upstream = http.createServer((_req, res) => {
    hits++;
    const body = (text: string) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<html><body>${text}</body></html>`);
    };
    if (hits === 1) {
      // The first render reads the old data, then a sync commits (version 2) before it is done.
      version = "2";
      setTimeout(() => body("old data"), 500);
    } else {
      body("new data");
    }
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  front = createFrontServer({
    upstream: { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port },
    dataVersion: () => Promise.resolve(version),
    versionTtlMs: 0,
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

test("a render that a sync overtook is not stored; the next request gets the new data", async () => {
  const slow = fetch(`${base}/page`).then((r) => r.text());
  while (hits === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  // Meanwhile another request sees version 2, empties the cache and renders the new data.
  assert.match(await (await fetch(`${base}/page`)).text(), /new data/);
  assert.match(await slow, /old data/, "the overtaken render still answers its own request");
  assert.match(await (await fetch(`${base}/page`)).text(), /new data/, "and is not what the cache serves afterwards");
  assert.match(await (await fetch(`${base}/page`)).text(), /new data/);
  assert.equal(hits, 2, "the new render stays cached");
});
