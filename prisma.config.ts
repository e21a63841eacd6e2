// Prisma CLI configuration. Prisma 6.19 runs generate/migrate on its WASM
// schema engine ("js" engine) through a driver adapter, so nothing is
// downloaded at install or run time. DATABASE_URL picks the database: a
// file: URL is SQLite (prisma/schema.prisma, prisma/migrations), a
// postgresql:// URL is PostgreSQL (prisma/postgresql/, generated from the
// SQLite schema by `npm run db:schema`).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { postgresqlAdapter } from "./lib/database/postgresql-adapter";
import { migrationsPath, providerOf, schemaPath } from "./lib/database/provider";

const DEFAULT_DATABASE_URL = "file:./data/tracker.db";
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
const url = process.env.DATABASE_URL;
const provider = providerOf(url);
if (!provider) throw new Error(`DATABASE_URL must be a file: (SQLite) or postgresql:// URL, not ${url}`);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: schemaPath(provider),
  migrations: { path: migrationsPath(provider) },
  adapter() {
    return Promise.resolve(provider === "postgresql" ? postgresqlAdapter(url, { max: 2 }) : sqliteAdapter());
  },
});

function sqliteAdapter() {
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new PrismaBetterSQLite3({ url });
}
