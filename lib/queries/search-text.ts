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
// replace() over the same texts. Each word is looked up alone: a query of
// several words intersects its words' lists. A word's bulletins (its
// postings, lib/queries/search-postings.ts) are kept across syncs and
// patched with the bulletins a sync changed; its advisories are kept for the
// data version (keptForDataEach, bounded). Every query here goes through the
// direct read connection (lib/database/read-connection.ts): a new search is
// a miss, and Prisma's cost per query was most of its own.
import { readProvider, readRows } from "@/lib/database/read-connection";
import { keptForDataEach } from "./data-memo";
import { bulletinPostings, ftsQuery, KEPT_ROWS, trigramPatterns, type BulletinPosting } from "./search-postings";

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

/** An advisory whose title has a word. */
interface TitleRow {
  number: number;
  title: string | null;
  date: string | null;
}

/** Advisories with every (lower-case) word in their title, by number: each word's advisories (kept for the data), intersected. */
export async function searchAdvisoryTitles(words: string[]): Promise<TitleRow[]> {
  return intersect(await keptForDataEach("search-advisory-titles", words, readAdvisoryTitles, (rows) => rows.length, KEPT_ROWS));
}

/** The advisories with one word in their title, by number: on SQLite through the FTS5 index and the database's lower(), on PostgreSQL through pg_trgm and JavaScript's. */
async function readAdvisoryTitles(word: string): Promise<TitleRow[]> {
  if (readProvider() !== "sqlite") {
    const patterns = trigramPatterns([word]);
    const rows = await readRows<TitleRow>(
      `SELECT "number", "title", "date" FROM "Advisory" WHERE "title" IS NOT NULL${patterns.map((_, i) => ` AND lower("title") LIKE $${i + 1}`).join("")} ORDER BY "number"`,
      patterns,
    );
    return rows.filter((a) => (a.title ?? "").toLowerCase().includes(word));
  }
  const match = ftsQuery([word]);
  const sql = `
    SELECT a."number", a."title", a."date" FROM "Advisory" a
    WHERE a."title" IS NOT NULL AND ${match ? `a."number" IN (SELECT rowid FROM "AdvisorySearch" WHERE "AdvisorySearch" MATCH ?) AND ` : ""}instr(lower(a."title"), ?) > 0
    ORDER BY a."number"`;
  const rows = await readRows<{ number: number | bigint; title: string | null; date: string | null }>(sql, match ? [match, word] : [word]);
  return rows.map((r) => ({ number: Number(r.number), title: r.title, date: r.date }));
}

/** The rows (by number) that every word's rows hold, in number order, each with every word's own row. */
function intersectEach<T extends { number: number }>(perWord: T[][]): { first: T; all: T[] }[] {
  const [first, ...rest] = perWord;
  if (!first) return [];
  const others = rest.map((rows) => new Map(rows.map((r) => [r.number, r])));
  const out: { first: T; all: T[] }[] = [];
  for (const row of first) {
    const all = [row];
    for (const other of others) {
      const found = other.get(row.number);
      if (!found) break;
      all.push(found);
    }
    if (all.length === perWord.length) out.push({ first: row, all });
  }
  return out;
}

function intersect<T extends { number: number }>(perWord: T[][]): T[] {
  return intersectEach(perWord).map((r) => r.first);
}

/**
 * Bulletins with every (lower-case) word in their title or text, by number:
 * each word's bulletins (its postings, kept across syncs and patched),
 * intersected; the excerpt is the one around the first match of any word.
 */
export async function searchBulletinText(words: string[]): Promise<TextHit[]> {
  const perWord = await bulletinPostings(words);
  return intersectEach(perWord).map(({ first, all }) => {
    const firstMatch = all.reduce<BulletinPosting | null>((best, p) => (p.at >= 0 && (best === null || p.at < best.at) ? p : best), null);
    return {
      number: first.number,
      title: first.title,
      date: first.date,
      inTitle: all.filter((p) => p.inTitle).length,
      occurrences: all.reduce((n, p) => n + p.occurrences, 0),
      excerpt: () => firstMatch?.excerpt ?? null,
    };
  });
}
