// GET /api/canary and /api/canary/47 on the real data (the shared template,
// synced from a git mirror of the real secpack): the shape the issue fixes,
// the signatures in the bulletins' shape, the watch, and the JSON 404s.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { daysBetween } from "@/lib/canary/watch";
import { todayUtc } from "@/lib/queries/canaries";
import { describeEachDatabase, useDatabase, type AnyTestDatabase } from "../../helpers/db";
import { realData } from "../../helpers/fixtures";
import { createSyncedTestDatabaseFor } from "../../helpers/template";

const KEYS = ["number", "id", "date", "signatureStatus", "signatures", "signers", "statedBulletins", "statedMasterFingerprint", "nextDue", "status", "changes", "warnings"];
const SIGNATURE_KEYS = ["file", "signer", "signerUserId", "fingerprint", "issuerKeyId", "status", "reason", "weakHash", "certifiedByMaster", "createdAt", "hashAlgorithm", "keyPath", "signedCommit", "revisionsChecked"];

describeEachDatabase("the canary API", realData, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createSyncedTestDatabaseFor(provider);
    await useDatabase(t);
  });
  after(async () => {
    await t?.cleanup();
  });

  const call = async (n: string) => {
    const { GET } = await import("@/app/api/canary/[n]/route");
    return GET(new Request(`http://localhost/api/canary/${n}`), { params: Promise.resolve({ n }) });
  };

  test("GET /api/canary/47 has exactly the issue's shape, signatures as the bulletins' are", async () => {
    const response = await call("47");
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown> & { signatures: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(body), KEYS);
    const { signatures, status, ...rest } = body;
    assert.deepEqual(rest, {
      number: 47,
      id: "canary-047",
      date: "2026-06-03",
      signatureStatus: "verified",
      signers: ["marmarek", "simon"],
      statedBulletins: 114,
      statedMasterFingerprint: "427F11FD0FAA4B080123F01CDDFA1A3E36879494",
      nextDue: { from: "2026-09-01", until: "2026-09-14" },
      changes: { signersAdded: [], signersRemoved: [], statementsChanged: [] },
      warnings: [],
    });
    assert.equal(status, todayUtc() > "2026-09-14" ? "overdue" : "on-time");
    assert.deepEqual(signatures.map((s) => [s.file, s.status, s.keyPath]), [
      ["canary-047-2026.txt.sig.marmarek", "valid", "security-team/marmarek-qubes-secpack-signing-key.asc"],
      ["canary-047-2026.txt.sig.simon", "valid", "security-team/simon-qubes-secpack-signing-key.asc"],
    ]);
    for (const s of signatures) assert.deepEqual(Object.keys(s), SIGNATURE_KEYS);
  });

  test("047, canary-047 and Canary #47 are one canary; others get the JSON 404", async () => {
    for (const n of ["047", "canary-047", "Canary%20%2347"]) assert.equal((await call(n)).status, 200, n);
    for (const [n, message] of [["999", /there is no canary-999/], ["abc", /"abc" is not a canary number/], ["0", /not a canary number/]] as const) {
      const response = await call(n);
      assert.equal(response.status, 404, n);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, "not_found");
      assert.match(body.error.message, message);
    }
  });

  test("GET /api/canary lists all 47 newest first, with the watch: overdue since 2026-09-14, and how old our copy is", async () => {
    const { GET } = await import("@/app/api/canary/route");
    const body = (await (await GET(new Request("http://localhost/api/canary"))).json()) as {
      items: { number: number; status: string; changes: { signersRemoved: string[] } }[];
      watch: { latest: number; status: string; overdueDays: number | null; headline: string; meaning: string[]; secpack: { commitDate: string; lastFetch: string } };
    };
    assert.deepEqual(body.items.map((c) => c.number), Array.from({ length: 47 }, (_, i) => 47 - i));
    assert.deepEqual(body.items.find((c) => c.number === 29)?.changes.signersRemoved, ["joanna"]);
    assert.equal(body.watch.latest, 47);
    const late = daysBetween("2026-09-14", todayUtc());
    if (late > 0) {
      assert.equal(body.watch.status, "overdue");
      assert.equal(body.watch.overdueDays, late);
      assert.equal(body.watch.headline, `Next canary due by 2026-09-14; overdue by ${late} day${late === 1 ? "" : "s"} (the latest is canary-047 of 2026-06-03).`);
      assert.ok(body.watch.meaning.some((m) => m.includes("its newest commit is of 2026-07-28, before the due date")), body.watch.meaning.join(" | "));
    }
    assert.match(body.watch.secpack.commitDate, /^2026-07-28/);
    assert.ok(body.watch.secpack.lastFetch);
  });
});
