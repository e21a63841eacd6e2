import assert from "node:assert/strict";
import { test } from "node:test";
import { databaseProblem } from "@/lib/database/errors";
import { fromWire, toWire } from "@/lib/server/worker-ipc";

test("a database error crossing to a worker keeps what decides the 503: message, code and causes", () => {
  const gone = Object.assign(new Error("unable to open database file"), { code: "SQLITE_CANTOPEN" });
  const wrapped = new Error("Invalid `prisma.dataVersion.findUnique()` invocation", { cause: gone });
  const crossed = fromWire(JSON.parse(JSON.stringify(toWire(wrapped))) as ReturnType<typeof toWire>);
  assert.equal(crossed.message, wrapped.message);
  assert.equal((crossed.cause as Error & { code?: string }).code, "SQLITE_CANTOPEN");
  assert.equal(databaseProblem(crossed), "unreachable");
  assert.equal(databaseProblem(fromWire(toWire(new Error("no such table: DataVersion")))), "not-migrated");
  assert.equal(databaseProblem(fromWire(toWire("a plain string"))), null);
});
