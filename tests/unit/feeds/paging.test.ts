import assert from "node:assert/strict";
import { test } from "node:test";
import { buildAtom } from "@/lib/feeds/atom";
import { jsonFeedObject } from "@/lib/feeds/json-feed";
import { FEED_PAGE_SIZE, feedPage, feedPageOf } from "@/lib/feeds/paging";
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
