import assert from "node:assert/strict";
import { test } from "node:test";
import { buildAtom } from "@/lib/feeds/atom";
import { jsonFeedObject } from "@/lib/feeds/json-feed";
import { FEED_PAGE_SIZE, feedPage, feedPageOf, pageOfOrder, pagedFeed } from "@/lib/feeds/paging";
import { buildRss } from "@/lib/feeds/rss";
import type { Feed, FeedEntry } from "@/lib/feeds/types";

const entry = (n: number): FeedEntry => ({ id: `urn:${n}`, title: `QSB-${n}`, url: `https://t.example/qsb/${n}`, published: new Date(Date.UTC(2020, 0, n)), updated: new Date(Date.UTC(2020, 0, n)), summary: "s", contentHtml: "<p>c</p>", tags: [], extension: {} });
const urls = { rss: "https://t.example/feed.xml", atom: "https://t.example/atom.xml", json: "https://t.example/feed.json" };
const feed = (count: number): Feed => ({ id: "urn:feed", title: "t", description: "d", homeUrl: "https://t.example/qsb", urls, updated: new Date(0), entries: Array.from({ length: count }, (_, i) => entry(count - i)), author: "a" });

test("the page a URL asks for", () => {
  assert.equal(feedPageOf("https://t.example/feed.xml"), 1);
  assert.equal(feedPageOf("https://t.example/feed.xml?page=3"), 3);
  for (const bad of ["0", "-1", "x", "1.5", "", "01"]) assert.equal(feedPageOf(`https://t.example/feed.xml?page=${bad}`), null, bad);
});

test(`pages of ${FEED_PAGE_SIZE} entries, each linking to the next in every format, the last to none`, () => {
  const all = feed(FEED_PAGE_SIZE * 2 + 3);
  const first = feedPage(all, 1);
  const last = feedPage(all, 3);
  assert.equal(first?.entries.length, FEED_PAGE_SIZE);
  assert.equal(last?.entries.length, 3);
  assert.equal(feedPage(all, 4), null);
  assert.ok(first && last);
  assert.match(buildAtom(first), /<link rel="next" type="application\/atom\+xml" href="https:\/\/t\.example\/atom\.xml\?page=2"\/>/);
  assert.match(buildRss(first), /<atom:link href="https:\/\/t\.example\/feed\.xml\?page=2" rel="next"/);
  assert.equal(jsonFeedObject(first).next_url, "https://t.example/feed.json?page=2");
  assert.doesNotMatch(buildAtom(last), /rel="next"/);
  assert.equal(jsonFeedObject(last).next_url, undefined);
  assert.match(buildAtom(last), /rel="self" type="application\/atom\+xml" href="https:\/\/t\.example\/atom\.xml\?page=3"/);
  assert.equal(last.updated.toISOString(), "2020-01-03T00:00:00.000Z");
  // A small feed is one page, with no next.
  assert.equal(feedPage(feed(3), 1)?.paging?.next, null);
  assert.equal(feedPage(feed(0), 1)?.entries.length, 0);
});

test("the feed order on light rows: most recently changed first, ties in the given order, then the page", () => {
  const day = (d: number) => new Date(Date.UTC(2020, 0, d));
  // Given newest number first; 3 was revised on day 9, 5 and 4 share a day.
  const rows = [
    { n: 5, at: day(5) },
    { n: 4, at: day(5) },
    { n: 3, at: day(9) },
    { n: 2, at: day(2) },
    { n: 1, at: day(1) },
  ];
  assert.deepEqual(pageOfOrder(rows, (r) => r.at, 1, 2), { items: [rows[2], rows[0]], page: 1, pages: 3 });
  assert.deepEqual(pageOfOrder(rows, (r) => r.at, 2, 2).items.map((r) => r.n), [4, 2]);
  assert.deepEqual(pageOfOrder(rows, (r) => r.at, 3, 2).items.map((r) => r.n), [1]);
  assert.deepEqual(pageOfOrder(rows, (r) => r.at, 4, 2), { items: [], page: 4, pages: 3 });
  assert.deepEqual(pageOfOrder([], (r: { at: Date }) => r.at, 1), { items: [], page: 1, pages: 1 });
});

test("a page built from its own entries, in any order, is the same page as the whole feed paged", () => {
  const all = feed(FEED_PAGE_SIZE * 2 + 3);
  // Entry 7 revised last: it leads page 1.
  all.entries = all.entries.map((e) => (e.id === "urn:7" ? { ...e, updated: new Date(Date.UTC(2030, 0, 1)) } : e));
  for (const page of [1, 2, 3]) {
    const whole = feedPage(all, page)!;
    const own = pagedFeed({ ...all, entries: [...whole.entries].reverse() }, page, 3);
    assert.deepEqual(own, whole);
  }
  assert.equal(feedPage(all, 1)?.entries[0]?.id, "urn:7");
});
