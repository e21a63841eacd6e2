import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseDay, rfc3339, rfc822 } from "@/lib/feeds/dates";
import { advisoryEntryId, bulletinEntryId, bulletinsFeedId, releaseFeedId, uuidV5 } from "@/lib/feeds/ids";
import { element, escapeHtml, escapeXml } from "@/lib/feeds/xml";

describe("escapeXml", () => {
  test("escapes the five XML specials", () => {
    assert.equal(escapeXml(`a < b & c > d "e" 'f'`), "a &lt; b &amp; c &gt; d &quot;e&quot; &apos;f&apos;");
  });
  test("escapes an ampersand that already looks like an entity (the text is text)", () => {
    assert.equal(escapeXml("&amp; &#60;"), "&amp;amp; &amp;#60;");
  });
  test("drops characters XML 1.0 forbids, keeps tabs, newlines and astral characters", () => {
    assert.equal(escapeXml("a\u0000b\u0008c\u001Fd\tq\ne\uFFFEf \uD83D\uDD12 \uD800x"), "abcd\tq\nef \uD83D\uDD12 x");
  });
  test("element() escapes text and attributes", () => {
    assert.equal(element("title", `<x & "y">`, { href: `/a?b=1&c="2"` }), `<title href="/a?b=1&amp;c=&quot;2&quot;">&lt;x &amp; &quot;y&quot;&gt;</title>`);
    assert.equal(element("link", null, { rel: "self" }), `<link rel="self"/>`);
  });
  test("escapeHtml escapes for HTML fragments", () => {
    assert.equal(escapeHtml(`<script>alert("x") & 'y'</script>`), "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
  });
});

describe("dates", () => {
  test("parseDay reads YYYY-MM-DD as UTC midnight and refuses the rest", () => {
    assert.equal(parseDay("2019-11-26")?.toISOString(), "2019-11-26T00:00:00.000Z");
    for (const bad of [null, undefined, "", "2019", "2019-11", "2019-02-31", "26.11.2019", "2019-11-26T10:00:00Z"]) {
      assert.equal(parseDay(bad), null, String(bad));
    }
  });
  test("RSS dates are RFC 822 (the RFC 1123 form with a four-digit year, GMT)", () => {
    const date = new Date(Date.UTC(2019, 10, 26));
    assert.equal(rfc822(date), "Tue, 26 Nov 2019 00:00:00 GMT");
    assert.match(rfc822(new Date(Date.UTC(2024, 1, 6, 13, 5, 9))), /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });
  test("Atom, JSON Feed and OSV dates are RFC 3339 in UTC with a Z, no milliseconds", () => {
    assert.equal(rfc3339(new Date(Date.UTC(2019, 10, 26))), "2019-11-26T00:00:00Z");
    assert.equal(rfc3339(new Date("2026-11-24T21:24:59.726Z")), "2026-11-24T21:24:59Z");
  });
});

describe("entry IDs", () => {
  test("uuidV5 matches the RFC 9562 test vector", () => {
    // Name "www.example.com" in the DNS namespace.
    assert.equal(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
  test("are urn:uuid version 5 URNs", () => {
    for (const id of [bulletinEntryId(54), advisoryEntryId(306), bulletinsFeedId(), releaseFeedId("4.3")]) {
      assert.match(id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
  test("never change: these values are what readers already store", () => {
    // If this fails, every subscriber sees every bulletin again. Do not update the expected values.
    assert.equal(bulletinEntryId(54), PINNED_QSB_54);
  });
  test("differ between bulletins, advisories and feeds of the same number", () => {
    const ids = [bulletinEntryId(54), bulletinEntryId(55), advisoryEntryId(54), releaseFeedId("4.0"), releaseFeedId("4.1"), bulletinsFeedId()];
    assert.equal(new Set(ids).size, ids.length);
  });
});

const PINNED_QSB_54 = "urn:uuid:8bea9781-4c78-57e5-b35a-048d7cbe8a33";
