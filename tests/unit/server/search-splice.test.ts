import assert from "node:assert/strict";
import { test } from "node:test";
import { createSearchSplicer, TEMPLATE_QUERY } from "@/lib/server/search-splice";
import { securityHeaders } from "@/lib/server/security-headers";
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

test("a spliced page comes with its own security headers: the CSP hashes its inline scripts and styles, its payload script included", async () => {
  const q = TEMPLATE_QUERY;
  const payload = `0:{"c":${JSON.stringify(`/search?q=${q}`.split("/"))},"q":"?q=${q}","defaultValue":"${q}","t":{"children":"Search: ${q} · T"},"r":{"__html":"<p>${q}</p>"}}\n`;
  const push = JSON.stringify([1, payload]).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  const html =
    `<html><head><title>Search: ${q} · T</title><style>b{color:red}</style><script>boot()</script></head>` +
    `<body><input value="${q}"/><div id="search-results" class="space-y-4"><p>${q}</p></div><script>self.__next_f.push(${push})</script><script>late()</script></body></html>`;
  const splice = createSearchSplicer({ fetchPage: () => Promise.resolve(page(html)), region: (query) => Promise.resolve({ html: `<p>${query}</p>`, redirect: null }) });
  for (const query of ["memory", "xen memory", "<b>&amp;"]) {
    const answer = await splice(`/search?${new URLSearchParams({ q: query })}`, "v1");
    assert.ok(answer, query);
    const body = answer.body.toString("utf8");
    assert.ok(body.includes(`<title>Search: ${query.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")} · T</title>`), body);
    assert.deepEqual(
      Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name in securityHeaders("text/html", null))),
      securityHeaders("text/html; charset=utf-8", body),
      query,
    );
  }
});
