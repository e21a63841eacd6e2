import assert from "node:assert/strict";
import { test } from "node:test";
import { canaryFeed } from "@/lib/feeds/canaries";
import type { FeedCanary, FeedCanaryWatch } from "@/lib/feeds/types";

const SITE = "https://tracker.example.org";
const canary = (number: number, date: string, until: string): FeedCanary => ({
  number,
  date,
  signatureStatus: "verified",
  signers: ["marmarek", "simon"],
  nextDue: { from: until.slice(0, 8) + "01", until },
  changes: { signersAdded: [], signersRemoved: number === 2 ? ["simon"] : [], statementsChanged: [] },
  warnings: number === 2 ? [{ message: "simon no longer signs" }] : [],
});
const canaries = [canary(1, "2026-03-02", "2026-06-14"), canary(2, "2026-06-03", "2026-09-14")];
const watch = (status: string): FeedCanaryWatch => ({ status, headline: "Next canary due by 2026-09-14.", meaning: ["It does not prove anything."], latest: { number: 2, nextDue: canaries[1]!.nextDue } });

test("on time: one entry a canary, newest first, with its lost signer and warnings", () => {
  const feed = canaryFeed(canaries, watch("on-time"), { siteUrl: `${SITE}/` });
  assert.deepEqual(feed.entries.map((e) => e.url), [`${SITE}/canaries/2`, `${SITE}/canaries/1`]);
  assert.match(feed.entries[0]!.summary, /No longer signed by simon\. Warning: simon no longer signs/);
  assert.equal(feed.urls.atom, `${SITE}/canaries/atom.xml`);
  assert.equal(feed.updated.toISOString(), "2026-06-03T00:00:00.000Z");
});

test("overdue: one more entry first, dated the day after the window closed, with a stable id", () => {
  const feed = canaryFeed(canaries, watch("overdue"), { siteUrl: SITE });
  assert.equal(feed.entries.length, 3);
  const overdue = feed.entries[0]!;
  assert.equal(overdue.title, "The next Qubes canary is overdue (it was due by 2026-09-14)");
  assert.equal(overdue.updated.toISOString(), "2026-09-15T00:00:00.000Z");
  assert.equal(overdue.id, canaryFeed(canaries, watch("overdue"), { siteUrl: SITE }).entries[0]!.id);
  assert.notEqual(overdue.id, feed.entries[1]!.id);
  assert.equal(feed.updated.toISOString(), "2026-09-15T00:00:00.000Z");
});
