import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { parseCanary, parseIssueDate, parseNextWindow } from "@/lib/canary/parse-canary";
import { compareCanaries, promiseStatus, statementWording, type WatchedCanary } from "@/lib/canary/watch";

describe("parseCanary on bad input", () => {
  for (const [name, text] of [
    ["empty", ""],
    ["binary", "\u0000\u0001\u0002"],
    ["no sections", "Qubes Canary 9\n\nhello"],
    ["a statement without a date", "  ---===[ Qubes Canary 050 ]===---\n\nStatements\n-----------\n\n1. The date of issue of this canary is soon.\n"],
    ["huge", "x".repeat(200_000)],
  ] as const) {
    test(`${name}: no throw, warnings name what is missing`, () => {
      const p = parseCanary(text);
      assert.ok(p.warnings.length > 0);
      assert.equal(p.date, null);
      assert.equal(p.nextDue, null);
    });
  }
  test("a statement that gives no date is quoted in the warning", () => {
    const p = parseCanary("Qubes Canary 050\n\nStatements\n-----------\n\n1. The date of issue of this canary is soon.\n");
    assert.equal(p.titleNumber, 50);
    assert.ok(p.warnings.includes('statement 1 gives no date of issue that can be read: "The date of issue of this canary is soon."'));
  });
});

describe("dates and windows", () => {
  test("issue dates of every era", () => {
    assert.equal(parseIssueDate("The date of issue of this canary is January 5th, 2015."), "2015-01-05");
    assert.equal(parseIssueDate("is December  13, 2016."), "2016-12-13");
    assert.equal(parseIssueDate("is June 03, 2026."), "2026-06-03");
    assert.equal(parseIssueDate("is February 30, 2026."), null);
  });
  test("windows: first week, first 2 weeks, three weeks, fourteen days, last fourteen days", () => {
    assert.deepEqual(parseNextWindow("in the first week of March 2015."), { from: "2015-03-01", until: "2015-03-07", text: "the first week of March 2015" });
    assert.equal(parseNextWindow("first 2 weeks of August 2015")?.until, "2015-08-14");
    assert.equal(parseNextWindow("first three weeks of January 2020")?.until, "2020-01-21");
    assert.deepEqual(parseNextWindow("in the first\n   fourteen days of September 2026. Special"), { from: "2026-09-01", until: "2026-09-14", text: "the first fourteen days of September 2026" });
    assert.deepEqual(parseNextWindow("in the last fourteen days of May 2023."), { from: "2023-05-18", until: "2023-05-31", text: "the last fourteen days of May 2023" });
    assert.equal(parseNextWindow("sometime next year"), null);
  });
});

const canary = (over: Partial<WatchedCanary>): WatchedCanary => ({
  number: 2,
  date: "2026-06-03",
  signers: ["marmarek", "simon"],
  preamble: "The Qubes security team members who have digitally signed this file [1] state the following:",
  statements: [
    { number: 1, text: "The date of issue of this canary is June 03, 2026." },
    { number: 2, text: "There have been 114 Qubes security bulletins published so far." },
    { number: 5, text: "We plan to publish the next of these canary statements in the first fourteen days of September 2026." },
  ],
  specialAnnouncements: null,
  nextDue: { from: "2026-09-01", until: "2026-09-14", text: "the first fourteen days of September 2026" },
  ...over,
});

describe("the watch", () => {
  test("dates, counts and windows that change every time are not wording changes", () => {
    const before = canary({ number: 1, statements: [
      { number: 1, text: "The date of issue of this canary is March 12, 2026." },
      { number: 2, text: "There have been 109 Qubes security bulletins published so far." },
      { number: 5, text: "We plan to publish the next of these canary statements in the last two weeks of June 2026." },
    ] });
    assert.deepEqual(compareCanaries(before, canary({})), { signersAdded: [], signersRemoved: [], statementsChanged: [] });
    assert.equal(statementWording("first 2 weeks of August 2015"), "<window>");
  });
  test("a changed statement, a signer who stops and one who starts", () => {
    const after = canary({ signers: ["marmarek", "mallory"], statements: [{ number: 1, text: "The date of issue of this canary is June 03, 2026." }, { number: 2, text: "There have been 114 Qubes security bulletins published so far, we think." }] });
    assert.deepEqual(compareCanaries(canary({ number: 1 }), after), { signersAdded: ["mallory"], signersRemoved: ["simon"], statementsChanged: [2, 5] });
  });
  test("on time, overdue by N days, late arrival, unreadable promise", () => {
    assert.deepEqual(promiseStatus(canary({}), null, "2026-09-14"), { status: "on-time", days: 0 });
    assert.deepEqual(promiseStatus(canary({}), null, "2026-12-01"), { status: "overdue", days: 78 });
    assert.deepEqual(promiseStatus(canary({}), { date: "2026-09-20" }, "2026-12-01"), { status: "overdue", days: 6 });
    assert.deepEqual(promiseStatus(canary({}), { date: "2026-08-31" }, "2026-12-01"), { status: "on-time", days: null });
    assert.deepEqual(promiseStatus(canary({ nextDue: null }), null, "2026-12-01"), { status: "unknown", days: null });
  });
});
