// The tokens of a pasted package list, read in place: each parser takes the
// whole text and the bounds of one token (no whitespace inside), checks it
// with character scans (no regular expression, no intermediate strings) and
// cuts out only the strings it returns. installed.ts walks the lines and
// calls these. Pure.

/** RPM architectures we recognise as the `.ARCH` suffix. */
export const KNOWN_ARCHES: ReadonlySet<string> = new Set([
  "noarch",
  "x86_64",
  "x86_64_v2",
  "x86_64_v3",
  "x86_64_v4",
  "amd64",
  "ia32e",
  "i386",
  "i486",
  "i586",
  "i686",
  "athlon",
  "geode",
  "pentium3",
  "pentium4",
  "aarch64",
  "armv7hl",
  "armv7hnl",
  "armv7l",
  "armv6hl",
  "armhfp",
  "ppc",
  "ppc64",
  "ppc64le",
  "ppc64p7",
  "s390",
  "s390x",
  "riscv64",
  "loongarch64",
  "mips64el",
  "sparc64",
  "ia64",
  "alpha",
  "src",
  "nosrc",
]);

/** The known architectures by length, so a suffix is matched in place. */
const ARCHES_BY_LENGTH: readonly (readonly string[])[] = (() => {
  const out: string[][] = [];
  for (const a of KNOWN_ARCHES) (out[a.length] ??= []).push(a);
  return Array.from(out, (list) => list ?? []);
})();

/** `text[from, to)` if it is a known architecture (the Set's own string), else null. */
function archAt(text: string, from: number, to: number): string | null {
  const candidates = ARCHES_BY_LENGTH[to - from];
  if (!candidates) return null;
  for (const a of candidates) if (text.startsWith(a, from)) return a;
  return null;
}

// Character classes, ASCII only (as the patterns they replace:
// name [A-Za-z0-9._+-], first character [A-Za-z0-9_]; version and release
// [A-Za-z0-9._+~^]).
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAlnum = (c: number) => isDigit(c) || isAsciiLetter(c);
/** `_` `.` `+` */
const isNamePunct = (c: number) => c === 95 || c === 46 || c === 43;
const isNameChar = (c: number) => isAlnum(c) || isNamePunct(c) || c === 45;
const isNameStart = (c: number) => isAlnum(c) || c === 95;
/** `~` `^` */
const isVrChar = (c: number) => isAlnum(c) || isNamePunct(c) || c === 126 || c === 94;

// Searches bounded by the token: the text's own indexOf/lastIndexOf would
// run on past the token, to the ends of the whole text.
/** The last index of code `c` in `text[from, to)`, or -1. */
function lastIndexIn(text: string, c: number, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (text.charCodeAt(i) === c) return i;
  return -1;
}
/** The first index of code `c` in `text[from, to)`, or -1. */
function indexIn(text: string, c: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === c) return i;
  return -1;
}

function allOf(text: string, from: number, to: number, test: (c: number) => boolean): boolean {
  for (let i = from; i < to; i++) if (!test(text.charCodeAt(i))) return false;
  return true;
}

const isName = (text: string, from: number, to: number) => from < to && isNameStart(text.charCodeAt(from)) && allOf(text, from + 1, to, isNameChar);
const isVr = (text: string, from: number, to: number) => from < to && allOf(text, from, to, isVrChar);
function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}
/** The end of the run of digits starting at `from` (`from` itself when none). */
function digitsEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Digits to a number, saturating instead of losing precision silently (as version.ts's parseEvr). */
function epochOf(text: string, from: number, to: number): number {
  const n = Number(text.slice(from, to));
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

export interface NameArch {
  name: string;
  arch: string;
}

export interface ParsedEvr {
  epoch: number;
  version: string;
  release: string;
}

/** A package read from one token, numbered by the line it is on (installed.ts's InstalledPackage). */
export interface Nevra {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string | null;
  line: number;
}

/** `name.arch` as dnf prints it. */
export function parseNameArch(text: string, from: number, to: number): NameArch | null {
  const dot = lastIndexIn(text, 46, from, to);
  if (dot <= from) return null;
  const arch = archAt(text, dot + 1, to);
  if (arch === null || !isName(text, from, dot)) return null;
  return { name: text.slice(from, dot), arch };
}

/** dnf's `[epoch:]version-release`: exactly one '-', the version with a digit in it. */
export function parseDnfEvr(text: string, from: number, to: number): ParsedEvr | null {
  let start = from;
  let epoch = 0;
  const digits = digitsEnd(text, from, to);
  if (digits > from && digits < to && text.charCodeAt(digits) === 58) {
    epoch = epochOf(text, from, digits);
    start = digits + 1;
  }
  let dash = -1;
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 45) {
      if (dash >= 0) return null;
      dash = i;
    } else if (!isVrChar(c)) return null;
  }
  if (dash <= start || dash === to - 1 || !hasDigit(text, start, dash)) return null;
  return { epoch, version: text.slice(start, dash), release: text.slice(dash + 1, to) };
}

/**
 * `name-[epoch:]version-release[.arch]`, split from the right: the arch
 * after the last dot if it is a known one, the release after the last '-',
 * the version after the one before. Also takes `epoch:name-version-release.arch`
 * and rpm's `(none)` placeholder for a missing epoch or arch.
 */
export function parseNevra(text: string, from: number, to: number, line: number): Nevra | null {
  let end = to;
  let arch: string | null = null;
  const dot = lastIndexIn(text, 46, from, to);
  if (dot > from) {
    const known = archAt(text, dot + 1, to);
    if (known !== null) {
      arch = known;
      end = dot;
    } else if (to - dot - 1 === 6 && text.startsWith("(none)", dot + 1)) {
      // %{ARCH} of a package without one (gpg-pubkey)
      end = dot;
    }
  }

  const relDash = lastIndexIn(text, 45, from, end);
  if (relDash <= from) return null;
  const verDash = lastIndexIn(text, 45, from, relDash);
  if (verDash <= from) return null;
  let nameStart = from;
  let versionStart = verDash + 1;

  let epoch = 0;
  const colon = indexIn(text, 58, versionStart, relDash);
  if (colon >= 0) {
    if (colon - versionStart === 6 && text.startsWith("(none)", versionStart)) epoch = 0;
    else if (colon > versionStart && digitsEnd(text, versionStart, colon) === colon) epoch = epochOf(text, versionStart, colon);
    else return null;
    versionStart = colon + 1;
  } else {
    const digits = digitsEnd(text, from, verDash);
    if (digits > from && digits < verDash && text.charCodeAt(digits) === 58) {
      epoch = epochOf(text, from, digits);
      nameStart = digits + 1;
    }
  }

  if (!isName(text, nameStart, verDash) || !isVr(text, versionStart, relDash) || !isVr(text, relDash + 1, end)) return null;
  if (!hasDigit(text, versionStart, relDash)) return null;
  return { name: text.slice(nameStart, verDash), epoch, version: text.slice(versionStart, relDash), release: text.slice(relDash + 1, end), arch, line };
}
