// The PostgreSQL driver adapter: @prisma/adapter-pg 6.19 (the version of
// @prisma/client) over a pg pool whose clients report the catalog types
// `name` (oid 19) and `"char"` (oid 18) as text. The 6.19 adapter cannot map
// either, and Prisma's schema engine reads both when it migrates or
// introspects; pg already hands their values over as strings, so only the
// reported type changes. Application tables use neither type.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const CATALOG_TEXT_TYPES = new Set([18, 19]);
const TEXT_OID = 25;

function asText<T>(result: T): T {
  for (const item of Array.isArray(result) ? (result as unknown[]) : [result]) {
    const fields = (item as { fields?: { dataTypeID: number }[] } | null)?.fields;
    for (const field of fields ?? []) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogTextClient extends pg.Client {
  // pg's query has many overloads (promise, callback, submittable); each result passes through asText.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: Error | null, result?: unknown) => void;
      args[args.length - 1] = (error: Error | null, result?: unknown) => callback(error, error ? result : asText(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned && typeof (returned as Promise<unknown>).then === "function" && typeof last !== "function") {
      return (returned as Promise<unknown>).then(asText) as never;
    }
    return returned as never;
  }
}

export interface PostgresqlAdapterOptions {
  /** Connections in this process's pool. */
  max?: number;
}

export function postgresqlAdapter(connectionString: string, options: PostgresqlAdapterOptions = {}): PrismaPg {
  const pool = new pg.Pool({ connectionString, Client: CatalogTextClient, max: options.max ?? 10, idleTimeoutMillis: 1_000, allowExitOnIdle: true });
  return new PrismaPg(pool, { disposeExternalPool: true });
}
