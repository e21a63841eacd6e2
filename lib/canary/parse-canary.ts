// Parser for the Qubes warrant canaries (qubes-secpack canaries/canary-NNN-YYYY.txt).
// A pure function of the text: it never throws; whatever it cannot read is
// left null with a warning naming the line, and the raw text is kept by the
// caller. It reads every canary format since 2015: "Qubes Canary #1" and
// "Qubes Canary 025" titles, "January 5th, 2015" and "June 03, 2026" dates,
// "first week", "first 2 weeks", "first three weeks" and "first fourteen
// days" windows, and the proofs of freshness with or without `$ command`
// lines.
import { normalizeFingerprint } from "@/lib/pgp/keys/signatures";

export interface CanaryStatement {
  /** The number the canary gives it (1 to 5 in every canary so far). */
  number: number;
  /** The wording, with its line breaks and indentation folded into single spaces. */
  text: string;
}

export interface HeadlineGroup {
  /** "BBC News (https://feeds.bbci.co.uk/news/world/rss.xml)", or the feed URL of a `feedstail` line. */
  source: string;
  headlines: string[];
}

export interface CanaryFreshness {
  /** The `date -R` line, as ISO 8601 (UTC); null when the canary gives none (the first ones). */
  timestamp: string | null;
  headlines: HeadlineGroup[];
  /** The Bitcoin block hash (64 hex digits); null when the canary gives none. */
  blockHash: string | null;
}

export interface NextCanaryWindow {
  /** YYYY-MM-DD, the first day of the promised window. */
  from: string;
  /** YYYY-MM-DD, its last day: the canary is overdue after it. */
  until: string;
  /** The promise as written: "the first fourteen days of September 2026". */
  text: string;
}

export interface ParsedCanary {
  /** The number in the title ("Qubes Canary 047" → 47); null when the title cannot be read. */
  titleNumber: number | null;
  /** YYYY-MM-DD from statement 1. */
  date: string | null;
  /** The bulletin count statement 2 gives. */
  statedBulletins: number | null;
  /** The master key fingerprint statement 3 gives, 40 upper-case hex digits. */
  statedMasterFingerprint: string | null;
  /** The sentence before the numbered statements ("The Qubes security team members who ... state the following:"). */
  preamble: string | null;
  statements: CanaryStatement[];
  nextDue: NextCanaryWindow | null;
  /** The special announcements as written; null when the canary says "None." (or has no such section). */
  specialAnnouncements: string | null;
  freshness: CanaryFreshness;
  /** What could not be read, each naming its line ("line 12: ..."). */
  warnings: string[];
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const SMALL_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  "twenty-one": 21,
  thirty: 30,
};

interface Section {
  title: string;
  /** 1-based line number of the section's first body line. */
  start: number;
  lines: string[];
}

/** Splits the text at headers underlined with dashes ("Statements\n-----------"). */
function sections(lines: string[]): { head: string[]; sections: Section[] } {
  const out: Section[] = [];
  const head: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const next = lines[i + 1] ?? "";
    if (line.trim() && /^\s*-{3,}\s*$/.test(next)) {
      out.push({ title: line.trim().toLowerCase(), start: i + 3, lines: [] });
      i++;
      continue;
    }
    const current = out[out.length - 1];
    if (current) current.lines.push(line);
    else head.push(line);
  }
  return { head, sections: out };
}

const fold = (text: string) => text.replace(/\s+/g, " ").trim();

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.toLowerCase());
}

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** "January 5th, 2015", "December  13, 2016", "June 03, 2026" → YYYY-MM-DD. */
export function parseIssueDate(text: string): string | null {
  const match = /\b([A-Z][a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (!match) return null;
  const month = monthIndex(match[1] ?? "");
  if (month < 0) return null;
  return isoDate(Number(match[3]), month, Number(match[2]));
}

function countWord(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return SMALL_NUMBERS[word.toLowerCase()] ?? null;
}

/**
 * "in the first fourteen days of September 2026", "first week of March 2015",
 * "first 2 weeks of August 2015", "first three weeks of January 2020", "the
 * last fourteen days of May 2023" → the window of days in that month.
 */
export function parseNextWindow(text: string): NextCanaryWindow | null {
  const folded = fold(text);
  const match = /\b(?:the\s+)?(first|last)\s+(?:(week)|([a-z0-9-]+)\s+(weeks|days))\s+of\s+([A-Z][a-z]+)\s+(\d{4})\b/i.exec(folded);
  if (!match) return null;
  const month = monthIndex(match[5] ?? "");
  if (month < 0) return null;
  const year = Number(match[6]);
  let days: number | null;
  if (match[2]) days = 7;
  else {
    const n = countWord(match[3] ?? "");
    days = n === null ? null : match[4]?.toLowerCase() === "weeks" ? n * 7 : n;
  }
  if (days === null || days < 1 || days > 31) return null;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const last = match[1]?.toLowerCase() === "last";
  const from = isoDate(year, month, last ? Math.max(1, lastOfMonth - days + 1) : 1);
  const until = isoDate(year, month, last ? lastOfMonth : Math.min(days, lastOfMonth));
  if (!from || !until) return null;
  return { from, until, text: match[0] };
}

function parseStatements(section: Section | undefined, warnings: string[]): { preamble: string | null; statements: CanaryStatement[] } {
  if (!section) {
    warnings.push("no Statements section");
    return { preamble: null, statements: [] };
  }
  const statements: CanaryStatement[] = [];
  const preamble: string[] = [];
  let current: { number: number; lines: string[] } | null = null;
  for (const line of section.lines) {
    const start = /^\s*(\d{1,2})\.\s+(.*)$/.exec(line);
    if (start) {
      if (current) statements.push({ number: current.number, text: fold(current.lines.join(" ")) });
      current = { number: Number(start[1]), lines: [start[2] ?? ""] };
    } else if (current) current.lines.push(line);
    else preamble.push(line);
  }
  if (current) statements.push({ number: current.number, text: fold(current.lines.join(" ")) });
  if (statements.length === 0) warnings.push(`line ${section.start}: the Statements section has no numbered statement`);
  return { preamble: fold(preamble.join(" ")) || null, statements };
}

const RFC2822 = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s+\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{2}:\d{2}:\d{2}\s+[+-]\d{4}\b/;

function parseFreshness(section: Section | undefined, warnings: string[]): CanaryFreshness {
  const freshness: CanaryFreshness = { timestamp: null, headlines: [], blockHash: null };
  if (!section) {
    warnings.push("no Proof of freshness section");
    return freshness;
  }
  let group: HeadlineGroup | null = null;
  for (const raw of section.lines) {
    const line = raw.trim();
    if (!line) {
      group = null;
      continue;
    }
    const date = RFC2822.exec(line);
    if (date && !freshness.timestamp) {
      const parsed = new Date(date[0]);
      if (!Number.isNaN(parsed.getTime())) freshness.timestamp = parsed.toISOString().replace(".000Z", "Z");
      continue;
    }
    if (/^[0-9a-f]{64}$/i.test(line)) {
      freshness.blockHash ??= line.toLowerCase();
      group = null;
      continue;
    }
    const source = /^Source:\s*(.+)$/.exec(line);
    const feed = /^\$\s*feedstail\b.*?-u\s+(\S+)/.exec(line);
    if (source || feed) {
      const name = (source?.[1] ?? feed?.[1] ?? "").trim();
      // "Source: Blockchain.info" introduces the block hash, not headlines.
      if (/blockchain/i.test(name)) {
        group = null;
        continue;
      }
      group = { source: name, headlines: [] };
      freshness.headlines.push(group);
      continue;
    }
    if (line.startsWith("$") || line.startsWith("|")) {
      group = null;
      continue;
    }
    if (group) group.headlines.push(fold(line));
  }
  freshness.headlines = freshness.headlines.filter((g) => g.headlines.length > 0);
  if (freshness.headlines.length === 0) warnings.push(`line ${section.start}: the proof of freshness quotes no news headlines`);
  return freshness;
}

/** Parses one canary text. Never throws. */
export function parseCanary(text: string): ParsedCanary {
  const warnings: string[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const { head, sections: all } = sections(lines);
  const find = (prefix: string) => all.find((s) => s.title.startsWith(prefix));

  const titleLine = head.find((l) => /Qubes Canary/i.test(l)) ?? "";
  const titleMatch = /Qubes Canary\s*#?\s*0*(\d+)/i.exec(titleLine);
  const titleNumber = titleMatch ? Number(titleMatch[1]) : null;
  if (titleNumber === null) warnings.push("no title line \"Qubes Canary NNN\"");

  const { preamble, statements } = parseStatements(find("statements"), warnings);
  const statement = (n: number) => statements.find((s) => s.number === n)?.text ?? null;

  const first = statement(1);
  const date = first ? parseIssueDate(first) : null;
  if (!date) warnings.push(first ? `statement 1 gives no date of issue that can be read: "${first}"` : "no statement 1 (the date of issue)");

  const second = statement(2);
  const count = second ? /(\d+)\s+Qubes\s+security\s+bulletins/i.exec(second) : null;
  const statedBulletins = count ? Number(count[1]) : null;
  if (statedBulletins === null) warnings.push(second ? `statement 2 gives no bulletin count that can be read: "${second}"` : "no statement 2 (the bulletin count)");

  const third = statement(3);
  const fingerprint = third ? /((?:[0-9A-F]{4}\s+){9}[0-9A-F]{4})/i.exec(third) : null;
  const statedMasterFingerprint = fingerprint ? normalizeFingerprint(fingerprint[1] ?? "") : null;
  if (!statedMasterFingerprint) warnings.push(third ? "statement 3 gives no fingerprint that can be read" : "no statement 3 (the master key fingerprint)");

  const promise = statements.find((s) => /next/i.test(s.text) && /canary/i.test(s.text))?.text ?? null;
  const nextDue = promise ? parseNextWindow(promise) : null;
  if (!nextDue) warnings.push(promise ? `the promise of the next canary gives no window that can be read: "${promise}"` : "no statement promises the next canary");

  const special = find("special announcement");
  let specialAnnouncements: string | null = null;
  if (special) {
    const body = special.lines.join("\n").trim();
    specialAnnouncements = /^none\.?$/i.test(body) || body === "" ? null : body;
  } else warnings.push("no Special announcements section");

  const freshness = parseFreshness(find("proof of"), warnings);

  return { titleNumber, date, statedBulletins, statedMasterFingerprint, preamble, statements, nextDue, specialAnnouncements, freshness, warnings };
}
