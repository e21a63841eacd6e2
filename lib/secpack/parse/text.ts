// Text layout helpers for the bulletin parser: lines, underlined section
// headings, paragraphs (with "| " quote blocks kept apart) and sentences.
// Everything here is linear in the size of the input: no regex is run on an
// unbounded string with nested or overlapping quantifiers.

/** Longest line the line-level regexes look at; longer lines are prose or garbage. */
export const MAX_LINE = 400;
/** Longest sentence the sentence-level regexes look at. */
export const MAX_SENTENCE = 2000;

export interface Section {
  /** The heading text, trimmed. */
  heading: string;
  /** 0-based index of the heading line. */
  headingLine: number;
  /** 0-based index of the first body line (after the underline). */
  start: number;
  /** 0-based index one past the last body line. */
  end: number;
}

export interface Paragraph {
  /** 0-based index of the first and one past the last line. */
  start: number;
  end: number;
  /** True when every line of it is a "| " quotation of an upstream advisory. */
  quote: boolean;
  /** The lines, trimmed (and stripped of the quote bar), joined with single spaces. */
  text: string;
  /** Offset in `text` where each line starts. */
  lineStarts: number[];
  /** Index into the section list, -1 for the preamble before the first heading. */
  section: number;
}

export interface Sentence {
  text: string;
  /** Offset of the sentence in its paragraph's text. */
  start: number;
  /** 0-based line of the sentence start. */
  line: number;
  paragraph: number;
  quote: boolean;
  section: number;
}

export function splitLines(text: string): string[] {
  const normalised = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  return normalised.split("\n");
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

const UNDERLINE = /^[ \t]*[=-]{3,}[ \t]*$/;

export function isUnderline(line: string): boolean {
  if (line.length < 3 || line.length > MAX_LINE) return false;
  // Cheap pre-check: the first non-blank character is '=' or '-'.
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const c = line.charCodeAt(i);
  if (c !== 61 && c !== 45) return false;
  return UNDERLINE.test(line);
}

/** A heading is a short line directly above a line of "===" or "---". */
export function findSections(lines: string[]): Section[] {
  const sections: Section[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] ?? "";
    const next = lines[i + 1] ?? "";
    if (!isUnderline(next)) continue;
    const t = line.trim();
    if (t === "" || t.length > 100 || isUnderline(line)) continue;
    if (/^[|+*\-[#>$]/.test(t)) continue;
    sections.push({ heading: t, headingLine: i, start: i + 2, end: lines.length });
  }
  for (let k = 0; k + 1 < sections.length; k++) {
    const cur = sections[k];
    const nxt = sections[k + 1];
    if (cur && nxt) cur.end = nxt.headingLine;
  }
  return sections;
}

/** Section index of every line (-1 before the first heading, and on heading/underline lines). */
export function sectionOfLines(lines: string[], sections: Section[]): Int32Array {
  const map = new Int32Array(lines.length).fill(-1);
  sections.forEach((s, k) => {
    for (let i = s.start; i < s.end && i < lines.length; i++) map[i] = k;
  });
  return map;
}

const BULLET = /^(?:[-*•]\s+|\d{1,2}[.)]\s+)/;

export function buildParagraphs(lines: string[], sections: Section[], sectionOf: Int32Array): Paragraph[] {
  const headingLines = new Uint8Array(lines.length + 1);
  for (const s of sections) {
    headingLines[s.headingLine] = 1;
    headingLines[s.headingLine + 1] = 1;
  }
  const paragraphs: Paragraph[] = [];
  let cur: { start: number; parts: string[]; quote: boolean; section: number } | null = null;
  const flush = (end: number) => {
    if (!cur) return;
    const lineStarts: number[] = [];
    let offset = 0;
    for (const p of cur.parts) {
      lineStarts.push(offset);
      offset += p.length + 1;
    }
    paragraphs.push({
      start: cur.start,
      end,
      quote: cur.quote,
      text: cur.parts.join(" "),
      lineStarts,
      section: cur.section,
    });
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const t = raw.trim();
    if (t === "" || headingLines[i] === 1) {
      flush(i);
      continue;
    }
    const quote = t.startsWith("|");
    const content = quote ? t.replace(/^\|\s?/, "").trim() : t;
    const section = sectionOf[i] ?? -1;
    const startsItem = !quote && BULLET.test(t);
    if (cur && (cur.quote !== quote || cur.section !== section || startsItem)) flush(i);
    if (quote && content === "") {
      // An empty quoted line ends a quoted paragraph.
      flush(i);
      continue;
    }
    if (!cur) cur = { start: i, parts: [], quote, section };
    cur.parts.push(content);
  }
  flush(lines.length);
  return paragraphs;
}

/** Line (0-based) of an offset into a paragraph's joined text. */
export function lineOfOffset(p: Paragraph, offset: number): number {
  let lo = 0;
  let hi = p.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((p.lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return p.start + lo;
}

const ABBREVIATIONS = new Set(["e.g", "i.e", "vs", "cf", "etc", "approx", "no", "fig", "mr", "dr", "st"]);

function isLetterOrDot(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46;
}

/** May a sentence start with this character? A capital, digit, quote or bracket. */
function startsSentence(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 39 || c === 40 || c === 91 || c === 124;
}

/** Splits a paragraph into sentences at ". ", "! ", "? " followed by a capital, digit, quote or bracket. */
export function splitSentences(p: Paragraph, paragraphIndex: number): Sentence[] {
  const out: Sentence[] = [];
  const text = p.text;
  const n = text.length;
  let start = 0;
  const emit = (from: number, to: number) => {
    const s = text.slice(from, to).trim();
    if (s) out.push({ text: s, start: from, line: lineOfOffset(p, from), paragraph: paragraphIndex, quote: p.quote, section: p.section });
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // '.' '!' '?'
    if (c !== 46 && c !== 33 && c !== 63) continue;
    let j = i + 1;
    // closing quotes / parentheses after the stop
    while (j < n && (text.charCodeAt(j) === 34 || text.charCodeAt(j) === 39 || text.charCodeAt(j) === 41)) j++;
    if (j >= n || text.charCodeAt(j) !== 32) continue;
    let k = j;
    while (k < n && text.charCodeAt(k) === 32) k++;
    if (k >= n || !startsSentence(text.charCodeAt(k))) continue;
    if (c === 46) {
      // "..." inside a sentence, and abbreviations ("e.g. Foo")
      if (text.charCodeAt(i - 1) === 46) continue;
      let w = i - 1;
      while (w >= start && i - w < 20 && isLetterOrDot(text.charCodeAt(w))) w--;
      if (i - w <= 7 && ABBREVIATIONS.has(text.slice(w + 1, i).toLowerCase())) continue;
    }
    emit(start, j);
    start = k;
    i = k - 1;
  }
  emit(start, n);
  return out;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function validDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1990 && y <= 2200 && m >= 1 && m <= 12 && d >= 1)) return null;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (d > (dim[m - 1] ?? 0)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "2019-11-26", "May 12, 2011", "May  8, 2018", "12 May 2011" → YYYY-MM-DD; anything else → null. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  if (t.length > 40) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[(m[1] ?? "").toLowerCase()];
    return month ? validDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[(m[2] ?? "").toLowerCase()];
    return month ? validDate(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase()];
}
