// The CI check for migrations: on each database, every migration applied in
// order to an empty database gives exactly the schema (introspected with
// `prisma db pull`, then diffed against the schema file); the PostgreSQL
// schema is the one generated from the SQLite one; both databases have the
// same migrations; and no committed migration was edited.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { checkMigrationFiles, diffDatabaseAgainstSchema, editedMigrations, migrationNames } from "@/lib/database/migrations";
import { createTestDatabaseFor, describeEachDatabase } from "../../helpers/db";
import { PROJECT_ROOT } from "../../helpers/fixtures";

test("the PostgreSQL schema is generated from the SQLite one, and both databases have the same migrations", () => {
  assert.deepEqual(checkMigrationFiles(PROJECT_ROOT), []);
  assert.ok(migrationNames("sqlite", PROJECT_ROOT).length > 0);
});

test("no committed migration was edited (write a new one instead)", (t) => {
  const edited = editedMigrations(PROJECT_ROOT);
  if (edited === null) return t.skip("not a git checkout");
  assert.deepEqual(edited, []);
});

describeEachDatabase("the migrations give exactly the schema", { timeout: 180_000 }, (provider) => {
  test("an empty database migrated in order matches prisma's schema", async () => {
    const database = await createTestDatabaseFor(provider, "tracker_migrations");
    try {
      const diff = diffDatabaseAgainstSchema(provider, database.url, path.join(database.dir, "pulled.prisma"), PROJECT_ROOT);
      assert.equal(diff, "", `the migrations do not match the schema; a new migration needs:\n${diff}`);
    } finally {
      await database.cleanup();
    }
  });
});
