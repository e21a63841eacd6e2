// The feeds read one page at a time (the order worked out on light rows, only
// the page's items read in full) answer byte for byte what they answered when
// every bulletin and advisory was read and built before paging: the same
// entries, in the same order, on every page, in every format, on the real data.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildAtom } from "@/lib/feeds/atom";
import { advisoryFeed, bulletinFeed } from "@/lib/feeds/entries";
import { buildJsonFeed } from "@/lib/feeds/json-feed";
import { feedPage } from "@/lib/feeds/paging";
import { buildRss } from "@/lib/feeds/rss";
import type { Feed, FeedFormat } from "@/lib/feeds/types";
import { getReleaseFeedBulletins, listFeedAdvisories, listFeedBulletins, listFeedReleases } from "@/lib/queries/feeds";
import { describeEachDatabase, markDataChanged, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";

const SITE = "https://tracker.example.org";
const BUILDERS = { rss: buildRss, atom: buildAtom, json: buildJsonFeed } satisfies Record<FeedFormat, (feed: Feed) => string>;
const FILES: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" };

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const handler = async (path: string) => ((await import(path)) as { GET: Handler }).GET;

/** Every page the route answers, up to the first 404, and that 404's message. */
async function routePages(get: Handler, url: string, params: Record<string, string>): Promise<{ pages: string[]; past: string }> {
  const pages: string[] = [];
  for (let page = 1; ; page++) {
    const response = await get(new Request(`${SITE}${url}${page === 1 ? "" : `?page=${page}`}`), { params: Promise.resolve(params) });
    const body = await response.text();
    if (response.status === 404) return { pages, past: body };
    assert.equal(response.status, 200, `${url} page ${page}`);
    pages.push(body);
  }
}

/** The pages as the routes built them before: the whole feed, then paged. */
function referencePages(feed: Feed, format: FeedFormat): string[] {
  const pages: string[] = [];
  for (let page = 1; ; page++) {
    const paged = feedPage(feed, page);
    if (!paged) return pages;
    pages.push(BUILDERS[format](paged));
  }
}

describeEachDatabase("feeds read a page at a time, against the whole feed paged", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
    process.env.SITE_URL = `${SITE}/`;
  });
  after(() => t.cleanup());

  for (const format of ["rss", "atom", "json"] as const) {
    test(`/${FILES[format]}: the same pages, entries and order`, async () => {
      const reference = referencePages(bulletinFeed(await listFeedBulletins(), { siteUrl: SITE }), format);
      const { pages, past } = await routePages(await handler(`@/app/${FILES[format]}/route`), `/${FILES[format]}`, {});
      assert.ok(reference.length >= 3, "116 bulletins make three pages");
      assert.equal(pages.length, reference.length);
      for (const [i, body] of pages.entries()) assert.equal(body, reference[i], `page ${i + 1}`);
      assert.match(past, new RegExp(`this feed has ${reference.length} pages of 50 entries; there is no page ${reference.length + 1}`));
    });

    test(`/xsa/${FILES[format]}: the same pages, entries and order`, async () => {
      const reference = referencePages(advisoryFeed(await listFeedAdvisories(), { siteUrl: SITE }), format);
      const { pages } = await routePages(await handler(`@/app/xsa/${FILES[format]}/route`), `/xsa/${FILES[format]}`, {});
      assert.ok(reference.length > 3);
      assert.deepEqual(pages, reference);
    });
  }

  test("every release's feeds: the same pages, entries and order", async () => {
    const releases = await listFeedReleases();
    assert.ok(releases.includes("4.2") && releases.includes("2"));
    for (const release of releases) {
      const found = await getReleaseFeedBulletins(release);
      assert.ok(found);
      for (const format of ["rss", "atom", "json"] as const) {
        const reference = referencePages(bulletinFeed(found.bulletins, { siteUrl: SITE, release }), format);
        const url = `/releases/${encodeURIComponent(release)}/${FILES[format]}`;
        const { pages } = await routePages(await handler(`@/app/releases/[r]/${FILES[format]}/route`), url, { r: release });
        assert.equal(pages.length, reference.length, url);
        for (const [i, body] of pages.entries()) assert.equal(body, reference[i], `${url} page ${i + 1}`);
      }
    }
  });

  // Last: it changes the data. Each source of "updated" moves an old bulletin to the front, in both ways of reading.
  test("a later changelog date, history commit or file change moves an old bulletin first, as in the whole feed", async () => {
    await t.db.bulletinChange.create({ data: { bulletinNumber: 12, position: 99, date: "2032-05-05", text: "Revised for the test" } });
    await t.db.bulletinRevision.create({
      data: {
        bulletinNumber: 10,
        position: -1,
        commit: "f".repeat(40),
        authoredAt: new Date("2033-03-03T12:00:00Z"),
        committedAt: new Date("2033-03-03T12:00:00Z"),
        author: "test",
        subject: "test",
        phase: "after-publication",
        changedText: true,
        files: "M QSBs/qsb-010-2014.txt",
      },
    });
    await t.db.bulletin.update({ where: { number: 11 }, data: { updatedAt: new Date("2031-01-01T00:00:00Z") } });
    await markDataChanged(t.db);
    const get = await handler("@/app/atom.xml/route");
    const reference = referencePages(bulletinFeed(await listFeedBulletins(), { siteUrl: SITE }), "atom");
    const { pages } = await routePages(get, "/atom.xml", {});
    assert.deepEqual(pages, reference);
    const ids = [...(pages[0] ?? "").matchAll(/<link rel="alternate" type="text\/html" href="[^"]*\/qsb\/(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(ids.slice(0, 3), [10, 12, 11]);
  });
});
