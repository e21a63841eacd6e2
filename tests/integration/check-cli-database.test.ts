// `npm run check` when the database cannot answer: one sentence that names
// DATABASE_URL and what to do, exit code 2, never a stack trace. Before, a
// never-synced database printed Prisma's PrismaClientKnownRequestError with
// its stack.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { PROJECT_ROOT } from "../helpers/fixtures";

const dir = mkdtempSync(path.join(os.tmpdir(), "check-cli-db-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const list = readFileSync(path.join(PROJECT_ROOT, "tests", "fixtures", "check", "qubes-4.1-fixed.rpm-qa.txt"), "utf8");

function check(databaseUrl: string, args: string[] = ["--release", "4.1"]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/check.ts", ...args], {
    cwd: PROJECT_ROOT,
    input: list,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("a database that was never synced: exit 2 and a sentence saying to run npm run sync", () => {
  const url = `file:${path.join(dir, "never-synced.db")}`;
  const r = check(url);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^check: the check could not be answered: the database at DATABASE_URL=file:.*never-synced\.db is missing tables/);
  assert.match(r.stderr, /run `npm run sync` first/);
  assert.doesNotMatch(r.stderr, /\n\s+at |PrismaClientKnownRequestError/, "no stack trace");
  assert.equal(r.stderr.trim().split("\n").length, 1, "one line");
});

test("--json gives the same sentence in the error envelope", () => {
  const r = check(`file:${path.join(dir, "never-synced-json.db")}`, ["--release", "4.1", "--json"]);
  assert.equal(r.code, 2);
  const body = JSON.parse(r.stdout) as { error: { code: string; message: string } };
  assert.equal(body.error.code, "unavailable");
  assert.match(body.error.message, /missing tables.*npm run sync/);
});

test("an unreachable PostgreSQL server: exit 2, says it cannot be reached, and hides the password", () => {
  const r = check("postgresql://tracker:secret@127.0.0.1:1/tracker");
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot be reached or opened/);
  assert.doesNotMatch(r.stderr, /secret/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
});
