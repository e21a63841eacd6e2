// The distinct years of a table's ISO `date` column, found by
// the database: one row a year however many rows the table holds (works on
// SQLite and PostgreSQL alike).
import { getDb } from "@/lib/db";

type DatedTable = "Bulletin" | "Advisory";

export async function distinctYears(table: DatedTable): Promise<number[]> {
  const rows = await getDb().$queryRawUnsafe<{ year: string | null }[]>(`SELECT DISTINCT substr("date", 1, 4) AS "year" FROM "${table}" WHERE "date" IS NOT NULL`);
  return [...new Set(rows.map((r) => Number(r.year)).filter((y) => y > 0))].sort((a, b) => b - a);
}
