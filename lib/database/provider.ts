// Which database a DATABASE_URL names, and where its schema and migrations
// live. SQLite (file:) is the default; postgresql:// (or postgres://) selects
// PostgreSQL. Plain Node: read by prisma.config.ts, lib/db.ts and the scripts.
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export const DATABASE_PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgresql"];

/** The provider a URL selects, or null for a URL of neither kind. */
export function providerOf(url: string): DatabaseProvider | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  return null;
}

/**
 * prisma/schema.prisma is the one schema people edit (SQLite);
 * prisma/postgresql/schema.prisma is generated from it by `npm run db:schema`.
 */
export function schemaPath(provider: DatabaseProvider, root = "."): string {
  return provider === "sqlite"
    ? path.join(root, "prisma", "schema.prisma")
    : path.join(root, "prisma", "postgresql", "schema.prisma");
}

export function migrationsPath(provider: DatabaseProvider, root = "."): string {
  return provider === "sqlite"
    ? path.join(root, "prisma", "migrations")
    : path.join(root, "prisma", "postgresql", "migrations");
}

const GENERATED_NOTICE =
  "// GENERATED from prisma/schema.prisma by `npm run db:schema`: do not edit.\n" +
  "// The same data model for PostgreSQL; its client is lib/generated/prisma-postgresql.\n\n";

/** The PostgreSQL schema derived from the SQLite one: same models, other provider and client folder. */
export function postgresqlSchema(sqliteSchema: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/lib\/generated\/prisma"/;
  if (!provider.test(sqliteSchema)) throw new Error('prisma/schema.prisma: no `provider = "sqlite"` in its datasource block');
  if (!output.test(sqliteSchema)) throw new Error('prisma/schema.prisma: no `output = "../lib/generated/prisma"` in its generator block');
  return GENERATED_NOTICE + sqliteSchema.replace(provider, '$1"postgresql"').replace(output, '$1"../../lib/generated/prisma-postgresql"');
}
