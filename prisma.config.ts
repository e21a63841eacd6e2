// Prisma CLI configuration. Prisma 6.19 runs generate/migrate on its WASM
// schema engine ("js" engine) through the driver adapter, so nothing is
// downloaded at install or run time.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

const DEFAULT_DATABASE_URL = "file:./data/tracker.db";
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter() {
    const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
    const file = url.replace(/^file:/, "");
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return Promise.resolve(new PrismaBetterSQLite3({ url }));
  },
});
