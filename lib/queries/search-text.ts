// Free-text search through the FTS5 index (migration *_search_index): the
// trigram index finds the rows holding every word of 3 or more characters
// (as a substring, in any case); SQLite then checks every word (shorter
// ones too) and counts its occurrences for the ranking, so the results and
// their order are those of the scan this replaced: every word in the title
// or the text, title hits first, then by occurrences (up to 50 a word).
// PostgreSQL has no FTS5: there a pg_trgm index (migration *_search_trigram)
// finds the candidate rows (LIKE '%word%' on the lower-cased title and text,
// for each word of 3 or more ASCII characters), and JavaScript checks every
// word and ranks them (the scan, with the same results). Every query here
// goes through the direct read connection (lib/database/read-connection.ts):
// a new search is a miss, and Prisma's cost per query was most of its own.
import { readProvider, readRows } from "@/lib/database/read-connection";

export interface TextHit {
  number: number;
  title: string | null;
  date: string | null;
  /** How many of the words are in the title. */
  inTitle: number;
  /** Sum over the words of min(occurrences in the text, 50). */
  occurrences: number;
  snippet: string | null;
}

type Row = { number: number | bigint; title: string | null; date: string | null; inTitle: number | bigint; occurrences: number | bigint; start: number | bigint | null; end: number | bigint | null; length: number | bigint; excerpt: string | null };

/** An FTS5 query: every word as a quoted phrase (a substring, for the trigram tokenizer). */
export function ftsQuery(words: string[]): string | null {
  const indexed = words.filter((w) => [...w].length >= 3);
  return indexed.length ? indexed.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ") : null;
}

/** Bulletins with every (lower-case) word in their title or text, by number. */
export async function searchBulletinText(words: string[]): Promise<TextHit[]> {
  if (readProvider() !== "sqlite") return scanBulletinText(words);
  const match = ftsQuery(words);
  const params: unknown[] = [];
  // Anonymous parameters: each fragment pushes its values as the SQL text is written, left to right.
  const p = (value: unknown) => {
    params.push(value);
    return "?";
  };
  // The lower-cased title and text are computed once a row ("lt", "lti", in a
  // materialized CTE), not once a word and a use: that was most of the cost.
  const inTitle = () => words.map((w) => `(instr("lti", ${p(w)}) > 0)`).join(" + ");
  const occurrences = () => words.map((w) => `min(50, (length("lt") - length(replace("lt", ${p(w)}, ''))) / length(${p(w)}))`).join(" + ");
  // The first place any word occurs (0-based), for the snippet; 1e18 where none does.
  const at = () => `min(${words.map((w) => `coalesce(nullif(instr("lt", ${p(w)}), 0) - 1, 1e18)`).join(", ")}, 1e18)`;
  const every = () => words.map((w) => `(instr("lti", ${p(w)}) > 0 OR instr("lt", ${p(w)}) > 0)`).join(" AND ");
  const sql = `
    WITH "candidate" AS MATERIALIZED (
      SELECT b."number", b."title", b."date", b."rawText", lower(coalesce(b."title", '')) AS "lti", lower(b."rawText") AS "lt"
      FROM "Bulletin" b
      ${match ? `WHERE b."number" IN (SELECT rowid FROM "BulletinSearch" WHERE "BulletinSearch" MATCH ${p(match)})` : ""}
    ), "hit" AS MATERIALIZED (
      SELECT "number", "title", "date", "rawText", ${inTitle()} AS "inTitle", ${occurrences()} AS "occurrences", ${at()} AS "at", length("rawText") AS "length"
      FROM "candidate"
      WHERE ${every()}
    )
    SELECT "number", "title", "date", "inTitle", "occurrences", "length",
           CASE WHEN "at" >= 1e18 THEN NULL ELSE max(0, "at" - 80) END AS "start",
           CASE WHEN "at" >= 1e18 THEN NULL ELSE min("length", "at" + 120) END AS "end",
           CASE WHEN "at" >= 1e18 THEN NULL ELSE substr("rawText", max(0, "at" - 80) + 1, min("length", "at" + 120) - max(0, "at" - 80)) END AS "excerpt"
    FROM "hit"
    ORDER BY "number"`;
  const rows = await readRows<Row>(sql, params);
  return rows.map((r) => {
    const start = r.start === null ? null : Number(r.start);
    const end = Number(r.end ?? 0);
    return {
      number: Number(r.number),
      title: r.title,
      date: r.date,
      inTitle: Number(r.inTitle),
      occurrences: Number(r.occurrences),
      snippet: start === null ? null : `${start > 0 ? "…" : ""}${(r.excerpt ?? "").replace(/\s+/g, " ").trim()}${end < Number(r.length) ? "…" : ""}`,
    };
  });
}

/** Advisories with every (lower-case) word in their title, by number. */
export async function searchAdvisoryTitles(words: string[]): Promise<{ number: number; title: string | null; date: string | null }[]> {
  if (readProvider() !== "sqlite") {
    const patterns = trigramPatterns(words);
    const rows = await readRows<{ number: number; title: string | null; date: string | null }>(
      `SELECT "number", "title", "date" FROM "Advisory" WHERE "title" IS NOT NULL${patterns.map((_, i) => ` AND lower("title") LIKE $${i + 1}`).join("")} ORDER BY "number"`,
      patterns,
    );
    return rows.filter((a) => words.every((w) => (a.title ?? "").toLowerCase().includes(w)));
  }
  const match = ftsQuery(words);
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return "?";
  };
  const every = () => words.map((w) => `instr(lower(a."title"), ${p(w)}) > 0`).join(" AND ");
  const sql = `
    SELECT a."number", a."title", a."date" FROM "Advisory" a
    WHERE a."title" IS NOT NULL AND ${match ? `a."number" IN (SELECT rowid FROM "AdvisorySearch" WHERE "AdvisorySearch" MATCH ${p(match)}) AND ` : ""}${every()}
    ORDER BY a."number"`;
  const rows = await readRows<{ number: number | bigint; title: string | null; date: string | null }>(sql, params);
  return rows.map((r) => ({ number: Number(r.number), title: r.title, date: r.date }));
}

/**
 * LIKE patterns for the PostgreSQL trigram index: each word of 3 or more
 * characters, ASCII only (the database's lower() may leave other letters as
 * they are, where JavaScript's lowers them: such a word is checked in
 * JavaScript alone, never used to leave a row out).
 */
export function trigramPatterns(words: string[]): string[] {
  return words.filter((w) => w.length >= 3 && /^[\x20-\x7e]+$/.test(w)).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** Bulletins whose lower-cased title and text hold every pattern (through "Bulletin_search_trgm"); every bulletin when there is none. */
async function bulletinCandidates(words: string[]): Promise<{ number: number; title: string | null; date: string | null; rawText: string }[]> {
  const patterns = trigramPatterns(words);
  const where = patterns.map((_, i) => `lower(coalesce("title", '') || ' ' || "rawText") LIKE $${i + 1}`).join(" AND ");
  return readRows(`SELECT "number", "title", "date", "rawText" FROM "Bulletin"${where ? ` WHERE ${where}` : ""} ORDER BY "number"`, patterns);
}

async function scanBulletinText(words: string[]): Promise<TextHit[]> {
  const rows = await bulletinCandidates(words);
  const hits: TextHit[] = [];
  for (const b of rows) {
    const title = (b.title ?? "").toLowerCase();
    const body = b.rawText.toLowerCase();
    if (!words.every((w) => title.includes(w) || body.includes(w))) continue;
    const at = Math.min(...words.map((w) => body.indexOf(w)).filter((i) => i >= 0));
    const start = Math.max(0, at - 80);
    const end = Math.min(b.rawText.length, at + 120);
    hits.push({
      number: b.number,
      title: b.title,
      date: b.date,
      inTitle: words.filter((w) => title.includes(w)).length,
      occurrences: words.reduce((n, w) => n + Math.min(50, body.split(w).length - 1), 0),
      snippet: Number.isFinite(at) ? `${start > 0 ? "…" : ""}${b.rawText.slice(start, end).replace(/\s+/g, " ").trim()}${end < b.rawText.length ? "…" : ""}` : null,
    });
  }
  return hits;
}
