// Which databases this test run covers: TEST_DATABASES, a comma-separated
// list of providers ("sqlite", "postgresql"; both when unset). The tests on
// each database (describeEachDatabase) and every PostgreSQL-only test honour
// it, and `npm test` starts no PostgreSQL cluster when it leaves PostgreSQL
// out: `TEST_DATABASES=sqlite npm test` is the run without PostgreSQL.
import { DATABASE_PROVIDERS, type DatabaseProvider } from "@/lib/database/provider";

export const TEST_DATABASES_ENV = "TEST_DATABASES";

/** What TEST_DATABASES names, or the sentence that says what is wrong with it (npm test refuses to start on it). */
export function readTestDatabases(): { databases: DatabaseProvider[]; error: string | null } {
  try {
    return { databases: selected(), error: null };
  } catch (error) {
    return { databases: [...DATABASE_PROVIDERS], error: (error as Error).message };
  }
}

function selected(): DatabaseProvider[] {
  const given = process.env[TEST_DATABASES_ENV]?.trim();
  if (!given) return [...DATABASE_PROVIDERS];
  const names = given.split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((name) => !(DATABASE_PROVIDERS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    const wrong = unknown.length > 0 ? `${unknown.join(", ")} is not one` : "it names none";
    throw new Error(`${TEST_DATABASES_ENV}=${given}: expected a comma-separated list of ${DATABASE_PROVIDERS.join(", ")}; ${wrong}`);
  }
  return DATABASE_PROVIDERS.filter((provider) => names.includes(provider));
}

/** The databases the run covers, in DATABASE_PROVIDERS order. */
export const selectedDatabases: readonly DatabaseProvider[] = readTestDatabases().databases;

/** Why tests on `provider` skip because TEST_DATABASES leaves it out, or false. */
export function deselected(provider: DatabaseProvider): string | false {
  return selectedDatabases.includes(provider) ? false : `${TEST_DATABASES_ENV}=${process.env[TEST_DATABASES_ENV] ?? ""} leaves ${provider} out`;
}
