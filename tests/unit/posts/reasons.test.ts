// The reason rule (lib/posts/reasons.ts), one test per category, on reasons
// worded as the Qubes posts word them.
import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { categorizeReason } from "@/lib/posts/reasons";
import { REASON_CATEGORIES, type ReasonCategory } from "@/lib/posts/vocabulary";

const cases: Record<ReasonCategory, { reason: string; feature?: string }[]> = {
  "dos-only": [
    { reason: "DoS only" },
    { reason: "DoS-only" },
    { reason: "denial-of-service only" },
    { reason: "Denial of service (DoS) only" },
    { reason: "DoS only; Qubes has BIGMEM disabled" },
    { reason: "The practical impact with the devices used for passthrough is limited to denial of service only." },
  ],
  "other-architecture": [
    { reason: "affects only Arm systems" },
    { reason: "ARM-only" },
    { reason: "This affects only 32-bit ARM processors, which Qubes OS does not support." },
    { reason: "Only Arm systems are affected. Qubes OS does not run on Arm systems." },
  ],
  "in-vm-only": [
    { reason: "In-VM attack only" },
    { reason: "In-guest privilege escalation only" },
    { reason: "Internal to domUs" },
    { reason: "This XSA affects only in-VM isolation, which Qubes OS does not rely on for security." },
  ],
  "unused-feature": [
    { reason: "no oxenstored", feature: "oxenstored" },
    { reason: "Qubes OS does not use Xapi.", feature: "XAPI" },
    { reason: "shadow mode is disabled at build time", feature: "shadow paging" },
    { reason: "Grant table v2 is disabled in Qubes OS.", feature: "grant table v2" },
    { reason: "Qubes has grant tables v2 disabled", feature: "grant table v2" },
    { reason: "Qubes OS does not hot plug/unplug PCI devices.", feature: "PCI hot plug" },
    { reason: "SMT is disabled in Qubes OS by default", feature: "SMT" },
    { reason: "Qubes OS does not use pygrub.", feature: "pygrub" },
    { reason: "Qubes OS does not support 32-bit PV guests.", feature: "32-bit PV guests" },
    { reason: "Due to a bug, Viridian extensions are currently not enabled in Qubes OS.", feature: "Viridian extensions" },
  ],
  "qubes-configuration": [
    { reason: "domid is never reused" },
    { reason: "domid reuse impractical in Qubes case" },
    { reason: "affects only version 4.16" },
    { reason: "Qubes OS 4.1 uses an unaffected version of Xen (4.14)." },
    { reason: "Affects only builds with HVM support disabled" },
    { reason: "we do not consider it to affect Qubes OS, since the default configuration is safe" },
  ],
  other: [
    { reason: "already covered by the fix for QSB-070" },
    { reason: "The Qubes security team concurs with the Xen security team's assessment." },
    { reason: "" },
  ],
};

describe("categorizeReason", () => {
  test("every category has cases", () => {
    for (const category of REASON_CATEGORIES) assert.ok(cases[category].length > 0, category);
  });
  for (const category of REASON_CATEGORIES) {
    test(category, () => {
      for (const { reason, feature } of cases[category]) {
        const got = categorizeReason(reason);
        assert.equal(got.category, category, `"${reason}"`);
        assert.equal(got.feature, feature ?? null, `"${reason}"`);
      }
    });
  }
  test("the first category of the rule wins where a reason names two", () => {
    assert.equal(categorizeReason("denial-of-service only; XAPI is unused in Qubes OS").category, "dos-only");
    assert.equal(categorizeReason("Shadow paging is disabled.\nQubes OS 4.1 uses an unaffected version of Xen (4.14).").category, "unused-feature");
  });
  test("a word inside another word does not count", () => {
    assert.equal(categorizeReason("harmless alarm").category, "other");
    assert.equal(categorizeReason("redos").category, "other");
  });
});
