// Unique searches spliced from a template (lib/server/search-splice.ts) are
// the pages Next.js renders: for many real queries, on both databases, the
// page through the splice against the page from a server with it off
// (SEARCH_SPLICE=0), on one database: the visible HTML byte for byte, the
// RSC payload's tree equal. Then, in Chromium, a spliced page hydrates with
// no console error or CSP violation, keeps its results, and shows them again
// after a client navigation away and back; without JavaScript it works too.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { chromium, type Browser } from "playwright-core";
import { SPLICED_HEADER, TEMPLATE_QUERY } from "@/lib/server/search-splice";
import { contentSecurityPolicy } from "@/lib/server/security-headers";
import { describeEachDatabase, type AnyTestDatabase } from "../helpers/db";
import { payloadTree, separatePayload } from "../helpers/flight";
import { HAS_FIXTURES } from "../helpers/fixtures";
import { startApp, type RunningApp } from "../helpers/server";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = HAS_FIXTURES ? false : "the real data in ../shared/fixtures is absent";

/** Real queries: words, pairs, nothing found, CVE IDs, numbers, paging, odd characters, markup, very long. */
const QUERIES = [
  "ineffective", "xen", "xen memory", "memory xen", "the", "pv", "dom0 kernel", "intel microcode", "spectre", "firmware", "shadow paging", "oxenstored",
  "gui daemon", "zzzqqq", "meltdown rogue", "CVE-2019-19579", "cve-2019-19579", "CVE-2099-0001", "306", "54", "100000", "qsb-999",
  "<script>alert(1)</script>", '"quoted words"', "a'b", "&amp;", "50% off", "under_score", "naïve", "Ünïcode", "%", "a", "xen|memory",
  "$dollar", "$", "a/b", "x y  z", "  padded  ", "tab\there", "new\nline", "emoji 🔒 lock", "\u2028sep", 'quote"s', "back\\slash", "<b>bold</b> & co",
  "é", "%41", "+plus+", "xen&page=2", "ω".repeat(250), "x".repeat(300), "xen ".repeat(30), TEMPLATE_QUERY,
];
const PATHS = [
  ...QUERIES.map((q) => `/search?${new URLSearchParams({ q })}`),
  "/search?q=xen&page=2", "/search?q=xen&page=3", "/search?q=xen&page=99", "/search?q=the&page=4", "/search?page=2&q=memory", "/search?q=xen&page=0", "/search?q=xen&page=abc",
];

async function get(base: string, path: string): Promise<{ status: number; html: string; spliced: boolean; csp: string | null }> {
  const response = await fetch(`${base}${path}`, { redirect: "manual" });
  return { status: response.status, html: await response.text(), spliced: response.headers.get(SPLICED_HEADER) === "search-splice", csp: response.headers.get("content-security-policy") };
}

describeEachDatabase("a spliced search page is the page Next.js renders", { skip, timeout: 15 * 60_000 }, (provider) => {
  let database: AnyTestDatabase;
  let spliced: RunningApp;
  let rendered: RunningApp;
  let browser: Browser | undefined;

  before(async () => {
    database = await createSyncedTestDatabaseFor(provider, "tracker_splice");
    // One site address for both: the pages must differ only by how they were made.
    const env = { SITE_URL: "http://127.0.0.1:1" };
    [spliced, rendered] = await Promise.all([startApp({ database, env }), startApp({ database, env: { ...env, SEARCH_SPLICE: "0" } })]);
  });
  after(async () => {
    await browser?.close();
    await Promise.all([spliced?.stop(), rendered?.stop()]);
    await database?.cleanup();
  });

  test("visible HTML byte for byte and the RSC payload's tree, for every query", async () => {
    let splicedCount = 0;
    for (const path of PATHS) {
      const [a, b] = [await get(spliced.url, path), await get(rendered.url, path)];
      // Next.js's own page too: on PostgreSQL every free-text search was a 500 (the bundle took the client for SQLite's, lib/db.ts).
      assert.ok(b.status === 200 || b.status === 307, `${path}: ${b.status}`);
      assert.equal(a.status, b.status, path);
      assert.equal(b.spliced, false, path);
      if (a.spliced) splicedCount++;
      // Its CSP hashes this very page's inline scripts (the splicer works it out, a front worker keeps it).
      assert.equal(a.csp, contentSecurityPolicy(a.html), `CSP of ${path}`);
      const [pa, pb] = [separatePayload(a.html), separatePayload(b.html)];
      assert.equal(pa.visible, pb.visible, `visible HTML of ${path}`);
      assert.deepEqual(payloadTree(pa.payload), payloadTree(pb.payload), `RSC payload of ${path}`);
    }
    // Everything but the exact IDs' redirects (none among these) and the empty query is spliced.
    assert.ok(splicedCount >= PATHS.length - 2, `${splicedCount} of ${PATHS.length} spliced`);
  });

  test("in Chromium: hydrates without errors or CSP violations, keeps its results, and after navigating away and back; without JavaScript too", { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}` }, async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    const problems: string[] = [];
    const context = await browser.newContext();
    context.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    context.on("weberror", (error) => problems.push(`page error: ${error.error().message}`));
    const page = await context.newPage();
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const path = `/search?${new URLSearchParams({ q: "xen memory" })}&page=2`;
    const first = await get(spliced.url, path);
    assert.equal(first.spliced, true);
    const response = await page.goto(`${spliced.url}${path}`, { waitUntil: "load" });
    assert.equal(response?.headers()[SPLICED_HEADER], "search-splice");
    const results = page.locator("#search-results");
    const served = await results.innerHTML();
    assert.match(served, /results for “xen memory”, 21 to 40 shown/);
    // Hydrated: React has attached itself to the search box (its fiber key on the element).
    await page.waitForFunction(() => Object.keys(document.getElementById("search-page-q") ?? {}).some((k) => k.startsWith("__reactFiber")));
    assert.equal(await results.innerHTML(), served);
    assert.equal(await page.inputValue("#search-page-q"), "xen memory");
    assert.equal(await page.title(), "Search: xen memory · Advisory Tracker");
    // Client navigation away (the header's home link) and back.
    await Promise.all([page.waitForURL(`${spliced.url}/`), page.getByRole("link", { name: "Advisory Tracker" }).first().click()]);
    await page.waitForSelector("#search-results", { state: "detached" });
    await page.goBack();
    await page.waitForURL(`${spliced.url}${path}`);
    await page.waitForSelector("#search-results");
    assert.equal(await page.locator("#search-results").innerHTML(), served);
    assert.equal(await page.inputValue("#search-page-q"), "xen memory");
    // A new search from the page's own form, then back again.
    await page.fill("#search-page-q", "oxenstored");
    await Promise.all([page.waitForURL(/q=oxenstored/), page.press("#search-page-q", "Enter")]);
    await page.waitForFunction(() => document.getElementById("search-results")?.textContent?.includes("oxenstored"));
    await page.goBack();
    await page.waitForURL(`${spliced.url}${path}`);
    await page.waitForFunction((html) => document.getElementById("search-results")?.innerHTML === html, served);
    assert.deepEqual(problems, []);

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${spliced.url}/search?q=${encodeURIComponent("gui daemon")}`);
    assert.match(await plain.locator("#search-results").innerText(), /results? for “gui daemon”/);
    await plain.fill("#search-page-q", "ineffective");
    await Promise.all([plain.waitForURL(/q=ineffective/), plain.press("#search-page-q", "Enter")]);
    assert.match(await plain.locator("#search-results").innerText(), /for “ineffective”/);
    await noScript.close();
    await context.close();
  });
});
