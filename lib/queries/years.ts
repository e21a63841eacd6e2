// Years of a table's ISO `date` column (the distinct years, the rows per year), counted by
// the database: one row a year however many rows the table holds (works on
// SQLite and PostgreSQL alike).
import { getDb } from "@/lib/db";

type DatedTable = "Bulletin" | "Advisory";

export async function distinctYears(table: DatedTable): Promise<number[]> {
  const rows = await getDb().$queryRawUnsafe<{ year: string | null }[]>(`SELECT DISTINCT substr("date", 1, 4) AS "year" FROM "${table}" WHERE "date" IS NOT NULL`);
  return [...new Set(rows.map((r) => Number(r.year)).filter((y) => y > 0))].sort((a, b) => b - a);
}

/** How many rows a year, by the same ISO `date` column, oldest first. */
export async function countsPerYear(table: DatedTable): Promise<{ year: number; count: number }[]> {
  const rows = await getDb().$queryRawUnsafe<{ year: string | null; count: number | bigint }[]>(
    `SELECT substr("date", 1, 4) AS "year", COUNT(*) AS "count" FROM "${table}" WHERE "date" IS NOT NULL GROUP BY substr("date", 1, 4)`,
  );
  return rows
    .map((r) => ({ year: Number(r.year), count: Number(r.count) }))
    .filter((r) => r.year > 0)
    .sort((a, b) => a.year - b.year);
}
