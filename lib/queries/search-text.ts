// Free-text search through an index: on SQLite the FTS5 trigram index
// (migration *_search_index) finds the rows holding every word of 3 or more
// characters (as a substring, in any case); on PostgreSQL a pg_trgm index
// (migration *_search_trigram) finds them (LIKE '%word%' on the lower-cased
// title and text, for each word of 3 or more ASCII characters). JavaScript
// then checks every word (shorter ones too) and counts its occurrences for
// the ranking, on both databases alike, so the results and their order are
// those of the scan this replaced: every word in the title or the text,
// title hits first, then by occurrences (up to 50 a word). Counting in
// JavaScript costs a third to a fifth of SQLite's lower(), instr() and
// replace() over the same texts. Every query here goes through the direct
// read connection (lib/database/read-connection.ts): a new search is a miss,
// and Prisma's cost per query was most of its own.
import { readProvider, readRows } from "@/lib/database/read-connection";

export interface TextHit {
  number: number;
  title: string | null;
  date: string | null;
  /** How many of the words are in the title. */
  inTitle: number;
  /** Sum over the words of min(occurrences in the text, 50). */
  occurrences: number;
  /** The excerpt around the first match, "…" marking a cut (null: no word in the text); made when asked, for the results kept only. */
  excerpt: () => string | null;
}

/** An FTS5 query: every word as a quoted phrase (a substring, for the trigram tokenizer). */
export function ftsQuery(words: string[]): string | null {
  const indexed = words.filter((w) => [...w].length >= 3);
  return indexed.length ? indexed.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ") : null;
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

/**
 * The candidate bulletins: on SQLite those the FTS5 index finds with every
 * word of 3 or more characters; on PostgreSQL those whose lower-cased title
 * and text hold every pattern (through "Bulletin_search_trgm"); every
 * bulletin when no word can be looked up.
 */
async function bulletinCandidates(words: string[]): Promise<{ number: number; title: string | null; date: string | null; rawText: string }[]> {
  if (readProvider() === "sqlite") {
    const match = ftsQuery(words);
    return readRows(
      `SELECT b."number", b."title", b."date", b."rawText" FROM "Bulletin" b${match ? ` WHERE b."number" IN (SELECT rowid FROM "BulletinSearch" WHERE "BulletinSearch" MATCH ?)` : ""} ORDER BY b."number"`,
      match ? [match] : [],
    );
  }
  const patterns = trigramPatterns(words);
  const where = patterns.map((_, i) => `lower(coalesce("title", '') || ' ' || "rawText") LIKE $${i + 1}`).join(" AND ");
  return readRows(`SELECT "number", "title", "date", "rawText" FROM "Bulletin"${where ? ` WHERE ${where}` : ""} ORDER BY "number"`, patterns);
}

/** Occurrences of a word, not overlapping, counted up to `cap`. */
function countUpTo(text: string, word: string, cap: number): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0 && n < cap; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** Bulletins with every (lower-case) word in their title or text, by number: the candidates checked and counted in JavaScript. */
export async function searchBulletinText(words: string[]): Promise<TextHit[]> {
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
      occurrences: words.reduce((n, w) => n + countUpTo(body, w, 50), 0),
      excerpt: () => (Number.isFinite(at) ? `${start > 0 ? "…" : ""}${b.rawText.slice(start, end).replace(/\s+/g, " ").trim()}${end < b.rawText.length ? "…" : ""}` : null),
    });
  }
  return hits;
}
