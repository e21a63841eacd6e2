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
// replace() over the same texts. Each word is looked up alone, and what it
// finds (its postings: the bulletins and advisories with it, counted, with
// the excerpt around its first match) is kept for the data version
// (keptForDataEach, bounded): a query of several words intersects its words'
// postings, and a word asked for again costs no read. Every query here goes through the direct
// read connection (lib/database/read-connection.ts): a new search is a miss,
// and Prisma's cost per query was most of its own.
import { readProvider, readRows } from "@/lib/database/read-connection";
import { keptForDataEach } from "./data-memo";

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
 * LIKE patterns for the PostgreSQL trigram index: each word of 3 or more
 * characters, ASCII only (the database's lower() may leave other letters as
 * they are, where JavaScript's lowers them: such a word is checked in
 * JavaScript alone, never used to leave a row out).
 */
export function trigramPatterns(words: string[]): string[] {
  return words.filter((w) => w.length >= 3 && /^[\x20-\x7e]+$/.test(w)).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/**
 * The candidate bulletins for one word: on SQLite those the FTS5 index
 * finds (a word of 3 or more characters); on PostgreSQL those whose
 * lower-cased title and text hold its pattern (through
 * "Bulletin_search_trgm"); every bulletin when it cannot be looked up.
 */
async function bulletinCandidates(word: string): Promise<{ number: number; title: string | null; date: string | null; rawText: string }[]> {
  if (readProvider() === "sqlite") {
    const match = ftsQuery([word]);
    return readRows(
      `SELECT b."number", b."title", b."date", b."rawText" FROM "Bulletin" b${match ? ` WHERE b."number" IN (SELECT rowid FROM "BulletinSearch" WHERE "BulletinSearch" MATCH ?)` : ""} ORDER BY b."number"`,
      match ? [match] : [],
    );
  }
  const patterns = trigramPatterns([word]);
  const where = patterns.map((_, i) => `lower(coalesce("title", '') || ' ' || "rawText") LIKE $${i + 1}`).join(" AND ");
  return readRows(`SELECT "number", "title", "date", "rawText" FROM "Bulletin"${where ? ` WHERE ${where}` : ""} ORDER BY "number"`, patterns);
}

/** Occurrences of a word, not overlapping, counted up to `cap`. */
function countUpTo(text: string, word: string, cap: number): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0 && n < cap; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** A bulletin with one word in its title or text: what the ranking and the snippet need of it. */
interface BulletinPosting {
  number: number;
  title: string | null;
  date: string | null;
  inTitle: boolean;
  /** Where the word first is in the lower-cased text (-1: only in the title). */
  at: number;
  /** Its occurrences in the text, up to 50. */
  occurrences: number;
  /** The text around `at`, "…" marking a cut (null: not in the text). */
  excerpt: string | null;
}

/**
 * The rows kept for the search words of one data version (keptForDataEach),
 * all words together: a row is about 300 bytes (the excerpt most of it), so
 * the words' postings take some 30 MB at most in each process that searches.
 * The 300 words of the benchmark's unique searches hold some 10,000 at 1x.
 */
const KEPT_ROWS = 100_000;

/** The bulletins with one word in their title or text, by number, counted once per data version. */
async function readBulletinPostings(word: string): Promise<BulletinPosting[]> {
  const postings: BulletinPosting[] = [];
  for (const b of await bulletinCandidates(word)) {
    const title = (b.title ?? "").toLowerCase();
    const body = b.rawText.toLowerCase();
    const inTitle = title.includes(word);
    const at = body.indexOf(word);
    if (!inTitle && at < 0) continue;
    const start = Math.max(0, at - 80);
    const end = Math.min(b.rawText.length, at + 120);
    postings.push({
      number: b.number,
      title: b.title,
      date: b.date,
      inTitle,
      at,
      occurrences: countUpTo(body, word, 50),
      excerpt: at >= 0 ? `${start > 0 ? "…" : ""}${b.rawText.slice(start, end).replace(/\s+/g, " ").trim()}${end < b.rawText.length ? "…" : ""}` : null,
    });
  }
  return postings;
}

/**
 * Bulletins with every (lower-case) word in their title or text, by number:
 * each word's bulletins (its postings, counted once per data version),
 * intersected; the excerpt is the one around the first match of any word.
 */
export async function searchBulletinText(words: string[]): Promise<TextHit[]> {
  const perWord = await keptForDataEach("search-bulletin-postings", words, readBulletinPostings, (postings) => postings.length, KEPT_ROWS);
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
