import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildAtom } from "@/lib/feeds/atom";
import { advisoryFeed, bulletinDates, bulletinEntry, bulletinFeed } from "@/lib/feeds/entries";
import { bulletinEntryId } from "@/lib/feeds/ids";
import { buildJsonFeed, JSON_FEED_VERSION, type JsonFeed } from "@/lib/feeds/json-feed";
import { buildRss } from "@/lib/feeds/rss";
import { ADVISORIES, SITE, TRICKY_TITLE, bulletin, feedFix } from "./sample";
import { parseFeed, withFeedparser } from "./feedparser";

/** Every `&` starts an entity and no text holds a raw `<`: a cheap well-formedness check of escaping. */
function assertEscaped(xml: string) {
  assert.doesNotMatch(xml, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i, "a raw & in the XML");
  const text = xml.replace(/<\?xml[^>]*\?>/, "").replace(/<\/?[A-Za-z][^<>]*>/g, "");
  assert.doesNotMatch(text, /[<>]/, "a raw < or > in text");
}

const revised = () =>
  bulletin({
    number: 100,
    date: "2024-01-30",
    title: "Incorrect handling of PCI devices with phantom functions (XSA-449)",
    changelog: [
      { date: "2024-01-30", text: "Original QSB published" },
      { date: "2024-02-06", text: "Revise language" },
    ],
  });

describe("published and updated dates", () => {
  test("a bulletin without revisions: updated is the published date, not the sync time", () => {
    const dates = bulletinDates(bulletin());
    assert.equal(dates.published?.toISOString(), "2019-11-26T00:00:00.000Z");
    assert.equal(dates.updated.toISOString(), "2019-11-26T00:00:00.000Z");
    assert.deepEqual(dates.revisions, []);
  });
  test("the changelog's first entry on the publication day is no revision", () => {
    const dates = bulletinDates(bulletin({ changelog: [{ date: "2019-11-26", text: "Original QSB published" }] }));
    assert.equal(dates.updated.toISOString(), "2019-11-26T00:00:00.000Z");
    assert.deepEqual(dates.revisions, []);
  });
  test("a later changelog entry makes the entry updated, with a note", () => {
    const dates = bulletinDates(revised());
    assert.equal(dates.published?.toISOString(), "2024-01-30T00:00:00.000Z");
    assert.equal(dates.updated.toISOString(), "2024-02-06T00:00:00.000Z");
    assert.deepEqual(dates.revisions, ["Revised 2024-02-06: Revise language"]);
  });
  test("the latest changelog date counts, whatever its position (QSB-050 lists newest first)", () => {
    const dates = bulletinDates(
      bulletin({
        date: "2019-07-24",
        changelog: [
          { date: "2019-08-01", text: "Added list of fixed packages and patching instructions" },
          { date: "2019-07-24", text: "Initial version" },
        ],
      }),
    );
    assert.equal(dates.updated.toISOString(), "2019-08-01T00:00:00.000Z");
  });
  test("a file changed after its first import counts as a revision; a fresh import does not", () => {
    const fresh = bulletinDates(bulletin({ importedAt: "2026-11-24T21:00:00.000Z", updatedAt: "2026-11-24T21:00:00.000Z" }));
    assert.equal(fresh.updated.toISOString(), "2019-11-26T00:00:00.000Z");
    const changed = bulletinDates(bulletin({ importedAt: "2026-11-24T21:00:00.000Z", updatedAt: "2026-12-01T08:30:00.000Z" }));
    assert.equal(changed.updated.toISOString(), "2026-12-01T08:30:00.000Z");
    assert.equal(changed.revisions.length, 1);
    assert.match(changed.revisions[0]!, /file changed/);
  });
  test("undated bulletins get a stable date, never the clock", () => {
    const a = bulletinDates(bulletin({ date: null }));
    assert.equal(a.published, null);
    assert.equal(a.updated.getTime(), 0);
  });
});

describe("bulletin entries", () => {
  test("the ID depends on the number only: not on SITE_URL, the title or a revision", () => {
    const a = bulletinEntry(bulletin(), "https://a.example");
    const b = bulletinEntry({ ...revised(), number: 54, title: "Another title" }, "https://b.example/");
    assert.equal(a.id, b.id);
    assert.equal(a.id, bulletinEntryId(54));
    assert.equal(a.url, "https://a.example/qsb/54");
    assert.equal(b.url, "https://b.example/qsb/54");
  });
  test("the summary has the covered XSAs, the fixes per release and the signature status", () => {
    const entry = bulletinEntry(
      bulletin({
        advisories: [{ number: 500, title: null }, { number: 505, title: null }],
        fixes: [
          feedFix({ release: "4.3", package: "xen", versions: ["4.19.5-2"], where: "dom0" }),
          feedFix({ release: "4.2", package: "xen", versions: ["4.17.5-9"], where: "dom0" }),
          feedFix({ release: "4.2", package: "kernel", versions: ["6.6.48-1"], where: "dom0" }),
        ],
      }),
      SITE,
    );
    assert.equal(entry.title, "QSB-054: Xen fix for XSA-302 found ineffective in Qubes configuration (XSA-306)");
    assert.match(entry.summary, /Covers XSA-500, XSA-505\./);
    assert.match(entry.summary, /Qubes OS R4\.3: Xen packages 4\.19\.5-2 \(dom0\); Qubes OS R4\.2: Xen packages 4\.17\.5-9 \(dom0\), kernel 6\.6\.48-1 \(dom0\)/);
    assert.match(entry.summary, /Signature: verified/);
    assert.match(entry.contentHtml, /<a href="https:\/\/tracker\.example\.org\/xsa\/500">XSA-500<\/a>/);
    assert.deepEqual(entry.tags, ["XSA-500", "XSA-505", "Qubes OS R4.3", "Qubes OS R4.2"]);
  });
  test("a revised bulletin says so first", () => {
    const entry = bulletinEntry(revised(), SITE);
    assert.match(entry.summary, /^Updated: Revised 2024-02-06: Revise language\./);
    assert.match(entry.contentHtml, /^<p><strong>Updated:<\/strong> Revised 2024-02-06: Revise language<\/p>/);
  });
  test("titles and texts are HTML-escaped in the content", () => {
    const entry = bulletinEntry(bulletin({ advisories: [{ number: 1, title: TRICKY_TITLE }], changelog: [{ date: "2020-01-01", text: "<b>bold</b> & co" }] }), SITE);
    assert.doesNotMatch(entry.contentHtml, /<b>/);
    assert.match(entry.contentHtml, /Escape &lt;b&gt; &amp; &quot;quotes&quot; &#39;too&#39;/);
    assert.match(entry.contentHtml, /&lt;b&gt;bold&lt;\/b&gt; &amp; co/);
  });
});

describe("bulletinFeed and advisoryFeed", () => {
  test("newest first, one entry per bulletin, updated = the newest entry date", () => {
    const feed = bulletinFeed([bulletin(), revised(), bulletin({ number: 1, date: "2011-05-12" })], { siteUrl: `${SITE}/` });
    assert.deepEqual(feed.entries.map((e) => e.title.slice(0, 7)), ["QSB-100", "QSB-054", "QSB-001"]);
    assert.equal(feed.updated.toISOString(), "2024-02-06T00:00:00.000Z");
    assert.deepEqual(feed.urls, { rss: `${SITE}/feed.xml`, atom: `${SITE}/atom.xml`, json: `${SITE}/feed.json` });
  });
  test("a release feed has its own ID, title and addresses", () => {
    const all = bulletinFeed([bulletin()], { siteUrl: SITE });
    const release = bulletinFeed([bulletin()], { siteUrl: SITE, release: "4.0" });
    assert.notEqual(all.id, release.id);
    assert.match(release.title, /Qubes OS R4\.0/);
    assert.equal(release.urls.rss, `${SITE}/releases/4.0/feed.xml`);
    assert.equal(release.homeUrl, `${SITE}/releases/4.0`);
    assert.equal(release.entries[0]!.id, all.entries[0]!.id);
  });
  test("an empty feed is still a feed", () => {
    const feed = bulletinFeed([], { siteUrl: SITE });
    assert.equal(feed.entries.length, 0);
    assert.equal(feed.updated.getTime(), 0);
    assert.match(buildRss(feed), /<channel>/);
  });
  test("advisories newest first, linking /xsa/N with their covering bulletins", () => {
    const feed = advisoryFeed(ADVISORIES, { siteUrl: SITE });
    assert.deepEqual(feed.entries.map((e) => e.url), [`${SITE}/xsa/507`, `${SITE}/xsa/306`]);
    assert.match(feed.entries[1]!.summary, /Covered by QSB-054: Xen fix/);
    assert.match(feed.entries[0]!.summary, /No Qubes Security Bulletin covers it/);
    assert.equal(feed.entries[1]!.title, "XSA-306 (covered by QSB-054) (affects Qubes OS)");
    assert.equal(feed.entries[0]!.title, `XSA-507: ${TRICKY_TITLE} (affects Qubes OS)`);
  });
  test("an XSA that does not affect Qubes carries the verdict and the news post's reason", () => {
    const [entry] = advisoryFeed(
      [
        {
          number: 484,
          date: "2026-04-28",
          title: null,
          cves: [],
          bulletins: [],
          qubesAffected: "no",
          announcement: { verdict: "not-affected", reason: "Denial of **service** only", category: "dos-only", date: "2026-04-28", url: "https://www.qubes-os.org/news/2026/04/28/x/", title: `News & ${TRICKY_TITLE}` },
        },
      ],
      { siteUrl: SITE },
    ).entries;
    assert.equal(entry!.title, "XSA-484 (not affected: denial of service only)");
    assert.match(entry!.summary, /XSA-484 does not affect Qubes OS .*Why, per the Qubes news \(2026-04-28\): Denial of service only \[Denial of service only\]/);
    assert.doesNotMatch(entry!.summary, /No Qubes Security Bulletin/);
    assert.deepEqual(entry!.tags.slice(0, 2), ["not-affected", "dos-only"]);
    assert.match(entry!.contentHtml, /<a href="https:\/\/www\.qubes-os\.org\/news\/2026\/04\/28\/x\/">News &amp; /);
    assert.equal(entry!.extension.reason, "Denial of service only");
  });
});

describe("buildRss", () => {
  const feed = bulletinFeed([revised(), bulletin({ title: TRICKY_TITLE })], { siteUrl: SITE });
  const xml = buildRss(feed);
  test("is RSS 2.0 with a self link", () => {
    assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<rss version="2\.0" xmlns:atom="http:\/\/www\.w3\.org\/2005\/Atom">/);
    assert.match(xml, /<atom:link href="https:\/\/tracker\.example\.org\/feed\.xml" rel="self" type="application\/rss\+xml"\/>/);
  });
  test("escapes titles with <, & and quotes", () => {
    assert.match(xml, /<title>QSB-054: Escape &lt;b&gt; &amp; &quot;quotes&quot; &apos;too&apos; \]\]&gt; in titles<\/title>/);
    assertEscaped(xml);
  });
  test("items have a stable non-permalink guid and RFC 822 pubDate", () => {
    assert.match(xml, new RegExp(`<guid isPermaLink="false">${bulletinEntryId(100)}</guid>`));
    assert.match(xml, /<pubDate>Tue, 30 Jan 2024 00:00:00 GMT<\/pubDate>/);
    assert.equal(xml.match(/<item>/g)?.length, 2);
  });
  test("a revision keeps the guid and notes the revision in the description", () => {
    const before = buildRss(bulletinFeed([bulletin({ number: 100, date: "2024-01-30" })], { siteUrl: SITE }));
    const guid = (x: string) => /<guid[^>]*>([^<]*)<\/guid>/.exec(x)?.[1];
    assert.equal(guid(before), guid(xml));
    assert.match(xml, /<description>&lt;p&gt;&lt;strong&gt;Updated:&lt;\/strong&gt; Revised 2024-02-06: Revise language/);
  });
  test("does not depend on the clock", () => {
    assert.equal(buildRss(feed), xml);
    assert.match(xml, /<lastBuildDate>Tue, 06 Feb 2024 00:00:00 GMT<\/lastBuildDate>/);
  });
});

describe("buildAtom", () => {
  const feed = bulletinFeed([revised(), bulletin({ title: TRICKY_TITLE })], { siteUrl: SITE });
  const xml = buildAtom(feed);
  test("is Atom with id, title, updated, author and self link", () => {
    assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="en">/);
    assert.match(xml, new RegExp(`<id>${feed.id}</id>`));
    assert.match(xml, /<updated>2024-02-06T00:00:00Z<\/updated>/);
    assert.match(xml, /<author><name>Advisory Tracker<\/name><\/author>/);
    assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="https:\/\/tracker\.example\.org\/atom\.xml"\/>/);
  });
  test("a revised entry keeps its id, with published and a later updated (RFC 3339)", () => {
    const entry = xml.split("<entry>")[1]!;
    assert.match(entry, new RegExp(`<id>${bulletinEntryId(100)}</id>`));
    assert.match(entry, /<published>2024-01-30T00:00:00Z<\/published>/);
    assert.match(entry, /<updated>2024-02-06T00:00:00Z<\/updated>/);
    const other = xml.split("<entry>")[2]!;
    assert.match(other, /<published>2019-11-26T00:00:00Z<\/published>\n<updated>2019-11-26T00:00:00Z<\/updated>/);
  });
  test("escapes titles", () => {
    assert.match(xml, /<title type="text">QSB-054: Escape &lt;b&gt; &amp; &quot;quotes&quot; &apos;too&apos; \]\]&gt; in titles<\/title>/);
    assertEscaped(xml);
  });
});

describe("buildJsonFeed", () => {
  const feed = bulletinFeed([revised(), bulletin({ title: TRICKY_TITLE })], { siteUrl: SITE });
  const json = JSON.parse(buildJsonFeed(feed)) as JsonFeed;
  test("has the JSON Feed 1.1 required fields", () => {
    assert.equal(json.version, JSON_FEED_VERSION);
    assert.equal(typeof json.title, "string");
    assert.ok(Array.isArray(json.items));
    assert.equal(json.feed_url, `${SITE}/feed.json`);
    for (const item of json.items) {
      assert.equal(typeof item.id, "string");
      assert.ok(typeof item.content_html === "string" && item.content_html.length > 0);
    }
  });
  test("date_published and date_modified in RFC 3339; the title as plain text", () => {
    assert.equal(json.items[0]!.id, bulletinEntryId(100));
    assert.equal(json.items[0]!.date_published, "2024-01-30T00:00:00Z");
    assert.equal(json.items[0]!.date_modified, "2024-02-06T00:00:00Z");
    assert.equal(json.items[1]!.title, `QSB-054: ${TRICKY_TITLE}`);
    assert.deepEqual(json.items[1]!._qubes.qsb, "QSB-054");
  });
});

describe("a real feed client reads them", withFeedparser, () => {
  const feed = bulletinFeed([revised(), bulletin({ title: TRICKY_TITLE }), bulletin({ number: 7, title: "Ampersand & co\u0001" })], { siteUrl: SITE });
  for (const [name, xml, version] of [
    ["RSS", buildRss(feed), "rss20"],
    ["Atom", buildAtom(feed), "atom10"],
  ] as const) {
    test(`${name}: no errors, titles and IDs round-trip, dates parse`, () => {
      const parsed = parseFeed(xml);
      assert.equal(parsed.bozo, false, parsed.exc);
      assert.equal(parsed.version, version);
      assert.deepEqual(parsed.entries.map((e) => e.id), feed.entries.map((e) => e.id));
      assert.equal(parsed.entries[1]!.title, `QSB-054: ${TRICKY_TITLE}`);
      assert.equal(parsed.entries[2]!.title, "QSB-007: Ampersand & co");
      assert.equal(parsed.entries[0]!.published_iso, "2024-01-30T00:00:00Z");
      if (name === "Atom") assert.equal(parsed.entries[0]!.updated_iso, "2024-02-06T00:00:00Z");
    });
  }
  test("advisory feeds parse too", () => {
    const parsed = parseFeed(buildAtom(advisoryFeed(ADVISORIES, { siteUrl: SITE })));
    assert.equal(parsed.bozo, false, parsed.exc);
    assert.equal(parsed.entries[0]!.title, `XSA-507: ${TRICKY_TITLE} (affects Qubes OS)`);
  });
});
