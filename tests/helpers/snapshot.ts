// Every row of every data table, read through the database itself (SQLite:
// its file, read-only; PostgreSQL: one read-only snapshot transaction), for
// "the database is as it was" checks. The same tables and columns are left
// out on both: run bookkeeping (the data version, the run records, when the
// support page was read) and surrogate ids, which a rebuild may number
// differently. A snapshot compares with another of the same database only.
import Database from "better-sqlite3";
import pg from "pg";
import type { AnyTestDatabase } from "./db";

/** Run bookkeeping, never data: the data version moves with every sync that writes, or newly fails. */
const BOOKKEEPING_TABLES = ["DataVersion"];
/** Bookkeeping columns of data tables: when the support page was read moves with every sync that writes. */
const BOOKKEEPING_COLUMNS: Record<string, string[]> = { Release: ["supportSyncedAt"] };

type Rows = Record<string, unknown>[];

/** Tables in name order, each with its rows, as one string: rows without their id and bookkeeping columns, sorted. */
function serialize(tables: [name: string, rows: Rows][]): string {
  return JSON.stringify(
    tables.map(([name, rows]) => [
      name,
      rows
        .map(({ id: _id, ...row }) => {
          for (const column of BOOKKEEPING_COLUMNS[name] ?? []) delete row[column];
          return JSON.stringify(row);
        })
        .sort(),
    ]),
  );
}

const kept = (except: string[]) => (name: string) => !except.includes(name) && !BOOKKEEPING_TABLES.includes(name);

/** The SQLite database file's data tables (its full-text index tables follow the data tables by trigger, and are left out). */
export function snapshotTables(file: string, except: string[] = ["SyncRun"]): string {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name").all() as { name: string }[])
      .map((t) => t.name)
      .filter(kept(except));
    // A full-text index (FTS5 virtual table) and its shadow tables.
    const virtual = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map((t) => t.name);
    const indexed = (name: string) => virtual.some((v) => name === v || name.startsWith(`${v}_`));
    return serialize(tables.filter((name) => !indexed(name)).map((name) => [name, sqlite.prepare(`SELECT * FROM "${name}"`).all() as Rows]));
  } finally {
    sqlite.close();
  }
}

/** The PostgreSQL database's data tables (of its current schema), all read in one snapshot: what any other connection sees as committed. */
export async function snapshotPostgres(url: string, except: string[] = ["SyncRun"]): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const listed = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_prisma%' ORDER BY tablename COLLATE \"C\"",
    );
    const tables: [string, Rows][] = [];
    for (const { name } of listed.rows.filter((t) => kept(except)(t.name))) tables.push([name, (await client.query(`SELECT * FROM "${name}"`)).rows as Rows]);
    await client.query("COMMIT");
    return serialize(tables);
  } finally {
    await client.end();
  }
}

/** The test database's data tables, on either database. */
export function snapshotDatabase(t: AnyTestDatabase, except: string[] = ["SyncRun"]): Promise<string> {
  return t.file ? Promise.resolve(snapshotTables(t.file, except)) : snapshotPostgres(t.url, except);
}
