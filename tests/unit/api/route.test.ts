// The route handlers' one wrapper: an unexpected error is the JSON envelope.
import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { route } from "@/lib/api/route";
import { logOutput } from "@/lib/log";

async function envelope(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe("route wrapper", () => {
  const lines: string[] = [];
  const write = logOutput.write;
  test.before(() => {
    logOutput.write = (_level, line) => void lines.push(line);
  });
  test.after(() => {
    logOutput.write = write;
  });

  test("an unexpected error: 500, the envelope, no stack; one log line naming the path", async () => {
    const GET = route(async (_request: Request) => Promise.reject(new Error("boom\n    at secret (/app/lib/x.ts:1:1)")));
    const response = await GET(new Request("http://localhost/api/qsb/54"));
    assert.match(String(response.headers.get("content-type")), /^application\/json/);
    const body = await envelope(response);
    assert.deepEqual(body, { status: 500, code: "internal", message: "the server could not answer this request; the error is in its log" });
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? "", /route\.error path=\/api\/qsb\/54 .*error=boom$/);
  });

  test("a database that cannot be reached or is not migrated: 503 saying so, with Retry-After", async () => {
    const cases: [Error, RegExp][] = [
      [Object.assign(new Error("unable to open database file"), { code: "SQLITE_CANTOPEN" }), /cannot be reached/],
      [new Error("connect ECONNREFUSED 127.0.0.1:5432"), /cannot be reached/],
      [new Error("Invalid `prisma.bulletin.findMany()` invocation: The table `main.Bulletin` does not exist in the current database."), /not set up yet \(run npm run migrate/],
      [new Error("wrapped", { cause: new Error("no such table: SyncRun") }), /not set up yet/],
    ];
    for (const [error, message] of cases) {
      const response = await route(async (_request: Request) => Promise.reject(error))(new Request("http://localhost/feed.xml"));
      assert.equal(response.headers.get("retry-after"), "30");
      const body = await envelope(response);
      assert.equal(body.status, 503);
      assert.equal(body.code, "unavailable");
      assert.match(body.message, message);
    }
  });

  test("an answer passes through untouched", async () => {
    const response = await route(async (_request: Request) => Promise.resolve(new Response("ok", { status: 201 })))(new Request("http://localhost/"));
    assert.equal(response.status, 201);
    assert.equal(await response.text(), "ok");
  });
});
