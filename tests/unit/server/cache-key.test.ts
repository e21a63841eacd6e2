import assert from "node:assert/strict";
import { test } from "node:test";
import { cacheKey, isUncached } from "@/lib/server/cache-key";

test("the key keeps only the parameters the page reads, in a fixed order", () => {
  assert.equal(cacheKey("/search?q=xen&utm_source=x"), "/search?q=xen");
  assert.equal(cacheKey("/qsb?page=2&year=2019&junk=1"), "/qsb?year=2019&page=2");
  assert.equal(cacheKey("/qsb?year=2019&year=2020"), "/qsb?year=2019");
  assert.equal(cacheKey("/?ref=mail"), "/");
  assert.equal(cacheKey("/qsb/54?x=1"), "/qsb/54");
  assert.equal(cacheKey("/qsb/101?to=345734d&x=1&from=77c2be5"), "/qsb/101?from=77c2be5&to=345734d");
  assert.equal(cacheKey("/xsa/306?from=1"), "/xsa/306");
  assert.equal(cacheKey("/search?q=a%20b"), "/search?q=a+b");
  assert.equal(cacheKey("/qsb"), "/qsb");
});

test("routes it does not know keep their whole query", () => {
  assert.equal(cacheKey("/feed.xml?page=2"), "/feed.xml?page=2");
  assert.equal(cacheKey("/api/qsb?x=1"), "/api/qsb?x=1");
});

test("the feeds beside the pages keep their ?page= (before the fix /xsa/feed.xml?page=2 was cached as page 1)", () => {
  assert.equal(cacheKey("/xsa/feed.xml?page=2"), "/xsa/feed.xml?page=2");
  assert.equal(cacheKey("/canaries/atom.xml?page=2"), "/canaries/atom.xml?page=2");
  assert.equal(cacheKey("/canaries/47?x=1"), "/canaries/47");
  assert.equal(cacheKey("/canaries?utm_source=x"), "/canaries");
});

test("the answers that say the exact refresh time are never kept (a sync that changed nothing moves it on)", () => {
  assert.equal(isUncached("/api/source"), true);
  assert.equal(isUncached("/api/source?x=1"), true);
  assert.equal(isUncached("/api/canary"), true);
  assert.equal(isUncached("/api/canary/47"), false);
  assert.equal(isUncached("/api/qsb/54"), false);
  assert.equal(isUncached("/"), false);
});

test("a URL asked for again gets the key it got the first time, however many others came between (the kept keys are bounded)", () => {
  assert.equal(cacheKey("/qsb?year=2019&signature=verified&utm=1"), "/qsb?year=2019&signature=verified");
  for (let n = 0; n < 3000; n++) assert.equal(cacheKey(`/search?q=word${n}&utm_source=x`), `/search?q=word${n}`);
  assert.equal(cacheKey("/qsb?year=2019&signature=verified&utm=1"), "/qsb?year=2019&signature=verified");
  const long = `/search?q=${"a".repeat(600)}&x=1`;
  assert.equal(cacheKey(long), `/search?q=${"a".repeat(600)}`);
  assert.equal(cacheKey(long), `/search?q=${"a".repeat(600)}`);
});
