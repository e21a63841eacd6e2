import assert from "node:assert/strict";
import { test } from "node:test";
import { createSearchSplicer } from "@/lib/server/search-splice";
import type { UpstreamAnswer } from "@/lib/server/upstream";

const page = (html: string): UpstreamAnswer => ({ status: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: Buffer.from(html) });

test("what it cannot splice exactly goes to Next.js: no query, a redirect, a failing query, a template not cut as expected", async () => {
  const fetched: string[] = [];
  let failing = false;
  const splice = createSearchSplicer({
    fetchPage: (path) => {
      fetched.push(path);
      // A page without the search box's value or the results region: no template can be cut from it.
      return Promise.resolve(page(`<html><head><title>Search: x · T</title></head><body><script>self.__next_f.push([1,"0:{}\\n"])</script></body></html>`));
    },
    region: (query) =>
      failing ? Promise.reject(new Error("the database is gone")) : Promise.resolve({ html: `<p>${query}</p>`, redirect: query === "XSA-306" ? "/xsa/306" : null }),
  });
  assert.equal(await splice("/search", "v1"), null);
  assert.equal(await splice("/search?q=++", "v1"), null);
  assert.equal(await splice("/qsb?page=2", "v1"), null);
  assert.equal(await splice("/search?q=xen", null), null);
  assert.equal(await splice("/search?q=XSA-306", "v1"), null);
  assert.equal(await splice("/search?q=xen", "v1"), null);
  failing = true;
  assert.equal(await splice("/search?q=memory", "v1"), null);
  // The templates were asked for once for the version (not per request), and again for a new version.
  const once = fetched.length;
  failing = false;
  await splice("/search?q=other", "v1");
  assert.equal(fetched.length, once);
  await splice("/search?q=other", "v2");
  assert.ok(fetched.length > once);
});
