// End to end, in real headless Chromium (Debian's, driven by playwright-core):
// every page over the real data, the search spellings, the 404s, the release
// check, with JavaScript on and off. Screenshots go to tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { HAS_FIXTURES, PROJECT_ROOT } from "../helpers/fixtures";
import { startApp, type RunningApp } from "../helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = path.join(PROJECT_ROOT, "tests", "e2e", "screenshots");
const NOT_FOUND_PATHS = ["/qsb/999", "/qsb/abc", "/xsa/99999", "/xsa/x-1", "/releases/9.9", "/releases/nope", "/no-such-page"];
const skip = !HAS_FIXTURES ? "the real data in ../shared/fixtures is absent" : !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : false;

describe("the dashboard in Chromium", { skip, timeout: 20 * 60_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let noScript: BrowserContext;
  const problems: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    for (const ctx of [context, noScript]) {
      ctx.on("console", (message) => {
        // The 404 test's own pages report their status as an error: that one is expected.
        const expected404 = NOT_FOUND_PATHS.some((p) => message.location().url === `${app.url}${p}`);
        if (message.type() === "error" && !expected404) problems.push(`${message.location().url}: ${message.text()}`);
      });
      // Nothing may be fetched from another host.
      ctx.on("request", (request) => {
        if (!request.url().startsWith(app.url) && !request.url().startsWith("data:")) problems.push(`request to another host: ${request.url()}`);
      });
    }
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(ctx: BrowserContext, pathname: string, shot?: string): Promise<{ page: Page; status: number }> {
    const page = await ctx.newPage();
    const response = await page.goto(`${app.url}${pathname}`, { waitUntil: "load" });
    if (shot) await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
    return { page, status: response?.status() ?? 0 };
  }

  test("home: latest bulletins, statistics, signature health, last sync", async () => {
    const { page, status } = await open(context, "/", "home");
    assert.equal(status, 200);
    const text = await page.locator("main").innerText();
    assert.match(text, /QSB-116/);
    assert.match(text, /XSAs published/i);
    assert.match(text, /Bulletins verified\s*116 \/ 116/i);
    assert.match(text, /Last synced/);
    assert.equal(await page.getByRole("figure", { name: "Bulletins per year" }).count(), 1);
    // The cached page names the day of the last refresh; once it runs, the exact time from /api/source.
    await page.locator("footer [data-testid=refresh-time]").filter({ hasText: /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/ }).waitFor();
    await page.close();
  });

  test("QSB-054: the example, linked end to end", async () => {
    for (const pathname of ["/qsb/54", "/qsb/054"]) {
      const { page, status } = await open(context, pathname, pathname === "/qsb/54" ? "qsb-054" : undefined);
      assert.equal(status, 200, pathname);
      assert.match(await page.locator("h1").innerText(), /Xen fix for XSA-302 found ineffective in Qubes configuration \(XSA-306\)/);
      const advisories = page.locator("#advisories");
      assert.equal(await advisories.getByRole("link", { name: "XSA-306" }).getAttribute("href"), "/xsa/306");
      assert.equal(await advisories.getByRole("link", { name: "XSA-302" }).getAttribute("href"), "/xsa/302");
      assert.equal(await page.locator("#bulletins").getByRole("link", { name: "QSB-052" }).getAttribute("href"), "/qsb/52");
      const chain = (await page.locator("#chain").innerText()).replace(/\s+/g, " ");
      assert.match(chain, /QSB-054 covers → XSA-306 follows up → XSA-302 covered by → QSB-052/);
      const fixes = await page.locator("#fixes").innerText();
      assert.match(fixes, /Qubes OS R4\.0\s+unsupported since 2022-08-04; move to R4\.3\s+dom0\s+xen\s+Xen packages\s+4\.8\.5-13\s+For Qubes OS 4\.0:\s+- Xen packages version 4\.8\.5-13/);
      const signatures = await page.locator("#signatures").innerText();
      assert.equal((signatures.match(/\bvalid\b/g) ?? []).length, 2);
      const commands = (await page.locator("#signatures details").textContent()) ?? "";
      assert.match(commands, /gpg --verify QSBs\/qsb-054-2019\.txt\.sig\.\w+ QSBs\/qsb-054-2019\.txt/);
      // The text is rendered as text, with its mentions linked.
      const pre = page.locator("pre").last();
      assert.equal(await pre.getByRole("link", { name: "QSB #52" }).first().getAttribute("href"), "/qsb/52");
      await page.close();
    }
  });

  test("dark mode follows the system, and a phone-sized screen works", async () => {
    const dark = await browser.newContext({ colorScheme: "dark", viewport: { width: 390, height: 844 } });
    const page = await dark.newPage();
    await page.goto(`${app.url}/qsb/54`);
    await page.screenshot({ path: path.join(SHOTS, "qsb-054-dark-phone.png"), fullPage: true });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (background.match(/[\d.]+/g) ?? []).map(Number);
    assert.ok((r ?? 255) + (g ?? 255) + (b ?? 255) < 150, `a dark background, got ${background}`);
    for (const pathname of ["/qsb/54", "/", "/qsb", "/xsa", "/xsa/306", "/releases", "/releases/4.0", "/search?q=ineffective", "/subscribe"]) {
      await page.goto(`${app.url}${pathname}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${pathname}: no sideways scrolling on a phone (${overflow}px)`);
    }
    await dark.close();
  });

  test("XSA-306 and XSA-302 pages", async () => {
    const { page } = await open(context, "/xsa/306", "xsa-306");
    assert.match(await page.locator("h1").innerText(), /XSA-306/);
    assert.match(await page.locator("main").innerText(), /Qubes affected/);
    assert.equal(await page.locator("#bulletins").getByRole("link", { name: "QSB-054" }).getAttribute("href"), "/qsb/54");
    assert.equal(await page.locator("#related").getByRole("link", { name: "XSA-302" }).getAttribute("href"), "/xsa/302");
    assert.equal(await page.getByRole("link", { name: /XSA-306 on xenbits/ }).getAttribute("href"), "https://xenbits.xen.org/xsa/advisory-306.html");
    await page.close();
    const other = await open(context, "/xsa/302");
    assert.match(await other.page.locator("#related").innerText(), /is followed up by\s+XSA-306/);
    await other.page.close();
  });

  test("the bulletin list filters and pages in the URL", async () => {
    const { page } = await open(context, "/qsb?year=2019", "qsb-list");
    const rows = await page.locator("tbody tr").count();
    assert.ok(rows > 0 && rows <= 25);
    assert.ok((await page.locator("tbody").innerText()).includes("QSB-054"));
    await page.selectOption("#filter-signature", "verified");
    await Promise.all([page.waitForURL(/signature=verified/), page.getByRole("button", { name: "Filter" }).click()]);
    assert.match(page.url(), /year=2019/);
    await page.close();
    const all = await open(context, "/qsb");
    await Promise.all([all.page.waitForURL(/page=2/), all.page.getByRole("link", { name: "Older →" }).click()]);
    assert.ok((await all.page.locator("tbody").innerText()).includes("QSB-091"));
    await all.page.close();
  });

  test("QSB-101's revision history: updated in the header, the commits, a diff chosen with the GET form (no JavaScript)", async () => {
    const { page } = await open(noScript, "/qsb/101", "qsb-101-history");
    const history = page.locator("#history");
    await history.waitFor();
    assert.match(await page.locator("main header").innerText(), /updated 2024-03-17 \(changelog: 2024-03-17; text last changed in the secpack: 2024-03-17\)/);
    const text = await history.innerText();
    assert.match(text, /The text was changed after publication, last on 2024-03-17\./);
    assert.match(text, /QSB-101: Bump date of update to now \(UTC\)/);
    assert.match(text, /QSB-101: draft/);
    assert.equal(await history.locator("tr[data-commit]").count(), 13, "12 commits and the merge that brought the last one in (git log --full-history)");
    assert.equal(await history.locator("tr[data-commit]").filter({ hasText: "QSB-101: Sign" }).getByText("published").count(), 1);
    const value = await page.locator("select[name=from] option", { hasText: "Add notes about INTEL-SA-00982" }).getAttribute("value");
    assert.equal(value, "8b9cbd664db9");
    await page.selectOption("select[name=from]", value ?? "");
    await Promise.all([page.waitForURL(/from=8b9cbd6/), page.getByRole("button", { name: "Show the diff" }).click()]);
    await page.locator("#diff").waitFor();
    const diff = await page.locator("#diff").innerText();
    assert.match(diff, /-2024-03-15: Add notes about INTEL-SA-00982/);
    assert.match(diff, /\+2024-03-17: Add information about INTEL-SA-00982/);
    await page.close();
    // A revision that is no commit id, or not one of this text's: a clear message, not an error page.
    for (const [query, message] of [
      ["from=zzz&to=762c169", /is not a commit id/],
      ["from=deadbeef&to=762c169", /is not a revision of this bulletin's text/],
    ] as const) {
      const bad = await open(noScript, `/qsb/101?${query}`);
      assert.equal(bad.status, 200);
      assert.match(await bad.page.locator("#history [role=alert]").innerText(), message);
      await bad.page.close();
    }
  });

  test("lists show 'updated' for a bulletin revised after publication, not for one never changed", async () => {
    const { page } = await open(context, "/qsb?year=2024");
    const row101 = page.locator("tr", { has: page.getByRole("link", { name: "QSB-101" }) });
    await row101.waitFor();
    assert.match(await row101.innerText(), /updated 2024-03-17/);
    const row102 = page.locator("tr", { has: page.getByRole("link", { name: "QSB-102" }) });
    assert.doesNotMatch(await row102.innerText(), /updated/);
    await page.close();
  });

  test("XSA pages give the reason the Qubes news gives for not being affected", async () => {
    const { page } = await open(context, "/xsa/494", "xsa-494");
    const main = page.locator("main");
    await main.getByText("Shadow paging is disabled in Qubes OS at build time.").first().waitFor();
    assert.match(await main.innerText(), /Shadow paging is disabled in Qubes OS at build time\./);
    await page.close();
  });

  test("the XSA tracker", async () => {
    const { page } = await open(context, "/xsa?affected=yes", "xsa-tracker");
    const text = await page.locator("main").innerText();
    assert.match(text, /121 advisories/);
    assert.match(text, /XSAs affecting Qubes\s*121/i);
    await page.close();
  });

  test("search: every spelling of an XSA and a QSB", async () => {
    for (const q of ["306", "XSA-306", "xsa306", "XSA 306"]) {
      const { page } = await open(context, `/search?q=${encodeURIComponent(q)}`);
      if (new URL(page.url()).pathname === "/xsa/306") {
        await page.close();
        continue;
      }
      const first = page.locator("main ol li").first();
      assert.match(await first.innerText(), /XSA-306/, q);
      assert.match(await first.innerText(), /Matched: it is XSA number 306/, q);
      await page.close();
    }
    for (const q of ["QSB-054", "qsb 54", "#54"]) {
      const { page } = await open(context, `/search?q=${encodeURIComponent(q)}`);
      assert.equal(new URL(page.url()).pathname, "/qsb/54", q);
      await page.close();
    }
    const words = await open(context, "/search?q=ineffective", "search");
    assert.match(await words.page.locator("main ol").innerText(), /QSB-054/);
    await words.page.close();
    // Many results come a page at a time, the best first.
    const many = await open(context, "/search?q=xen");
    assert.match(await many.page.locator("main").innerText(), /\d+ results for “xen”, 1 to 20 shown/);
    assert.equal(await many.page.locator("main ol > li").count(), 20);
    const firstPage = await many.page.locator("main ol > li a").first().innerText();
    await Promise.all([many.page.waitForURL(/\/search\?q=xen&page=2$/), many.page.getByRole("link", { name: "Next →" }).click()]);
    assert.match(await many.page.locator("main").innerText(), /21 to \d+ shown/);
    assert.notEqual(await many.page.locator("main ol > li a").first().innerText(), firstPage);
    await many.page.close();
  });

  test("the header search box, and / focuses it", async () => {
    const { page } = await open(context, "/qsb");
    // The shortcut exists once the page has hydrated; it says so on the box.
    await page.waitForSelector('#site-search[aria-keyshortcuts="/"]', { state: "attached" });
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "site-search");
    await page.keyboard.type("XSA-306");
    await Promise.all([page.waitForURL(/\/xsa\/306$/), page.keyboard.press("Enter")]);
    await page.close();
  });

  test("unknown and malformed IDs get a 404 page", async () => {
    for (const pathname of NOT_FOUND_PATHS) {
      const { page, status } = await open(context, pathname, pathname === "/qsb/999" ? "not-found" : undefined);
      assert.equal(status, 404, pathname);
      assert.match(await page.locator("h1").innerText(), /Not found/);
      await page.close();
    }
  });

  test("canaries: 047 links its news announcement; 026 says which earlier text joanna's bad signature signs", async () => {
    const { page, status } = await open(context, "/canaries/47", "canary-047");
    assert.equal(status, 200);
    const link = page.locator("main header [data-testid=announcements]").getByRole("link", { name: "News announcement" });
    await link.waitFor();
    assert.equal(await link.getAttribute("href"), "https://www.qubes-os.org/news/2026/06/03/canary-047/");
    await page.close();
    const c026 = await open(context, "/canaries/26");
    const flags = c026.page.locator("#flags");
    await flags.waitFor();
    assert.match(await flags.innerText(), /canary-026-2021\.txt\.sig\.joanna is bad on the current text of canary-026, but valid on its text of commit b91ac46ef45a \(2021-03-07, "Canary-026: draft"\); the text changed after it in commit dc57f5f2b01b \(2021-06-12/);
    assert.equal(
      await flags.getByRole("link", { name: "canaries/canary-026-2021.txt at b91ac46ef45a" }).getAttribute("href"),
      "https://github.com/QubesOS/qubes-secpack/blob/b91ac46ef45a1278a17fb5d0a93eba363d13c085/canaries/canary-026-2021.txt",
    );
    await c026.page.close();
  });

  test("releases and the patch check", async () => {
    const list = await open(context, "/releases", "releases");
    assert.match(await list.page.locator("main").innerText(), /Qubes OS R4\.0/);
    assert.match(await list.page.locator("main").innerText(), /unsupported since 2022-08-04: move to R4\.3/);
    await list.page.close();
    const { page, status } = await open(context, "/releases/4.0");
    assert.equal(status, 200);
    assert.match(await page.locator("#minimum").innerText(), /xen/);
    // Its bulletins a page at a time; "Asked for by" names a few and links the rest.
    assert.match(await page.locator("#bulletins").innerText(), /page 1 of \d+/);
    assert.match(await page.locator("#minimum").innerText(), /and \d+ bulletins? more/);
    const older = await open(context, "/releases/4.0?page=2");
    assert.match(await older.page.locator("#bulletins").innerText(), /page 2 of \d+/);
    await older.page.close();
    await page.fill("#packages", "xen-hypervisor-4.8.5-12.fc25.x86_64\nxen-4.8.5-12.fc25.x86_64\nkernel-4.19.94-1.pvops.qubes.x86_64\n");
    await page.getByRole("button", { name: "Check my packages" }).click();
    await page.locator("#check-results").waitFor();
    const results = await page.locator("#check").innerText();
    assert.match(results, /missing/);
    assert.match(results, /xen-hypervisor 4\.8\.5-12\.fc25 → 4\.8\.5-\d+ or newer/);
    assert.match(results, /looks partial/);
    await page.screenshot({ path: path.join(SHOTS, "release-check.png"), fullPage: true });
    await page.close();
  });

  test("the check with JavaScript on: QSB-092's VM kernel on 4.2, the action plan, the list kept; the home page links the check", async () => {
    const home = await open(context, "/");
    await home.page.getByRole("link", { name: /Am I patched\?/ }).click();
    await home.page.waitForURL(/\/releases\/4\.3#check$/);
    await home.page.close();
    const { page } = await open(context, "/releases/4.2");
    assert.match(await page.locator("#support").innerText(), /unsupported since 2026-06-21/);
    assert.match(await page.locator("#minimum").innerText(), /kernel-qubes-vm[\s\S]*6\.4\.8[\s\S]*6\.1\.43/);
    const list42 = readFileSync(path.join(PROJECT_ROOT, "tests", "fixtures", "check", "qubes-4.2-unfixed.rpm-qa.txt"), "utf8");
    await page.fill("#packages", list42);
    await page.getByRole("button", { name: "Check my packages" }).click();
    await page.locator("#check-results").waitFor();
    const text = await page.locator("#check").innerText();
    assert.match(text, /10 fixes are missing/);
    assert.match(text, /kernel-qubes-vm 6\.1\.40-1\.qubes\.fc37 → 6\.1\.43 or newer, for QSB-092/);
    assert.match(text, /sudo qubes-dom0-update/);
    assert.match(text, /reseal/);
    assert.equal((await page.inputValue("#packages")).trim(), list42.trim());
    await page.screenshot({ path: path.join(SHOTS, "release-check-4.2.png"), fullPage: true });
    await page.close();
  });

  test("with JavaScript off: browsing, search and the release check", async () => {
    const home = await open(noScript, "/", "home-mobile-nojs");
    await home.page.getByRole("link", { name: "QSB-116" }).first().click();
    await home.page.waitForURL(/\/qsb\/116$/);
    await home.page.close();
    const search = await open(noScript, "/");
    await search.page.fill("#site-search", "xsa306");
    await Promise.all([search.page.waitForURL(/search|xsa/), search.page.locator("#site-search").press("Enter")]);
    assert.match(await search.page.locator("main").innerText(), /XSA-306/);
    await search.page.close();
    const release = await open(noScript, "/releases/4.0");
    await release.page.fill("#packages", "xen-hypervisor-4.8.5-13.fc25.x86_64\n");
    await Promise.all([release.page.waitForLoadState("load"), release.page.getByRole("button", { name: "Check my packages" }).click()]);
    await release.page.locator("#check-results").waitFor();
    assert.match(await release.page.locator("#check").innerText(), /1 package read/);
    await release.page.close();
    // A 4.1 list on the 4.2 page, without JavaScript: the answer says so, and the list stays in the form.
    const wrong = await open(noScript, "/releases/4.2");
    const list41 = readFileSync(path.join(PROJECT_ROOT, "tests", "fixtures", "check", "qubes-4.1-fixed.rpm-qa.txt"), "utf8");
    await wrong.page.fill("#packages", list41);
    await Promise.all([wrong.page.waitForLoadState("load"), wrong.page.getByRole("button", { name: "Check my packages" }).click()]);
    await wrong.page.locator("#check-results").waitFor();
    const text = await wrong.page.locator("#check").innerText();
    assert.match(text, /Wrong release: this list is from Qubes OS R4\.1, not Qubes OS R4\.2/);
    assert.match(text, /150 packages read/);
    assert.equal((await wrong.page.inputValue("#packages")).trim(), list41.trim());
    await wrong.page.close();
  });

  test("feeds: autodiscovery on every page, the Subscribe page, 304 through the server", async () => {
    for (const pathname of ["/", "/qsb/54", "/xsa/306", "/releases/4.3", "/search?q=306"]) {
      const { page } = await open(context, pathname);
      const hrefs = await page.locator('head link[rel="alternate"][type="application/rss+xml"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")));
      assert.ok(hrefs.some((h) => h?.endsWith("/feed.xml")), `${pathname}: ${hrefs.join(", ")}`);
      if (pathname === "/releases/4.3") assert.ok(hrefs.some((h) => h?.endsWith("/releases/4.3/feed.xml")));
      await page.close();
    }
    const subscribe = await open(context, "/", undefined);
    await subscribe.page.getByRole("link", { name: "Subscribe" }).click();
    await subscribe.page.waitForURL(/\/subscribe$/);
    assert.match(await subscribe.page.locator("main").innerText(), /\/releases\/4\.3\/feed\.xml/);
    await subscribe.page.screenshot({ path: path.join(SHOTS, "subscribe.png"), fullPage: true });
    await subscribe.page.close();
    const feed = await fetch(`${app.url}/releases/4.3/feed.xml`);
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get("content-type") ?? "", /^application\/rss\+xml/);
    const body = await feed.text();
    assert.ok(body.indexOf("QSB-116") >= 0 && body.indexOf("QSB-116") < body.indexOf("QSB-115") + (body.includes("QSB-115") ? 0 : body.length));
    const etag = feed.headers.get("etag") ?? "";
    const again = await fetch(`${app.url}/releases/4.3/feed.xml`, { headers: { "if-none-match": etag } });
    assert.equal(again.status, 304);
    const since = await fetch(`${app.url}/feed.xml`, { headers: { "if-modified-since": new Date(Date.now() + 86_400_000).toUTCString() } });
    assert.equal(since.status, 304);
  });

  test("security headers, and no console errors or requests to other hosts", async () => {
    const response = await fetch(`${app.url}/qsb/54`);
    const csp = response.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.ok(response.headers.get("referrer-policy"));
    assert.equal(response.headers.get("x-powered-by"), null);
    assert.deepEqual(problems, []);
  });
});
