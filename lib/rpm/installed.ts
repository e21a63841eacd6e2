// Reads a pasted dom0 package list: the output of `rpm -qa` (any of the
// usual --qf variants that print NAME-[EPOCH:]VERSION-RELEASE[.ARCH]), of
// `dnf repoquery --installed`, or of `dnf list --installed` /
// `dnf list installed` (dnf4 and dnf5, with their header lines and the lines
// dnf wraps when a name is too long for its column). Pure, linear in the
// input, and bounded: at most MAX_INPUT_CHARS characters and MAX_INPUT_LINES
// lines are read.
//
// One pass over the text: the lines are found and trimmed as bounds into
// it, and each token is read in place (nevra.ts); the only strings made are
// the ones returned. A list at the limit (50,000 lines) takes tens of
// milliseconds, where splitting it into lines and tokens and matching each
// with regular expressions took hundreds, most of it in the garbage
// collector. tests/unit/rpm/installed-reference.test.ts holds it to the
// same answers as that earlier parser.

import { parseDnfEvr, parseNameArch, parseNevra, type Nevra, type ParsedEvr } from "./nevra";

export { KNOWN_ARCHES } from "./nevra";

export interface InstalledPackage extends Nevra {
  /** null when the line carried no (known) architecture, e.g. gpg-pubkey. */
  arch: string | null;
  /** 1-based line number in the pasted text (the first line of a wrapped dnf entry). */
  line: number;
}

export interface UnparsedLine {
  /** 1-based line number in the pasted text. */
  line: number;
  /** The line, trimmed, shortened to MAX_ECHO_CHARS; or a note about the input. */
  text: string;
}

export interface ParsedPackageList {
  packages: InstalledPackage[];
  unparsed: UnparsedLine[];
}

/** 2 MB of text (counted in UTF-16 code units, i.e. characters for ASCII). */
export const MAX_INPUT_CHARS = 2 * 1024 * 1024;
export const MAX_INPUT_LINES = 50_000;
/** Unreadable lines are echoed back at most this long. */
export const MAX_ECHO_CHARS = 200;

/** dnf's repository column: @System, @anaconda, @qubes-dom0-cached, anaconda, <unknown>. */
const REPO_RE = /^(?:@[^\s@]+|<unknown>|[A-Za-z0-9_][A-Za-z0-9._:-]*)$/;

// Header and section lines. Each starts with a word of ASCII letters (with
// a ':' at most), which no package line does; only such lines are tried.
const INSTALLED_HEADER_RE = /^Installed\s+packages:?$/i;
const OTHER_SECTION_RE =
  /^(?:Available|Extra|Recently\s+added|Upgradable|Upgrade|Obsoleting|Autoremove|Available\s+upgrades?)(?:\s+packages)?:?$/i;
const NOISE_RE = [
  /^Last metadata expiration check:/i,
  /^Updating and loading repositories:?$/i,
  /^Repositories loaded\.?$/i,
];

/** The non-blank lines of the text read, trimmed: bounds into the text and line numbers. */
interface Rows {
  body: string;
  start: number[];
  end: number[];
  no: number[];
  /** The number of the first line not read, or null when everything was read. */
  cutAtLine: number | null;
}

export function parseInstalledPackages(text: string): ParsedPackageList {
  const packages: InstalledPackage[] = [];
  const unparsed: UnparsedLine[] = [];
  const rows = findRows(text);
  const { body } = rows;
  const count = rows.start.length;
  const tokenStart: number[] = [];
  const tokenEnd: number[] = [];
  const nevras: InstalledPackage[] = [];

  let inOtherSection = false;
  /** The previous entry was a dnf line whose repository column may follow alone. */
  let awaitingRepo = false;

  for (let i = 0; i < count; i++) {
    const s = rows.start[i]!;
    const e = rows.end[i]!;
    const line = rows.no[i]!;
    const wasAwaitingRepo = awaitingRepo;
    awaitingRepo = false;

    const header = startsWithWord(body, s, e);
    if (header) {
      const t = body.slice(s, e);
      if (INSTALLED_HEADER_RE.test(t)) {
        inOtherSection = false;
        continue;
      }
      if (OTHER_SECTION_RE.test(t)) {
        inOtherSection = true;
        unparsed.push({ line, text: `"${echo(t)}" section skipped: the packages listed under it are not installed` });
        continue;
      }
    }
    if (inOtherSection) continue;
    if (header && NOISE_RE.some((re) => re.test(body.slice(s, e)))) continue;

    const tokens = splitTokens(body, s, e, tokenStart, tokenEnd);
    const s0 = tokenStart[0]!;
    const e0 = tokenEnd[0]!;

    // dnf list: name.arch  [epoch:]version-release  repo
    if (tokens === 2 || tokens === 3) {
      const na = parseNameArch(body, s0, e0);
      const evr = na ? parseDnfEvr(body, tokenStart[1]!, tokenEnd[1]!) : null;
      if (na && evr && (tokens === 2 || REPO_RE.test(body.slice(tokenStart[2], tokenEnd[2])))) {
        packages.push({ name: na.name, arch: na.arch, epoch: evr.epoch, version: evr.version, release: evr.release, line });
        awaitingRepo = tokens === 2;
        continue;
      }
    }

    if (tokens === 1) {
      // dnf list, wrapped: name.arch alone, the rest on the next line.
      if (i + 1 < count) {
        const next = wrappedRest(body, rows.start[i + 1]!, rows.end[i + 1]!);
        const na = next ? parseNameArch(body, s0, e0) : null;
        if (next && na) {
          packages.push({ name: na.name, arch: na.arch, epoch: next.evr.epoch, version: next.evr.version, release: next.evr.release, line });
          awaitingRepo = !next.repo;
          i++;
          continue;
        }
      }

      const nevra = parseNevra(body, s0, e0, line);
      // dnf list, wrapped: the repository column alone on its line.
      if (wasAwaitingRepo && (nevra === null || nevra.arch === null) && REPO_RE.test(body.slice(s0, e0))) continue;

      // rpm -qa / dnf repoquery: one NEVRA per line.
      if (nevra) {
        packages.push(nevra);
        continue;
      }
    } else {
      // Several NEVRAs on one line (a list joined with spaces), or
      // `rpm -qa --last` (NEVRA, then the install date).
      nevras.length = 0;
      let every = true;
      for (let k = 0; k < tokens; k++) {
        const p = parseNevra(body, tokenStart[k]!, tokenEnd[k]!, line);
        if (p === null) {
          every = false;
          break;
        }
        nevras.push(p);
      }
      if (every) {
        for (const p of nevras) packages.push(p);
        continue;
      }
      const first = nevras[0];
      if (first && first.arch !== null) {
        packages.push(first);
        continue;
      }
    }

    unparsed.push({ line, text: echo(body.slice(s, e)) });
  }

  if (rows.cutAtLine !== null) {
    unparsed.push({
      line: rows.cutAtLine,
      text:
        `input cut: only the first ${MAX_INPUT_LINES.toLocaleString("en-US")} lines ` +
        `and 2 MB are read; the rest, from line ${rows.cutAtLine}, was ignored`,
    });
  }
  return { packages, unparsed };
}

/**
 * The line after a wrapped `name.arch`: `[epoch:]version-release`, alone or
 * followed by the repository (at most two tokens). Null when it is not that.
 */
function wrappedRest(body: string, s: number, e: number): { evr: ParsedEvr; repo: boolean } | null {
  let i = s;
  let dashes = 0;
  for (; i < e; i++) {
    const c = body.charCodeAt(i);
    if (isWhitespace(c)) break;
    // Two '-' (every rpm -qa line): not dnf's version-release; said early, as most rows are that.
    if (c === 45 && ++dashes > 1) return null;
  }
  const evr = parseDnfEvr(body, s, i);
  if (!evr) return null;
  while (i < e && isWhitespace(body.charCodeAt(i))) i++;
  if (i === e) return { evr, repo: false };
  const repoStart = i;
  while (i < e && !isWhitespace(body.charCodeAt(i))) i++;
  // A third token: not a wrapped dnf line (the row is trimmed, so whitespace here means more).
  if (i < e) return null;
  return REPO_RE.test(body.slice(repoStart, i)) ? { evr, repo: true } : null;
}

/**
 * Splits the trimmed row `body[s, e)` on whitespace into `starts`/`ends`
 * (cleared first); returns how many tokens.
 */
function splitTokens(body: string, s: number, e: number, starts: number[], ends: number[]): number {
  starts.length = 0;
  ends.length = 0;
  let i = s;
  while (i < e) {
    starts.push(i);
    while (i < e && !isWhitespace(body.charCodeAt(i))) i++;
    ends.push(i);
    while (i < e && isWhitespace(body.charCodeAt(i))) i++;
  }
  return starts.length;
}

/** Does the row start with a word of ASCII letters, optionally with ':', then whitespace or its end? */
function startsWithWord(body: string, s: number, e: number): boolean {
  let i = s;
  for (; i < e; i++) {
    const c = body.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
  }
  if (i === s) return false;
  if (i < e && body.charCodeAt(i) === 58) i++;
  return i === e || isWhitespace(body.charCodeAt(i));
}

/**
 * The non-blank lines of the (capped) text, split on LF, CRLF or CR, as
 * trimmed bounds. At most MAX_INPUT_LINES lines (blank ones included) are read.
 */
function findRows(text: string): Rows {
  let body = text;
  let cutBySize = false;
  if (body.length > MAX_INPUT_CHARS) {
    cutBySize = true;
    const boundary = body.charCodeAt(MAX_INPUT_CHARS);
    body = body.slice(0, MAX_INPUT_CHARS);
    if (boundary !== 10 && boundary !== 13) {
      // The last line was cut in the middle: drop it rather than misread it.
      const lastBreak = Math.max(body.lastIndexOf("\n"), body.lastIndexOf("\r"));
      body = lastBreak < 0 ? "" : body.slice(0, lastBreak);
    }
  }

  const rows: Rows = { body, start: [], end: [], no: [], cutAtLine: null };
  const length = body.length;
  let pos = 0;
  let no = 1;
  for (let read = 0; read < MAX_INPUT_LINES && pos < length; read++) {
    let end = pos;
    while (end < length) {
      const c = body.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    let s = pos;
    let e = end;
    while (s < e && isWhitespace(body.charCodeAt(s))) s++;
    while (e > s && isWhitespace(body.charCodeAt(e - 1))) e--;
    if (s < e) {
      rows.start.push(s);
      rows.end.push(e);
      rows.no.push(no);
    }
    no++;
    if (end >= length) pos = length;
    else pos = end + (body.charCodeAt(end) === 13 && end + 1 < length && body.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  if (pos < length || cutBySize) rows.cutAtLine = no;
  return rows;
}

/**
 * JavaScript's whitespace (what `String.prototype.trim` and `\s` take):
 * tab, LF, VT, FF, CR, space, NBSP, U+1680, U+2000–U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000 and the BOM.
 */
function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function echo(t: string): string {
  return t.length > MAX_ECHO_CHARS ? `${t.slice(0, MAX_ECHO_CHARS)}…` : t;
}
