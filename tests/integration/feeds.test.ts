// The feeds and the OSV export over the real Qubes data, through the route
// handlers, read by a real feed client (python3-feedparser).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { OSV_ECOSYSTEM, type OsvRecord } from "@/lib/feeds/osv";
import { bulletinEntryId } from "@/lib/feeds/ids";
import { JSON_FEED_VERSION } from "@/lib/feeds/json-feed";
import { describeEachDatabase, markDataChanged, useDatabase, type AnyTestDatabase } from "../helpers/db";
import { realData } from "../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../helpers/template";
import { parseFeed, withFeedparser, type ParsedFeed } from "../unit/feeds/feedparser";
import { osvProblems } from "../unit/feeds/osv-rules";

const SITE = "https://tracker.example.org";
const QSB_116_XSAS = ["XSA-500", "XSA-505", "XSA-506", "XSA-507"];
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function load(path: string): Promise<Handler> {
  const mod = (await import(path)) as { GET: Handler; dynamic?: string };
  assert.equal(mod.dynamic, "force-dynamic", `${path} is force-dynamic`);
  return mod.GET;
}

/** Every page of a paged feed (lib/feeds/paging.ts), following the pages until the one past the last (404). */
async function allPages(handler: Handler, url: string, params: Record<string, string> = {}): Promise<string[]> {
  const bodies: string[] = [];
  for (let page = 1; ; page++) {
    const { response, body } = await call(handler, page === 1 ? url : `${url}?page=${page}`, params);
    if (page > 1 && response.status === 404) return bodies;
    assert.equal(response.status, 200, `${url} page ${page}`);
    bodies.push(body);
  }
}

function parseAll(bodies: string[]): ParsedFeed {
  const pages = bodies.map((body) => parseFeed(body));
  return { ...pages[0]!, entries: pages.flatMap((p) => p.entries) };
}

type JsonPage = { items: { id: string; url: string; title: string; date_published: string; date_modified: string; summary: string }[]; next_url?: string };
const jsonItems = (bodies: string[]) => bodies.flatMap((body) => (JSON.parse(body) as JsonPage).items);

async function call(handler: Handler, url: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const response = await handler(new Request(`${SITE}${url}`, { headers }), { params: Promise.resolve(params) });
  return { response, body: await response.text() };
}

/** JSON Feed 1.1's required fields and formats, checked by hand (feedparser does not read JSON Feed). */
function jsonFeedProblems(feed: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (feed.version !== JSON_FEED_VERSION) problems.push(`version is ${String(feed.version)}`);
  if (typeof feed.title !== "string" || feed.title === "") problems.push("title is required");
  if (!Array.isArray(feed.items)) return [...problems, "items is required"];
  for (const key of ["home_page_url", "feed_url"]) if (typeof feed[key] !== "string" || !String(feed[key]).startsWith(`${SITE}/`)) problems.push(`${key} is not absolute`);
  const ids = new Set<string>();
  for (const [i, item] of (feed.items as Record<string, unknown>[]).entries()) {
    if (typeof item.id !== "string" || item.id === "") problems.push(`items[${i}].id is required`);
    else if (ids.has(item.id)) problems.push(`items[${i}].id is a duplicate`);
    else ids.add(item.id);
    if (typeof item.content_html !== "string" && typeof item.content_text !== "string") problems.push(`items[${i}] needs content_html or content_text`);
    for (const key of ["date_published", "date_modified"]) {
      if (item[key] !== undefined && !(typeof item[key] === "string" && RFC3339_UTC.test(item[key]))) problems.push(`items[${i}].${key} is not RFC 3339`);
    }
    if (typeof item.url !== "string" || !item.url.startsWith(`${SITE}/`)) problems.push(`items[${i}].url is not absolute`);
    if (item.tags !== undefined && !(Array.isArray(item.tags) && item.tags.every((t) => typeof t === "string"))) problems.push(`items[${i}].tags`);
    for (const key of Object.keys(item)) {
      const known = ["id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments"];
      if (!known.includes(key) && !key.startsWith("_")) problems.push(`items[${i}] has unknown key ${key} (extensions start with _)`);
    }
  }
  return problems;
}

describeEachDatabase("feeds and OSV over the real data", realData, (provider) => {
  let t: AnyTestDatabase;
  const handlers: Record<string, Handler> = {};

  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
    process.env.SITE_URL = `${SITE}/`;
    handlers.rss = await load("@/app/feed.xml/route");
    handlers.atom = await load("@/app/atom.xml/route");
    handlers.json = await load("@/app/feed.json/route");
    handlers.releaseRss = await load("@/app/releases/[r]/feed.xml/route");
    handlers.releaseAtom = await load("@/app/releases/[r]/atom.xml/route");
    handlers.releaseJson = await load("@/app/releases/[r]/feed.json/route");
    handlers.xsaRss = await load("@/app/xsa/feed.xml/route");
    handlers.xsaAtom = await load("@/app/xsa/atom.xml/route");
    handlers.xsaJson = await load("@/app/xsa/feed.json/route");
    handlers.canaryRss = await load("@/app/canaries/feed.xml/route");
    handlers.canaryAtom = await load("@/app/canaries/atom.xml/route");
    handlers.canaryJson = await load("@/app/canaries/feed.json/route");
    handlers.osv = await load("@/app/api/osv/[id]/route");
    handlers.osvAll = await load("@/app/api/osv/all.json/route");
  });
  after(async () => t.cleanup());

  const FEEDS = [
    { name: "/feed.xml", handler: "rss", params: {}, type: "application/rss+xml; charset=utf-8", version: "rss20" },
    { name: "/atom.xml", handler: "atom", params: {}, type: "application/atom+xml; charset=utf-8", version: "atom10" },
    { name: "/feed.json", handler: "json", params: {}, type: "application/feed+json; charset=utf-8", version: null },
    { name: "/releases/4.3/feed.xml", handler: "releaseRss", params: { r: "4.3" }, type: "application/rss+xml; charset=utf-8", version: "rss20" },
    { name: "/releases/4.3/atom.xml", handler: "releaseAtom", params: { r: "4.3" }, type: "application/atom+xml; charset=utf-8", version: "atom10" },
    { name: "/releases/4.3/feed.json", handler: "releaseJson", params: { r: "4.3" }, type: "application/feed+json; charset=utf-8", version: null },
    { name: "/xsa/feed.xml", handler: "xsaRss", params: {}, type: "application/rss+xml; charset=utf-8", version: "rss20" },
    { name: "/xsa/atom.xml", handler: "xsaAtom", params: {}, type: "application/atom+xml; charset=utf-8", version: "atom10" },
    { name: "/xsa/feed.json", handler: "xsaJson", params: {}, type: "application/feed+json; charset=utf-8", version: null },
    { name: "/canaries/feed.xml", handler: "canaryRss", params: {}, type: "application/rss+xml; charset=utf-8", version: "rss20" },
    { name: "/canaries/atom.xml", handler: "canaryAtom", params: {}, type: "application/atom+xml; charset=utf-8", version: "atom10" },
    { name: "/canaries/feed.json", handler: "canaryJson", params: {}, type: "application/feed+json; charset=utf-8", version: null },
  ] as const;

  for (const feed of FEEDS) {
    test(`${feed.name}: 200 with content type, ETag, Last-Modified and Cache-Control`, async () => {
      const { response, body } = await call(handlers[feed.handler]!, feed.name, feed.params);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), feed.type);
      assert.match(response.headers.get("etag") ?? "", /^"[A-Za-z0-9_-]{27}"$/);
      assert.match(response.headers.get("last-modified") ?? "", /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      assert.equal(response.headers.get("cache-control"), "public, max-age=300");
      assert.ok(body.length > 1000);
      // The same data gives the same bytes (no clock inside), so the same ETag.
      const again = await call(handlers[feed.handler]!, feed.name, feed.params);
      assert.equal(again.body, body);
    });

    test(`${feed.name}: conditional requests get 304 with no body`, async () => {
      const first = await call(handlers[feed.handler]!, feed.name, feed.params);
      const etag = first.response.headers.get("etag")!;
      const lastModified = first.response.headers.get("last-modified")!;
      const matching: Record<string, string>[] = [{ "if-none-match": etag }, { "if-none-match": `W/${etag}` }, { "if-none-match": `"other", ${etag}` }, { "if-modified-since": lastModified }];
      for (const headers of matching) {
        const { response, body } = await call(handlers[feed.handler]!, feed.name, feed.params, headers);
        assert.equal(response.status, 304, JSON.stringify(headers));
        assert.equal(body, "");
        assert.equal(response.headers.get("etag"), etag);
      }
      const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
      // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
      const changed: Record<string, string>[] = [{ "if-none-match": '"something-else"' }, { "if-modified-since": older }, { "if-none-match": '"something-else"', "if-modified-since": lastModified }];
      for (const headers of changed) {
        const { response, body } = await call(handlers[feed.handler]!, feed.name, feed.params, headers);
        assert.equal(response.status, 200, JSON.stringify(headers));
        assert.equal(body, first.body);
      }
    });

    if (feed.version) {
      test(`${feed.name}: feedparser reads it with no errors`, withFeedparser, async () => {
        const { body } = await call(handlers[feed.handler]!, feed.name, feed.params);
        const parsed = parseFeed(body);
        assert.equal(parsed.bozo, false, parsed.exc);
        assert.equal(parsed.version, feed.version);
        assert.ok(parsed.entries.length > 0);
        assert.equal(new Set(parsed.entries.map((e) => e.id)).size, parsed.entries.length, "unique IDs");
        for (const entry of parsed.entries) {
          assert.match(entry.id ?? "", /^urn:uuid:[0-9a-f-]{36}$/);
          assert.ok(entry.title, "a title");
          assert.ok(entry.link?.startsWith(`${SITE}/`), `absolute link ${entry.link}`);
          assert.match(entry.published_iso ?? "", RFC3339_UTC, `${entry.title}: published parses`);
        }
      });
    } else {
      test(`${feed.name}: JSON Feed 1.1's required fields`, async () => {
        const { body } = await call(handlers[feed.handler]!, feed.name, feed.params);
        const json = JSON.parse(body) as Record<string, unknown>;
        assert.deepEqual(jsonFeedProblems(json), []);
        assert.ok((json.items as unknown[]).length > 0);
      });
    }
  }

  describe("a feed client's view of the canary feeds", withFeedparser, () => {
    test("every canary, newest first, after the entry saying the next one is overdue (canary-047 promised one by 2026-09-14)", async () => {
      const atom = parseFeed((await call(handlers.canaryAtom!, "/canaries/atom.xml")).body);
      assert.equal(atom.bozo, false, atom.exc);
      assert.equal(atom.entries.length, 48);
      const [overdue, latest] = atom.entries;
      assert.equal(overdue?.title, "The next Qubes canary is overdue (it was due by 2026-09-14)");
      assert.equal(overdue?.link, `${SITE}/canaries`);
      assert.match(overdue?.summary ?? "", /overdue by \d+ days/);
      assert.equal(overdue?.updated_iso, "2026-09-15T00:00:00Z");
      assert.match(latest?.title ?? "", /^canary-047 \(2026-06-03\)/);
      assert.equal(latest?.link, `${SITE}/canaries/47`);
      assert.match(latest?.summary ?? "", /signed by marmarek and simon; signature verified/);
      assert.deepEqual(atom.entries.slice(1).map((e) => Number(/^canary-(\d+)/.exec(e.title ?? "")?.[1])), Array.from({ length: 47 }, (_, i) => 47 - i));
      // Canary 026's bad signature and canary 029's lost signer are in their entries.
      assert.match(atom.entries.find((e) => e.title?.startsWith("canary-026"))?.title ?? "", /: failed/);
      assert.match(atom.entries.find((e) => e.title?.startsWith("canary-029"))?.summary ?? "", /No longer signed by joanna/);
      const json = JSON.parse((await call(handlers.canaryJson!, "/canaries/feed.json")).body) as { items: { id: string; _qubes?: Record<string, unknown> }[] };
      assert.equal(json.items.length, 48);
      assert.equal(json.items[0]?._qubes?.overdue, true);
    });
  });

  describe("a feed client's view of the bulletin feeds", withFeedparser, () => {
    let rss: ParsedFeed;
    let atom: ParsedFeed;
    let releaseRss: ParsedFeed;
    before(async () => {
      rss = parseAll(await allPages(handlers.rss!, "/feed.xml"));
      atom = parseAll(await allPages(handlers.atom!, "/atom.xml"));
      releaseRss = parseFeed((await call(handlers.releaseRss!, "/releases/4.3/feed.xml", { r: "4.3" })).body);
    });

    test("/feed.xml in pages of 50, each linking to the next, the last to none", async () => {
      const pages = await allPages(handlers.rss!, "/feed.xml");
      assert.deepEqual(pages.map((body) => parseFeed(body).entries.length), [50, 50, 16]);
      assert.ok(pages[0]!.includes(`href="${SITE}/feed.xml?page=2" rel="next"`));
      assert.ok(pages[1]!.includes(`href="${SITE}/feed.xml?page=3" rel="next"`));
      assert.ok(!pages[2]!.includes('rel="next"'));
      const json = await allPages(handlers.json!, "/feed.json");
      assert.equal((JSON.parse(json[0]!) as JsonPage).next_url, `${SITE}/feed.json?page=2`);
      assert.equal((JSON.parse(json[2]!) as JsonPage).next_url, undefined);
      for (const bad of ["0", "x", "-2"]) assert.equal((await call(handlers.rss!, `/feed.xml?page=${bad}`)).response.status, 400, bad);
    });

    test("/feed.xml has every bulletin over its pages, most recently changed first, QSB-116 first with its XSAs and fixed version", () => {
      assert.equal(rss.entries.length, 116);
      assert.deepEqual(
        rss.entries.map((e) => Number(/^QSB-(\d+)/.exec(e.title ?? "")?.[1])).sort((a, b) => b - a),
        Array.from({ length: 116 }, (_, i) => 116 - i),
      );
      const updated = atom.entries.map((e) => e.updated_iso ?? "");
      assert.deepEqual(updated, [...updated].sort().reverse());
      const first = rss.entries[0]!;
      assert.equal(first.title, "QSB-116: Multiple Xen issues (XSA-500, XSA-505, XSA-506, XSA-507)");
      assert.equal(first.link, `${SITE}/qsb/116`);
      assert.equal(first.id, bulletinEntryId(116));
      for (const xsa of QSB_116_XSAS) assert.ok(first.summary?.includes(xsa), `${xsa} in the summary`);
      assert.ok(first.summary?.includes("Xen packages 4.19.5-2"), "the fixed version in the summary");
      assert.ok(first.summary?.includes("Signature: verified"), "the signature status in the summary");
      assert.equal(first.published_iso, "2026-07-28T00:00:00Z");
    });

    test("the same entries, with the same IDs, in RSS and Atom", () => {
      assert.deepEqual(atom.entries.map((e) => e.id), rss.entries.map((e) => e.id));
      assert.deepEqual(atom.entries.map((e) => e.title), rss.entries.map((e) => e.title));
    });

    test("a revised bulletin is one entry, updated at its latest changelog date", () => {
      const qsb100 = atom.entries.filter((e) => e.id === bulletinEntryId(100));
      assert.equal(qsb100.length, 1);
      assert.equal(qsb100[0]!.published_iso, "2024-01-30T00:00:00Z");
      assert.equal(qsb100[0]!.updated_iso, "2024-02-06T00:00:00Z");
      assert.match(qsb100[0]!.summary ?? "", /^Updated: Revised 2024-02-06: Revise language\./);
      const rss100 = rss.entries.find((e) => e.id === bulletinEntryId(100))!;
      assert.match(rss100.summary ?? "", /Updated:.*Revised 2024-02-06: Revise language/);
    });

    test("a bulletin never revised is not updated by the sync that imported it", () => {
      const qsb54 = atom.entries.find((e) => e.id === bulletinEntryId(54))!;
      assert.equal(qsb54.published_iso, "2019-11-26T00:00:00Z");
      assert.equal(qsb54.updated_iso, "2019-11-26T00:00:00Z");
    });

    test("/releases/4.3/feed.xml: QSB-116 first, only bulletins with 4.3 fixes, only their 4.3 fixes", async () => {
      const first = releaseRss.entries[0]!;
      assert.equal(first.title, "QSB-116: Multiple Xen issues (XSA-500, XSA-505, XSA-506, XSA-507)");
      for (const xsa of QSB_116_XSAS) assert.ok(first.summary?.includes(xsa), `${xsa} in the summary`);
      assert.ok(first.summary?.includes("Qubes OS R4.3: Xen packages 4.19.5-2 (dom0)"));
      const expected = await t.db.bulletin.findMany({ where: { fixes: { some: { releaseName: "4.3" } } }, orderBy: { number: "desc" }, select: { number: true } });
      assert.deepEqual(releaseRss.entries.map((e) => e.id), expected.map((b) => bulletinEntryId(b.number)));
      for (const entry of releaseRss.entries) {
        assert.ok(entry.summary?.includes("Qubes OS R4.3:"), `${entry.title} names 4.3`);
        assert.doesNotMatch(entry.summary ?? "", /Qubes OS R(4\.[0-2]|3\.\d|[12]):/, `${entry.title} shows only 4.3 fixes`);
      }
      assert.equal(releaseRss.feed.link, `${SITE}/releases/4.3`);
    });
  });

  test("release spellings: R4.3 is 4.3; unknown releases are a 404 with the JSON error", async () => {
    const r43 = await call(handlers.releaseRss!, "/releases/R4.3/feed.xml", { r: "R4.3" });
    assert.equal(r43.response.status, 200);
    assert.equal(r43.body, (await call(handlers.releaseRss!, "/releases/4.3/feed.xml", { r: "4.3" })).body);
    for (const [handler, r] of [["releaseRss", "9.9"], ["releaseAtom", "latest"], ["releaseJson", "4.x"], ["releaseRss", "%E0%A4%A"]] as const) {
      const { response, body } = await call(handlers[handler]!, `/releases/${r}/feed`, { r });
      assert.equal(response.status, 404, r);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      const json = JSON.parse(body) as { error: { code: string; message: string } };
      assert.equal(json.error.code, "not_found");
      assert.ok(json.error.message.length > 0);
    }
  });

  test("/feed.json mirrors the XML feeds, with date_modified for revisions", async () => {
    const json = { items: jsonItems(await allPages(handlers.json!, "/feed.json")) };
    assert.equal(json.items.length, 116);
    assert.equal(json.items[0]!.title, "QSB-116: Multiple Xen issues (XSA-500, XSA-505, XSA-506, XSA-507)");
    const qsb100 = json.items.find((i) => i.id === bulletinEntryId(100))!;
    assert.equal(qsb100.date_published, "2024-01-30T00:00:00Z");
    assert.equal(qsb100.date_modified, "2024-02-06T00:00:00Z");
  });

  test("/xsa feeds: every XSA the tracker rates, newest first, with its verdict, linking /xsa/N with its covering QSBs", async () => {
    const json = { items: jsonItems(await allPages(handlers.xsaJson!, "/xsa/feed.json")) as { url: string; title: string; summary: string; date_published?: string; tags?: string[] }[] };
    const rated = await t.db.advisory.count({ where: { qubesAffected: { in: ["yes", "no"] } } });
    assert.equal(json.items.length, rated);
    const dates = json.items.map((i) => i.date_published ?? "");
    assert.deepEqual(dates, [...dates].sort().reverse());
    const xsa306 = json.items.find((i) => i.url === `${SITE}/xsa/306`)!;
    assert.ok(xsa306, "XSA-306 is in the feed");
    assert.match(xsa306.title, /\(affects Qubes OS\)$/);
    assert.match(xsa306.summary, /Covered by QSB-054: Xen fix for XSA-302 found ineffective/);
    const notAffecting = await t.db.advisory.findFirst({ where: { qubesAffected: "no" }, select: { number: true } });
    const entry = json.items.find((i) => i.url === `${SITE}/xsa/${notAffecting!.number}`);
    assert.match(entry?.summary ?? "", /does not affect Qubes OS \(verdict of the Qubes XSA tracker\)/);
    assert.ok(entry?.tags?.includes("not-affected"));
    const unused = await t.db.advisory.findFirst({ where: { qubesAffected: "unused" }, select: { number: true } });
    assert.ok(!json.items.some((i) => i.url === `${SITE}/xsa/${unused!.number}`), "withdrawn numbers are left out");
  });

  describe("OSV", () => {
    test("/api/osv/all.json: all 116 records, each passing the OSV rules", async () => {
      const { response, body } = await call(handlers.osvAll!, "/api/osv/all.json");
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.ok(response.headers.get("etag"));
      const records = JSON.parse(body) as OsvRecord[];
      assert.equal(records.length, 116);
      assert.equal(new Set(records.map((r) => r.id)).size, 116);
      for (const record of records) {
        assert.match(record.id, /^QSB-\d{3}$/);
        assert.deepEqual(osvProblems(record, { customEcosystems: [OSV_ECOSYSTEM] }), [], record.id);
      }
    });

    test("/api/osv/QSB-054.json: the 4.0 xen 4.8.5-13 fix, XSA-306 upstream, XSA-302 and QSB-052 related", async () => {
      const { response, body } = await call(handlers.osv!, "/api/osv/QSB-054.json", { id: "QSB-054.json" });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.equal(response.headers.get("last-modified"), "Tue, 26 Nov 2019 00:00:00 GMT");
      const record = JSON.parse(body) as OsvRecord;
      assert.equal(record.id, "QSB-054");
      assert.equal(record.summary, "Xen fix for XSA-302 found ineffective in Qubes configuration (XSA-306)");
      const xen = record.affected?.find((a) => a.package.ecosystem === "Qubes OS:4.0" && a.package.name === "xen");
      assert.ok(xen, "an affected entry for xen on 4.0");
      assert.deepEqual(xen.ranges, [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "4.8.5-13" }] }]);
      assert.ok(record.upstream?.includes("XSA-306"), "XSA-306 is upstream of QSB-054");
      assert.ok(record.related?.includes("XSA-302"), "XSA-302 (mentioned) is related");
      assert.ok(record.related?.includes("QSB-052"), "QSB-052 (named in the text) is related");
      assert.equal(record.aliases, undefined);
      assert.equal(record.database_specific?.signature_status, "verified");
      assert.ok(record.references?.some((r) => r.type === "ADVISORY" && r.url.endsWith("/QSBs/qsb-054-2019.txt")));
      assert.deepEqual(osvProblems(record, { customEcosystems: [OSV_ECOSYSTEM] }), []);

      const again = await call(handlers.osv!, "/api/osv/QSB-054.json", { id: "QSB-054.json" }, { "if-none-match": response.headers.get("etag")! });
      assert.equal(again.response.status, 304);
      assert.equal(again.body, "");
    });

    test("other spellings of an existing ID redirect to the canonical address; the rest is 404", async () => {
      for (const id of ["QSB-54.json", "qsb-054.json", "QSB-0054.json"]) {
        const { response } = await call(handlers.osv!, `/api/osv/${id}`, { id });
        assert.equal(response.status, 308, id);
        assert.equal(response.headers.get("location"), `${SITE}/api/osv/QSB-054.json`);
      }
      for (const id of ["QSB-999.json", "QSB-054", "54.json", "XSA-306.json", "QSB-054.xml", "all.json"]) {
        const { response, body } = await call(handlers.osv!, `/api/osv/${id}`, { id });
        assert.equal(response.status, 404, id);
        assert.equal((JSON.parse(body) as { error: { code: string } }).error.code, "not_found");
      }
    });
  });

  describe("revisions after a sync", () => {
    test("a fresh import (new import times everywhere) changes no feed byte", async () => {
      const before = (await call(handlers.atom!, "/atom.xml")).body;
      const osvBefore = (await call(handlers.osvAll!, "/api/osv/all.json")).body;
      await t.db.$executeRawUnsafe(`UPDATE "Bulletin" SET "importedAt" = '2030-01-01T00:00:00.000+00:00', "updatedAt" = '2030-01-01T00:00:00.000+00:00'`);
      await markDataChanged(t.db);
      assert.equal((await call(handlers.atom!, "/atom.xml")).body, before);
      assert.equal((await call(handlers.osvAll!, "/api/osv/all.json")).body, osvBefore);
    });

    test("a file changed after its import: the same entry, updated, with a new ETag", async () => {
      const before = await call(handlers.json!, "/feed.json");
      await t.db.$executeRawUnsafe(`UPDATE "Bulletin" SET "updatedAt" = '2030-02-03T04:05:06.000+00:00' WHERE "number" = 54`);
      await markDataChanged(t.db);
      const after = await call(handlers.json!, "/feed.json", {}, { "if-none-match": before.response.headers.get("etag")! });
      assert.equal(after.response.status, 200);
      assert.notEqual(after.response.headers.get("etag"), before.response.headers.get("etag"));
      assert.equal(after.response.headers.get("last-modified"), "Sun, 03 Feb 2030 04:05:06 GMT");
      // The revised bulletin comes back to the first page, first: a reader polling that page sees the update.
      const items = jsonItems(await allPages(handlers.json!, "/feed.json"));
      assert.equal((JSON.parse(after.body) as JsonPage).items[0]?.id, bulletinEntryId(54));
      const qsb54 = items.filter((i) => i.id === bulletinEntryId(54));
      assert.equal(qsb54.length, 1);
      assert.equal(qsb54[0]!.date_published, "2019-11-26T00:00:00Z");
      assert.equal(qsb54[0]!.date_modified, "2030-02-03T04:05:06Z");
      assert.match(qsb54[0]!.summary, /^Updated: The bulletin's file changed/);
      assert.equal(items.length, 116);
    });
  });
});
