import assert from "node:assert/strict";
import { test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { searchResultsHtml, SEARCH_HINT } from "@/components/search/search-results-html";
import { pageWindow } from "@/lib/queries/paginate";
import type { SearchPageData } from "@/lib/queries/search-page";
import type { SearchResult } from "@/lib/queries/search";
import { missCompression, SEARCH_COMPRESSION } from "@/lib/server/search-miss";
import { BROTLI_QUALITY, encodeBody, GZIP_LEVEL } from "@/lib/server/compress";

const hostile = `<script>alert("x")</script> & 'quotes'`;

function result(over: Partial<SearchResult>): SearchResult {
  return { kind: "bulletin", number: 54, id: "QSB-054", href: "/qsb/54", title: null, date: null, why: "has “xen” in its title", snippet: null, exact: false, ...over };
}

function data(over: Partial<SearchPageData>): SearchPageData {
  const results = over.outcome?.results ?? [];
  return {
    query: "xen",
    outcome: { query: "xen", interpretation: "text", redirect: null, results },
    window: pageWindow(results.length, 1, 20),
    shown: results.slice(0, 20),
    releases: new Map(),
    xenIndexImported: null,
    ...over,
  };
}

/** The text a reader sees: tags dropped, the five entities decoded. */
const text = (html: string) =>
  html.replace(/<[^>]+>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();

test("every text and attribute of a result is escaped: a title, query or snippet of markup stays text", () => {
  const r = result({ title: hostile, why: `has “${hostile}” in its title or text`, date: "2019-12-11", snippet: [{ text: "… a ", match: false }, { text: hostile, match: true }, { text: " b …", match: false }] });
  const html = searchResultsHtml(data({ query: hostile, outcome: { query: hostile, interpretation: "text", redirect: null, results: [r] } }));
  assert.doesNotMatch(html, /<script|alert\("x"\)/);
  assert.match(html, /<mark class="[^"]+">&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;quotes&#39;<\/mark>/);
  assert.equal(text(html), `1 result for “${hostile}” QSB-054 ${hostile} 2019-12-11 no release named Matched: it has “${hostile}” in its title or text. … a ${hostile} b …`);
});

test("release badges, the exact-match badge and the pagination's links (the query kept, & escaped in the attribute)", () => {
  const results = Array.from({ length: 45 }, (_, i) => result({ number: i + 1, id: `QSB-${i + 1}`, href: `/qsb/${i + 1}`, exact: i === 20 }));
  const releases = new Map([[21, [{ name: "4.2", support: "supported" as const, supportEnd: null }, { name: "3.2", support: "unsupported" as const, supportEnd: "2019-03-28" }]]]);
  const query = "a&b c";
  const page2 = searchResultsHtml(data({ query, outcome: { query, interpretation: "text", redirect: null, results }, window: pageWindow(45, 2, 20), shown: results.slice(20, 40), releases }));
  assert.match(page2, /45 results for “a&amp;b c”, 21 to 40 shown/);
  assert.match(page2, /title="Qubes OS R3\.2 has been unsupported since 2019-03-28: it gets no more security fixes" class="[^"]+">R3\.2 · unsupported<\/span>/);
  assert.match(page2, /title="This bulletin gives fixes for Qubes R4\.2" class="[^"]+">R4\.2<\/span>/);
  assert.match(page2, />exact match<\/span>/);
  assert.match(page2, /rel="prev" href="\/search\?q=a%26b\+c">← Previous<\/a>/);
  assert.match(page2, /Page 2 of 3<\/span>/);
  assert.match(page2, /rel="next" href="\/search\?q=a%26b\+c&amp;page=3">Next →<\/a>/);
  assert.equal((page2.match(/<li /g) ?? []).length, 20);
});

test("no query: the hint; nothing found: says so; an unknown CVE: what was searched", () => {
  assert.equal(text(searchResultsHtml(data({ query: "", outcome: { query: "", interpretation: "empty", redirect: null, results: [] } }))), SEARCH_HINT);
  assert.equal(text(searchResultsHtml(data({ query: "zz", outcome: { query: "zz", interpretation: "text", redirect: null, results: [] } }))), "Nothing matches “zz”.");
  const cve = (imported: boolean) =>
    text(searchResultsHtml(data({ query: "cve-2099-1", outcome: { query: "cve-2099-1", interpretation: "cve", redirect: null, results: [] }, xenIndexImported: imported })));
  assert.match(cve(false), /^CVE-2099-1 is not known here\. .*Xen's XSA index was not imported/);
  assert.match(cve(true), /and Xen's XSA index\.$/);
});

test("a search's miss is compressed at cheap levels; every other miss as before", () => {
  assert.deepEqual(missCompression("/search?q=xen"), [SEARCH_COMPRESSION.brotli, SEARCH_COMPRESSION.gzip]);
  assert.deepEqual(missCompression("/search"), [SEARCH_COMPRESSION.brotli, SEARCH_COMPRESSION.gzip]);
  assert.deepEqual(missCompression("/searchable"), [BROTLI_QUALITY.missPath, GZIP_LEVEL]);
  assert.deepEqual(missCompression("/qsb/54"), [BROTLI_QUALITY.missPath, GZIP_LEVEL]);
});

test("a search miss's compressed copies (made on the event loop at its cheap levels) are the page, as the thread pool's at the usual levels are", async () => {
  const page = Buffer.from(`<!DOCTYPE html><html><body>${searchResultsHtml(data({})).repeat(200)}</body></html>`);
  for (const levels of [missCompression("/search?q=xen"), missCompression("/qsb/54")]) {
    const encoded = await encodeBody(page, "text/html; charset=utf-8", ...levels);
    assert.ok(encoded.gzip && encoded.br && encoded.br.length < page.length, String(levels));
    assert.deepEqual(gunzipSync(encoded.gzip), page);
    assert.deepEqual(brotliDecompressSync(encoded.br), page);
  }
});
