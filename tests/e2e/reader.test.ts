// What a reader sees, in headless Chromium over the real data (the template
// has the news posts but no Xen index): the footer names only the sources
// imported, XSA pages give their fixed
// versions and caveats, the chart's figures are legible text, and /releases
// draws the support windows with a table beside.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { chromium, type Browser, type Page } from "playwright-core";
import { HAS_FIXTURES } from "../helpers/fixtures";
import { startApp, type RunningApp } from "../helpers/server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = !HAS_FIXTURES ? "the real data in ../shared/fixtures is absent" : !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : false;

describe("what a reader sees", { skip, timeout: 20 * 60_000 }, () => {
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    app = await startApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function open(pathname: string, width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${app.url}${pathname}`, { waitUntil: "load" });
    return page;
  }

  test("the footer names only the sources imported, and what is missing", async () => {
    const page = await open("/");
    const line = page.getByTestId("sources-line");
    await line.waitFor();
    const named = await line.innerText();
    assert.match(named, /Qubes Security Pack/);
    assert.match(named, /supported-releases page/);
    assert.doesNotMatch(named, /Xen's XSA index/);
    assert.match(named, /Qubes news/);
    assert.match(await page.getByTestId("sources-missing").innerText(), /Xen's XSA index \(so XSA titles and CVE IDs are only those the bulletins quote\)/);
    await page.close();
  });

  test("XSA pages: fixed versions per release from the covering bulletins, and the caveats", async () => {
    const page = await open("/xsa/491");
    const fixes = page.locator("#fixes");
    await fixes.waitFor();
    assert.match(await fixes.innerText(), /Qubes OS R4\.3[\s\S]*xen 4\.19\.4-9[\s\S]*per QSB-115[\s\S]*Qubes OS R4\.2[\s\S]*xen 4\.17\.6-6/);
    const caveats = await page.getByTestId("caveats").innerText();
    assert.match(caveats, /not a statement that any system is vulnerable today/);
    assert.match(caveats, /only effect is a denial of service/);
    assert.match(await page.getByTestId("advisory-sources").innerText(), /The title is from quoted by QSB-115, line 19\. Xen's XSA index was not imported/);
    await page.close();
    const old = await open("/xsa/306");
    await old.getByTestId("caveats").waitFor();
    assert.match(await old.getByTestId("caveats").innerText(), /fixes only for R4\.0, which is no longer supported\. It is not a current threat/);
    await old.close();
  });

  for (const width of [1280, 390]) {
    test(`the bulletins-per-year chart shows every figure as legible text (${width} px)`, async () => {
      const page = await open("/", width);
      const chart = page.getByRole("figure", { name: "Bulletins per year" });
      await chart.waitFor();
      // Plain expressions only: the page runs this function as written (no helpers the test's compiler would name).
      const cells = await chart.locator("li").evaluateAll((items) =>
        items.map((li) => ({
          value: li.querySelector("[data-chart-value]")?.textContent ?? null,
          size: Math.min(
            parseFloat(getComputedStyle(li.querySelector("[data-chart-value]")!).fontSize),
            parseFloat(getComputedStyle(li.querySelector("[data-chart-key]")!).fontSize),
          ),
          visible: li.querySelector("[data-chart-value]")!.getBoundingClientRect().width > 0 && li.querySelector("[data-chart-key]")!.getBoundingClientRect().width > 0,
          fits: li.querySelector("[data-chart-key]")!.scrollWidth <= li.getBoundingClientRect().width + 1,
          sr: li.querySelector(".sr-only")?.textContent ?? null,
        })),
      );
      assert.ok(cells.length >= 10, `${cells.length} years`);
      for (const c of cells) {
        assert.ok(c.size >= 12, `font size ${c.size}`);
        assert.ok(c.visible && c.fits, JSON.stringify(c));
        assert.match(c.sr ?? "", new RegExp(`^\\d{4}: ${c.value}$`));
      }
      const total = cells.reduce((n, c) => n + Number(c.value), 0);
      assert.equal(total, 116);
      await page.close();
    });
  }

  test("/releases draws the support windows, with the same dates as a table", async () => {
    const page = await open("/releases", 390);
    const drawing = page.getByTestId("timeline-drawing");
    await drawing.waitFor();
    assert.equal(await drawing.locator("svg").count(), 9);
    const table = page.getByTestId("timeline-table");
    await page.getByText("The support windows as a table").click();
    await table.waitFor({ state: "visible" });
    const text = await table.innerText();
    assert.match(text, /Qubes OS R4\.1\s+2022-02-04\s+2024-06-18\s+unsupported/);
    assert.match(text, /Qubes OS R4\.3\s+2025-12-21\s+no end date set\s+supported/);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling at 390 px");
    await page.close();
  });
});
