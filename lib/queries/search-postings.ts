// Each search word's bulletins (its postings: whether the word is in the
// title, where it first is in the text, how often, the excerpt around it),
// kept across syncs and patched with what a sync changed, not read again
// for every word after each: a posting is a pure function of the word and of
// one bulletin's number, title, date and text, so once the data version moves
// on, the bulletins whose stamp (the file's sha256, updatedAt, title, date)
// changed, came or went are read (one statement) and each kept word's
// postings patched with them. A sync that changed no bulletin (a tracker's
// new XSA, say) keeps every word's postings; the first search after it costs
// what it cost before, at any number of bulletins. Every read carries the
// data version in the same statement (one snapshot): what was read at
// another version than the kept state's is answered but not kept. Reads go
// through the direct read connection (lib/database/read-connection.ts).
import { readProvider, readRows } from "@/lib/database/read-connection";
import { carriedState, readDataKey } from "./data-memo";

/** A bulletin with one word in its title or text: what the ranking and the snippet need of it. */
export interface BulletinPosting {
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

interface BulletinText {
  number: number;
  title: string | null;
  date: string | null;
  rawText: string;
}

/**
 * The rows kept for the search words, all words together: a row is about
 * 300 bytes (the excerpt most of it), so the words' postings take some 30 MB
 * at most in each process that searches. The 300 words of the benchmark's
 * unique searches hold some 10,000 at 1x.
 */
export const KEPT_ROWS = 100_000;

/**
 * At most this many characters of changed text times kept words are
 * patched after a sync (each kept word looked for in each changed text):
 * past it the words start again empty, as after a sync that changed most
 * bulletins. A new bulletin (some 15,000 characters) patches 3,000 words.
 */
const PATCH_BUDGET = 50_000_000;

/** Occurrences of a word, not overlapping, counted up to `cap`. */
function countUpTo(text: string, word: string, cap: number): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0 && n < cap; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** One bulletin's posting for one (lower-case) word, or null when the word is in neither its title nor its text. */
function postingOf(word: string, b: BulletinText, lowerText = b.rawText.toLowerCase()): BulletinPosting | null {
  const inTitle = (b.title ?? "").toLowerCase().includes(word);
  const at = lowerText.indexOf(word);
  if (!inTitle && at < 0) return null;
  const start = Math.max(0, at - 80);
  const end = Math.min(b.rawText.length, at + 120);
  return {
    number: b.number,
    title: b.title,
    date: b.date,
    inTitle,
    at,
    occurrences: countUpTo(lowerText, word, 50),
    excerpt: at >= 0 ? `${start > 0 ? "…" : ""}${b.rawText.slice(start, end).replace(/\s+/g, " ").trim()}${end < b.rawText.length ? "…" : ""}` : null,
  };
}

interface Versioned {
  v: number | string | null;
  number: number | string | null;
}

/**
 * The rows of one statement (`select`, whose columns are `number` and then
 * `columns`) and the data version they are of: a first row carries the
 * version, the others have it null (one statement, one snapshot).
 */
async function versionedRows<T extends Versioned>(columns: string[], select: string, params: readonly unknown[] = []): Promise<{ version: string; rows: T[] }> {
  const head = `SELECT (SELECT "version" FROM "DataVersion" WHERE "id" = 1) AS "v", NULL AS "number"${columns.map((c) => `, NULL AS "${c}"`).join("")} UNION ALL `;
  const rows = await readRows<T>(`${head}${select}`, params);
  const marker = rows.find((r) => r.number === null);
  return { version: String(marker?.v ?? "none"), rows: rows.filter((r) => r.number !== null) };
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

/** An FTS5 query: every word as a quoted phrase (a substring, for the trigram tokenizer). */
export function ftsQuery(words: string[]): string | null {
  const indexed = words.filter((w) => [...w].length >= 3);
  return indexed.length ? indexed.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ") : null;
}

type TextRow = Versioned & { title: string | null; date: string | null; rawText: string | null };
const TEXT_COLUMNS = ["title", "date", "rawText"];

/**
 * The candidate bulletins for one word, and the data version they are of: on
 * SQLite those the FTS5 index finds (a word of 3 or more characters); on
 * PostgreSQL those whose lower-cased title and text hold its pattern
 * (through "Bulletin_search_trgm"); every bulletin when it cannot be looked up.
 */
async function bulletinCandidates(word: string): Promise<{ version: string; rows: BulletinText[] }> {
  let read: { version: string; rows: TextRow[] };
  if (readProvider() === "sqlite") {
    const match = ftsQuery([word]);
    read = await versionedRows<TextRow>(
      TEXT_COLUMNS,
      `SELECT NULL, b."number", b."title", b."date", b."rawText" FROM "Bulletin" b${match ? ` WHERE b."number" IN (SELECT rowid FROM "BulletinSearch" WHERE "BulletinSearch" MATCH ?)` : ""}`,
      match ? [match] : [],
    );
  } else {
    const patterns = trigramPatterns([word]);
    const where = patterns.map((_, i) => `lower(coalesce("title", '') || ' ' || "rawText") LIKE $${i + 1}`).join(" AND ");
    read = await versionedRows<TextRow>(TEXT_COLUMNS, `SELECT NULL, "number", "title", "date", "rawText" FROM "Bulletin"${where ? ` WHERE ${where}` : ""}`, patterns);
  }
  return { version: read.version, rows: read.rows.map(textOf).sort((a, b) => a.number - b.number) };
}

function textOf(r: TextRow): BulletinText {
  return { number: Number(r.number), title: r.title, date: r.date, rawText: r.rawText ?? "" };
}

/** The bulletins with one word in their title or text, by number, and the data version they are of. */
async function readPostings(word: string): Promise<{ version: string; postings: BulletinPosting[] }> {
  const { version, rows } = await bulletinCandidates(word);
  const postings: BulletinPosting[] = [];
  for (const b of rows) {
    const posting = postingOf(word, b);
    if (posting) postings.push(posting);
  }
  return { version, postings };
}

/** What a posting is made of, for each bulletin, and the data version: read once each time the data version moves on. */
async function readStamps(): Promise<{ version: string; stamps: Map<number, string> }> {
  type StampRow = Versioned & { sha256: string | null; updated: string | null; title: string | null; date: string | null };
  const read = await versionedRows<StampRow>(["sha256", "updated", "title", "date"], `SELECT NULL, "number", "sha256", CAST("updatedAt" AS TEXT), "title", "date" FROM "Bulletin"`);
  return { version: read.version, stamps: new Map(read.rows.map((r) => [Number(r.number), JSON.stringify([r.sha256, r.updated, r.title, r.date])])) };
}

/** Some bulletins' texts, by number, and the data version they are of. */
async function readTexts(numbers: number[]): Promise<{ version: string; rows: BulletinText[] }> {
  const sqlite = readProvider() === "sqlite";
  const read = await versionedRows<TextRow>(
    TEXT_COLUMNS,
    `SELECT NULL, "number", "title", "date", "rawText" FROM "Bulletin" WHERE "number" ${sqlite ? "IN (SELECT value FROM json_each(?))" : "= ANY($1::int[])"}`,
    [sqlite ? JSON.stringify(numbers) : numbers],
  );
  return { version: read.version, rows: read.rows.map(textOf) };
}

/** The kept postings of one database client: of one data version, with the stamps they were made from. */
interface State {
  /** The data key (readDataKey) this state was last found current for. */
  key: string;
  version: string;
  stamps: Map<number, string>;
  words: Map<string, BulletinPosting[]>;
  /** Words being read, so that simultaneous searches read each once. */
  reading: Map<string, Promise<BulletinPosting[]>>;
  weight: number;
}

const STATE = "search-bulletin-postings";

/** The state for a data key: the kept one, or it carried to the current version (patched), or a new one. */
async function stateFor(key: string): Promise<State> {
  const into = carriedState<{ state: State | null; moving: Promise<State> | null }>(STATE, () => ({ state: null, moving: null }));
  // One carry at a time; one begun for an older key is waited for, then this key's is begun.
  while (into.state?.key !== key) {
    if (!into.moving) {
      into.moving = carry(into.state, key).then(
        (state) => {
          into.state = state;
          into.moving = null;
          return state;
        },
        (error: unknown) => {
          into.moving = null;
          throw error;
        },
      );
    }
    const state = await into.moving;
    if (state.key === key) return state;
  }
  return into.state;
}

/** The words' postings moved to the current data: kept as they are, patched with the bulletins that changed, or dropped. */
async function carry(previous: State | null, key: string): Promise<State> {
  const { version, stamps } = await readStamps();
  const fresh = (): State => ({ key, version, stamps, words: new Map(), reading: new Map(), weight: 0 });
  if (!previous) return fresh();
  if (previous.version === version) return { ...previous, key };
  const touched = new Set<number>();
  for (const [number, stamp] of stamps) if (previous.stamps.get(number) !== stamp) touched.add(number);
  for (const number of previous.stamps.keys()) if (!stamps.has(number)) touched.add(number);
  // Nothing to patch: the same lists, in a map of their own (a read begun for the previous state lands in its map).
  if (touched.size === 0 || previous.words.size === 0) return { key, version, stamps, words: new Map(previous.words), reading: new Map(), weight: previous.weight };
  const changed = await readTexts([...touched].filter((n) => stamps.has(n)));
  const characters = changed.rows.reduce((n, b) => n + b.rawText.length, 0);
  // Read at another version than the stamps (a sync in between), or too much to patch: start again.
  if (changed.version !== version || characters * previous.words.size > PATCH_BUDGET) return fresh();
  const lowered = changed.rows.map((b) => ({ b, lower: b.rawText.toLowerCase() }));
  const words = new Map<string, BulletinPosting[]>();
  let weight = 0;
  for (const [word, postings] of previous.words) {
    const patched = postings.filter((p) => !touched.has(p.number));
    for (const { b, lower } of lowered) {
      const posting = postingOf(word, b, lower);
      if (posting) patched.push(posting);
    }
    patched.sort((x, y) => x.number - y.number);
    words.set(word, patched);
    weight += 1 + patched.length;
  }
  return { key, version, stamps, words, reading: new Map(), weight };
}

/** Each (lower-case) word's bulletins, by number, for the current data. */
export async function bulletinPostings(words: readonly string[]): Promise<BulletinPosting[][]> {
  const state = await stateFor(await readDataKey());
  return Promise.all(
    words.map((word): Promise<BulletinPosting[]> => {
      const kept = state.words.get(word);
      if (kept) return Promise.resolve(kept);
      const pending = state.reading.get(word);
      if (pending) return pending;
      const reading = readPostings(word).then(({ version, postings }) => {
        state.reading.delete(word);
        // Of another version than the state's (a sync since): the answer, not kept.
        if (version !== state.version) return postings;
        if (state.weight >= KEPT_ROWS) {
          state.words.clear();
          state.weight = 0;
        }
        state.words.set(word, postings);
        state.weight += 1 + postings.length;
        return postings;
      });
      reading.catch(() => state.reading.delete(word));
      state.reading.set(word, reading);
      return reading;
    }),
  );
}
