// `postinstall`: generates both Prisma clients (lib/generated/prisma for
// SQLite, lib/generated/prisma-postgresql for PostgreSQL), offline, whatever
// DATABASE_URL says: Prisma's config picks the schema from that URL.
import path from "node:path";
import { OFFLINE_URLS, prisma } from "../lib/database/migrations";
import { DATABASE_PROVIDERS } from "../lib/database/provider";

const root = path.resolve(import.meta.dirname, "..");
for (const provider of DATABASE_PROVIDERS) {
  const run = prisma(["generate"], OFFLINE_URLS[provider], root);
  if (run.status !== 0) {
    console.error(`prisma generate (${provider}) failed:\n${run.stderr}${run.stdout}`);
    process.exit(1);
  }
  console.log(`generated the ${provider} client`);
}
