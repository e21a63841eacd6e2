// Conditional GET, shared by the route handlers and the front server's cache.
import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { isNotModified, lastModifiedOf, strongEtag } from "@/lib/http/conditional";

const get = (ifNoneMatch: string | null, ifModifiedSince: string | null = null, method = "GET") => ({ method, ifNoneMatch, ifModifiedSince });

describe("conditional GET", () => {
  const etag = strongEtag("body");
  const modified = new Date("2026-01-02T03:04:05Z");

  test("the same bytes give the same strong tag, string or buffer", () => {
    assert.equal(strongEtag(Buffer.from("body")), etag);
    assert.match(etag, /^"[\w-]{27}"$/);
    assert.notEqual(strongEtag("body2"), etag);
  });

  test("If-None-Match: weak comparison, lists and *; it wins over If-Modified-Since", () => {
    assert.ok(isNotModified(get(etag), etag, null));
    assert.ok(isNotModified(get(`W/${etag}`), etag, null));
    assert.ok(isNotModified(get(`"x", ${etag}`), etag, null));
    assert.ok(isNotModified(get("*"), etag, null));
    assert.ok(!isNotModified(get('"other"', modified.toUTCString()), etag, modified));
  });

  test("If-Modified-Since: only without If-None-Match, whole seconds, Date or header text", () => {
    assert.ok(isNotModified(get(null, modified.toUTCString()), etag, lastModifiedOf(new Date(modified.getTime() + 400))));
    assert.ok(isNotModified(get(null, modified.toUTCString()), etag, modified.toUTCString()));
    assert.ok(!isNotModified(get(null, new Date(modified.getTime() - 1000).toUTCString()), etag, modified));
    assert.ok(!isNotModified(get(null, "not a date"), etag, modified));
    assert.equal(lastModifiedOf(new Date(0)), null);
  });

  test("only GET and HEAD", () => {
    assert.ok(isNotModified(get(etag, null, "HEAD"), etag, null));
    assert.ok(!isNotModified(get(etag, null, "POST"), etag, null));
  });
});
