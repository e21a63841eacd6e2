// RPM version comparison: a port of rpmvercmp() from rpm 4.x
// (lib/rpmvercmp.c, with the `~` and `^` rules of rpm >= 4.15) and of the
// epoch/version/release rules rpm applies on top of it. Pure functions.

// Character codes used below.
const Ch = {
  Zero: 48,
  Nine: 57,
  UpperA: 65,
  UpperZ: 90,
  LowerA: 97,
  LowerZ: 122,
  Tilde: 126,
  Caret: 94,
  Colon: 58,
} as const;

// rpm's risdigit/risalpha are ASCII-only (locale-independent); so are these.
function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}
function isAlpha(c: number): boolean {
  return (c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ);
}
function isAlnum(c: number): boolean {
  return isDigit(c) || isAlpha(c);
}

/**
 * Compare two version (or release) strings the way rpm does.
 * Returns 1 if `a` is newer, -1 if `b` is newer, 0 if they are the same.
 *
 * Strings are split into runs of digits and runs of ASCII letters; anything
 * else is a separator and only delimits runs. Digit runs compare numerically
 * (leading zeros ignored, any length), letter runs compare as bytes, a digit
 * run is newer than a letter run. `~` sorts before everything, even the end
 * of the string (1.0~rc1 < 1.0); `^` sorts after the end but before anything
 * else (1.0 < 1.0^git1 < 1.0.1). Once one side runs out, the side with
 * something left wins.
 */
export function rpmVerCmp(a: string, b: string): -1 | 0 | 1 {
  // easy comparison to see if versions are identical
  if (a === b) return 0;

  const la = a.length;
  const lb = b.length;
  // `one`/`two` point at the start of the current segment (C: one, two);
  // `e1`/`e2` at its end (C: str1, str2). Index === length plays the NUL.
  let one = 0;
  let two = 0;
  const at = (s: string, i: number, len: number): number => (i < len ? s.charCodeAt(i) : 0);

  while (one < la || two < lb) {
    while (one < la && !isAlnum(a.charCodeAt(one)) && a.charCodeAt(one) !== Ch.Tilde && a.charCodeAt(one) !== Ch.Caret) one++;
    while (two < lb && !isAlnum(b.charCodeAt(two)) && b.charCodeAt(two) !== Ch.Tilde && b.charCodeAt(two) !== Ch.Caret) two++;

    const c1 = at(a, one, la);
    const c2 = at(b, two, lb);

    // handle the tilde separator, it sorts before everything else
    if (c1 === Ch.Tilde || c2 === Ch.Tilde) {
      if (c1 !== Ch.Tilde) return 1;
      if (c2 !== Ch.Tilde) return -1;
      one++;
      two++;
      continue;
    }

    // Handle caret separator. Concept is the same as tilde, except that if
    // one of the strings ends (base version), the other is considered as
    // higher version.
    if (c1 === Ch.Caret || c2 === Ch.Caret) {
      if (one >= la) return -1;
      if (two >= lb) return 1;
      if (c1 !== Ch.Caret) return 1;
      if (c2 !== Ch.Caret) return -1;
      one++;
      two++;
      continue;
    }

    // If we ran to the end of either, we are finished with the loop
    if (!(one < la && two < lb)) break;

    let e1 = one;
    let e2 = two;
    let isnum: boolean;

    // grab first completely alpha or completely numeric segment
    if (isDigit(c1)) {
      while (e1 < la && isDigit(a.charCodeAt(e1))) e1++;
      while (e2 < lb && isDigit(b.charCodeAt(e2))) e2++;
      isnum = true;
    } else {
      while (e1 < la && isAlpha(a.charCodeAt(e1))) e1++;
      while (e2 < lb && isAlpha(b.charCodeAt(e2))) e2++;
      isnum = false;
    }

    // this cannot happen, as we previously tested to make sure that
    // the first string has a non-null segment
    if (one === e1) return -1; // arbitrary

    // take care of the case where the two version segments are different
    // types: one numeric, the other alpha (i.e. empty). Numeric segments are
    // always newer than alpha segments.
    if (two === e2) return isnum ? 1 : -1;

    let s1 = one;
    let s2 = two;
    if (isnum) {
      // throw away any leading zeros - it's a number, right?
      while (s1 < e1 && a.charCodeAt(s1) === Ch.Zero) s1++;
      while (s2 < e2 && b.charCodeAt(s2) === Ch.Zero) s2++;
      // whichever number has more digits wins
      const len1 = e1 - s1;
      const len2 = e2 - s2;
      if (len1 > len2) return 1;
      if (len2 > len1) return -1;
    }

    // strcmp of the two segments (ASCII only here, so code units = bytes)
    const seg1 = a.slice(s1, e1);
    const seg2 = b.slice(s2, e2);
    if (seg1 < seg2) return -1;
    if (seg1 > seg2) return 1;

    one = e1;
    two = e2;
  }

  // this catches the case where all numeric and alpha segments have compared
  // identically but the segment separating characters were different
  if (one >= la && two >= lb) return 0;

  // whichever version still has characters left over wins
  return one >= la ? -1 : 1;
}

/** Epoch, version, release of a package. `release` is null when absent. */
export interface Evr {
  epoch: number;
  version: string;
  release: string | null;
}

/**
 * Split `[epoch:]version[-release]` the way rpm's parseEVR does: the epoch is
 * a run of digits before a `:` at the start (empty means 0), the release is
 * whatever follows the last `-`. `"2:4.8.5-13.fc25"` gives
 * `{ epoch: 2, version: "4.8.5", release: "13.fc25" }`; `"4.8.5"` gives
 * `{ epoch: 0, version: "4.8.5", release: null }`. Surrounding whitespace is
 * ignored. Also accepts rpm's `(none):` epoch placeholder as 0.
 */
export function parseEvr(s: string): Evr {
  let rest = s.trim();
  let epoch = 0;
  let i = 0;
  while (i < rest.length && isDigit(rest.charCodeAt(i))) i++;
  if (i < rest.length && rest.charCodeAt(i) === Ch.Colon) {
    epoch = i === 0 ? 0 : parseEpoch(rest.slice(0, i));
    rest = rest.slice(i + 1);
  } else if (rest.startsWith("(none):")) {
    rest = rest.slice("(none):".length);
  }
  const dash = rest.lastIndexOf("-");
  if (dash < 0) return { epoch, version: rest, release: null };
  return { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

/** Digits to a number, saturating instead of losing precision silently. */
function parseEpoch(digits: string): number {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * Compare two EVRs as rpm compares a package against a versioned
 * dependency: epoch first (numerically), then version with rpmVerCmp, then
 * release, but only when both sides have one (a missing release on either
 * side matches any release).
 */
export function compareEvr(a: Evr, b: Evr): -1 | 0 | 1 {
  if (a.epoch !== b.epoch) return a.epoch > b.epoch ? 1 : -1;
  const v = rpmVerCmp(a.version, b.version);
  if (v !== 0) return v;
  if (a.release === null || b.release === null) return 0;
  return rpmVerCmp(a.release, b.release);
}

/** `epoch:version-release`, the epoch only when it is not 0. */
export function formatEvr(evr: Evr, options: { epoch?: "auto" | "never" } = {}): string {
  const epoch = options.epoch !== "never" && evr.epoch !== 0 ? `${evr.epoch}:` : "";
  return `${epoch}${evr.version}${evr.release === null ? "" : `-${evr.release}`}`;
}
