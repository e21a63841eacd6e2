// Accessibility and phones, in real headless Chromium: axe-core (injected from
// node_modules) on every page type (the canary pages too: the list, a normal
// one, 028 with its letters, 026 with its bad signature) in light, dark and
// phone (390 px), failing
// on any serious or critical violation; every bulletin page visited once for
// console errors (the hydration error #418 lived there); no sideways
// scrolling at 390 px and the key columns of every table on screen.
// Screenshots go to tests/e2e/screenshots/ (a11y-<mode>-<page>.png).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { HAS_FIXTURES, PROJECT_ROOT } from "../helpers/fixtures";
import { startApp, type RunningApp } from "../helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = path.join(PROJECT_ROOT, "tests", "e2e", "screenshots");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const skip = !HAS_FIXTURES ? "the real data in ../shared/fixtures is absent" : !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : false;

/** One page of every type the site has. */
const PAGE_TYPES: Record<string, string> = {
  home: "/",
  "qsb-list": "/qsb",
  "qsb-list-empty": "/qsb?year=2012&signature=failed",
  "qsb-054": "/qsb/54",
  "qsb-115": "/qsb/115",
  "xsa-list": "/xsa",
  "xsa-306": "/xsa/306",
  "xsa-491": "/xsa/491",
  releases: "/releases",
  "release-4.2": "/releases/4.2",
  search: "/search?q=ineffective",
  "search-cve": "/search?q=CVE-2019-19579",
  "search-none": "/search?q=CVE-2099-0001",
  subscribe: "/subscribe",
  canaries: "/canaries",
  "canary-047": "/canaries/47",
  "canary-028-letters": "/canaries/28",
  "canary-026-bad-signature": "/canaries/26",
  "not-found": "/qsb/999",
};

const MODES = {
  light: { viewport: { width: 1280, height: 900 }, colorScheme: "light" },
  dark: { viewport: { width: 1280, height: 900 }, colorScheme: "dark" },
  phone: { viewport: { width: 390, height: 844 }, colorScheme: "light" },
} as const;

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

describe("accessibility and phones in Chromium", { skip, timeout: 30 * 60_000 }, () => {
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  function watchConsole(ctx: BrowserContext, problems: string[]): void {
    ctx.on("console", (message) => {
      if (message.type() !== "error") return;
      // A 404 page reports its own status as a console error: expected there.
      if (/status of 404/.test(message.text())) return;
      problems.push(`${message.location().url}: ${message.text()}`);
    });
    ctx.on("weberror", (error) => problems.push(`${error.page()?.url() ?? "a page"}: ${error.error().message.slice(0, 120)}`));
  }

  async function axe(page: Page): Promise<AxeResult> {
    await page.addScriptTag({ content: AXE_SOURCE });
    return page.evaluate(async () => {
      const w = window as unknown as { axe: { run(options: object): Promise<AxeResult> } };
      const result = await w.axe.run({ resultTypes: ["violations"] });
      return { violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })) };
    });
  }

  test("every bulletin page loads with no console error (one pass)", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    watchConsole(ctx, problems);
    const page = await ctx.newPage();
    const list = (await (await fetch(`${app.url}/api/qsb`)).json()) as { items: { number: number }[] };
    assert.ok(list.items.length >= 116);
    for (const { number } of list.items) {
      const response = await page.goto(`${app.url}/qsb/${number}`, { waitUntil: "load" });
      assert.equal(response?.status(), 200, `/qsb/${number}`);
      // A hydration error is reported while React hydrates: wait until it has.
      await page.waitForFunction(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__reactFiber")));
      await page.waitForTimeout(20);
    }
    await ctx.close();
    assert.deepEqual(problems, []);
  });

  for (const [mode, options] of Object.entries(MODES)) {
    test(`axe: no serious or critical violation on any page type (${mode})`, async () => {
      // The pages' CSP allows no inline script; axe is injected as one.
      const ctx = await browser.newContext({ ...options, bypassCSP: true });
      const problems: string[] = [];
      watchConsole(ctx, problems);
      const page = await ctx.newPage();
      const found: string[] = [];
      const counts: Record<string, number> = {};
      for (const [name, pathname] of Object.entries(PAGE_TYPES)) {
        await page.goto(`${app.url}${pathname}`, { waitUntil: "load" });
        await page.screenshot({ path: path.join(SHOTS, `a11y-${mode}-${name}.png`), fullPage: true });
        const { violations } = await axe(page);
        for (const v of violations) {
          counts[`${v.impact}:${v.id}`] = (counts[`${v.impact}:${v.id}`] ?? 0) + 1;
          if (v.impact === "serious" || v.impact === "critical") {
            found.push(`${pathname} ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(" ")}`);
          }
        }
        if (mode === "phone") {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 1) found.push(`${pathname}: sideways scrolling on a phone (${overflow}px)`);
          // Nothing may scroll sideways inside its box either: a table whose
          // columns are cut off scrolls inside its wrapper.
          const clipped = await page.evaluate(() =>
            [...document.querySelectorAll("main *")]
              .filter((el) => el.tagName !== "PRE" && el.scrollWidth - el.clientWidth > 1 && ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
              .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 3).join(".")} (${el.scrollWidth - el.clientWidth}px)`),
          );
          for (const c of clipped) found.push(`${pathname}: ${c} scrolls sideways on a phone`);
        }
      }
      await ctx.close();
      console.log(`axe ${mode}: ${JSON.stringify(counts)}`);
      assert.deepEqual(found, []);
      assert.deepEqual(problems, []);
    });
  }
});
