// The direct read connection (lib/database/read-connection.ts) the search and
// the data version read through, on each database: it sees what another
// connection committed, follows DATABASE_URL, and keeps reading the database
// at its address when that database is replaced: a SQLite file restored over
// (another inode) or removed (a clear error, not the deleted file's data), a
// PostgreSQL database dropped and created again.
import assert from "node:assert/strict";
import { renameSync, rmSync } from "node:fs";
import { after, before, test } from "node:test";
import { databaseProblem } from "@/lib/database/errors";
import { readRows } from "@/lib/database/read-connection";
import { closeDb } from "@/lib/db";
import { createPostgresTestDatabase, createTestDatabase, createTestDatabaseFor, describeEachDatabase, useDatabase, type AnyTestDatabase } from "../../helpers/db";
import { postgresExec } from "../../helpers/postgres";

const readVersion = async () => (await readRows<{ version: number | string }>(`SELECT "version" FROM "DataVersion" WHERE "id" = 1`)).map((r) => Number(r.version))[0] ?? null;

describeEachDatabase("the direct read connection", { timeout: 120_000 }, (provider) => {
  let t: AnyTestDatabase;
  before(async () => {
    t = await createTestDatabaseFor(provider, "tracker_read_connection");
    await useDatabase(t);
  });
  after(async () => {
    await closeDb();
    await t.cleanup();
  });

  test("reads what another connection committed, with parameters", async () => {
    await t.db.dataVersion.upsert({ where: { id: 1 }, create: { id: 1, version: 7, changedAt: new Date() }, update: { version: 7 } });
    assert.equal(await readVersion(), 7);
    await t.db.dataVersion.update({ where: { id: 1 }, data: { version: 8 } });
    assert.equal(await readVersion(), 8);
    const placeholder = provider === "sqlite" ? "?" : "$1";
    const rows = await readRows<{ version: number }>(`SELECT "version" FROM "DataVersion" WHERE "id" = ${placeholder}`, [1]);
    assert.deepEqual(rows.map((r) => Number(r.version)), [8]);
  });

  test("follows DATABASE_URL to another database", async () => {
    const other = await createTestDatabaseFor(provider, "tracker_read_other");
    try {
      await other.db.dataVersion.create({ data: { id: 1, version: 42, changedAt: new Date() } });
      await useDatabase(other);
      assert.equal(await readVersion(), 42);
    } finally {
      await useDatabase(t);
      await other.cleanup();
    }
    assert.equal(await readVersion(), 8);
  });

  if (provider === "sqlite") {
    test("a SQLite file restored over the open one is read; a removed one is an error that says so", async () => {
      if (t.provider !== "sqlite") return;
      assert.equal(await readVersion(), 8);
      const restored = createTestDatabase("tracker-read-restored-");
      await restored.db.dataVersion.create({ data: { id: 1, version: 99, changedAt: new Date() } });
      await restored.db.$disconnect();
      renameSync(restored.file, t.file);
      rmSync(restored.dir, { recursive: true, force: true });
      assert.equal(await readVersion(), 99, "the restored file, not the one it replaced");
      rmSync(t.file);
      const error = await readVersion().then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error instanceof Error, "a removed file is an error");
      assert.equal(databaseProblem(error), "unreachable", error.message);
    });
  } else {
    test("a PostgreSQL database dropped and created again is read", async () => {
      if (t.provider !== "postgresql") return;
      assert.equal(await readVersion(), 8);
      const copy = await createPostgresTestDatabase("tracker_read_copy");
      await copy.db.dataVersion.create({ data: { id: 1, version: 77, changedAt: new Date() } });
      await copy.db.$disconnect();
      const admin = new URL(t.url);
      admin.pathname = "/postgres";
      await t.db.$disconnect();
      await postgresExec(admin.toString(), `DROP DATABASE "${t.name}" WITH (FORCE)`);
      await postgresExec(admin.toString(), `CREATE DATABASE "${t.name}" TEMPLATE "${copy.name}"`);
      await copy.cleanup();
      assert.equal(await readVersion(), 77, "the new database, through a new connection");
    });
  }
});
