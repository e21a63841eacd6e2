// Reads a pasted dom0 package list: the output of `rpm -qa` (any of the
// usual --qf variants that print NAME-[EPOCH:]VERSION-RELEASE[.ARCH]), of
// `dnf repoquery --installed`, or of `dnf list --installed` /
// `dnf list installed` (dnf4 and dnf5, with their header lines and the lines
// dnf wraps when a name is too long for its column). Pure, linear in the
// input, and bounded: at most MAX_INPUT_CHARS characters and MAX_INPUT_LINES
// lines are read.

import { parseEvr } from "@/lib/rpm/version";

export interface InstalledPackage {
  name: string;
  epoch: number;
  version: string;
  release: string;
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

// No pattern below can backtrack more than linearly: every quantified class
// excludes the character that follows it.
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;
const VR_RE = /^[A-Za-z0-9._+~^]+$/;
const HAS_DIGIT_RE = /[0-9]/;
/** dnf's version column: [epoch:]version-release, exactly one '-'. */
const DNF_EVR_RE = /^(?:([0-9]+):)?([A-Za-z0-9._+~^]+)-([A-Za-z0-9._+~^]+)$/;
/** dnf's repository column: @System, @anaconda, @qubes-dom0-cached, anaconda, <unknown>. */
const REPO_RE = /^(?:@[^\s@]+|<unknown>|[A-Za-z0-9_][A-Za-z0-9._:-]*)$/;

const INSTALLED_HEADER_RE = /^Installed\s+packages:?$/i;
const OTHER_SECTION_RE =
  /^(?:Available|Extra|Recently\s+added|Upgradable|Upgrade|Obsoleting|Autoremove|Available\s+upgrades?)(?:\s+packages)?:?$/i;
const NOISE_RE = [
  /^Last metadata expiration check:/i,
  /^Updating and loading repositories:?$/i,
  /^Repositories loaded\.?$/i,
];

interface Line {
  no: number;
  text: string;
}

interface NameArch {
  name: string;
  arch: string;
}

interface ParsedEvr {
  epoch: number;
  version: string;
  release: string;
}

export function parseInstalledPackages(text: string): ParsedPackageList {
  const packages: InstalledPackage[] = [];
  const unparsed: UnparsedLine[] = [];
  const { lines, cutAtLine } = splitLines(text);

  // Non-blank lines only; blank ones still count for numbering.
  const rows: Line[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (t !== "") rows.push({ no: l.no, text: t });
  }

  let inOtherSection = false;
  /** The previous entry was a dnf line whose repository column may follow alone. */
  let awaitingRepo = false;

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const t = row.text;
    const wasAwaitingRepo = awaitingRepo;
    awaitingRepo = false;

    if (INSTALLED_HEADER_RE.test(t)) {
      inOtherSection = false;
      continue;
    }
    if (OTHER_SECTION_RE.test(t)) {
      inOtherSection = true;
      unparsed.push({
        line: row.no,
        text: `"${echo(t)}" section skipped: the packages listed under it are not installed`,
      });
      continue;
    }
    if (inOtherSection) continue;
    if (NOISE_RE.some((re) => re.test(t))) continue;

    const tokens = t.split(/\s+/);
    const t0 = tokens[0]!;

    // dnf list: name.arch  [epoch:]version-release  repo
    if (tokens.length === 2 || tokens.length === 3) {
      const na = parseNameArch(t0);
      const evr = na ? parseDnfEvr(tokens[1]!) : null;
      if (na && evr && (tokens.length === 2 || REPO_RE.test(tokens[2]!))) {
        packages.push({ ...na, ...evr, line: row.no });
        awaitingRepo = tokens.length === 2;
        continue;
      }
    }

    if (tokens.length === 1) {
      // dnf list, wrapped: name.arch alone, the rest on the next line.
      const na = parseNameArch(t0);
      const next = rows[i + 1];
      if (na && next) {
        const nextTokens = next.text.split(/\s+/, 3);
        const evr = nextTokens.length <= 2 ? parseDnfEvr(nextTokens[0]!) : null;
        if (evr && (nextTokens.length === 1 || REPO_RE.test(nextTokens[1]!))) {
          packages.push({ ...na, ...evr, line: row.no });
          awaitingRepo = nextTokens.length === 1;
          i++;
          continue;
        }
      }

      const nevra = parseNevra(t0);
      // dnf list, wrapped: the repository column alone on its line.
      if (wasAwaitingRepo && REPO_RE.test(t0) && (nevra === null || nevra.arch === null)) continue;

      // rpm -qa / dnf repoquery: one NEVRA per line.
      if (nevra) {
        packages.push({ ...nevra, line: row.no });
        continue;
      }
    } else {
      // Several NEVRAs on one line (a list joined with spaces), or
      // `rpm -qa --last` (NEVRA, then the install date).
      const all = tokens.map(parseNevra);
      if (all.every((p) => p !== null)) {
        for (const p of all) packages.push({ ...p, line: row.no });
        continue;
      }
      const first = all[0];
      if (first && first.arch !== null) {
        packages.push({ ...first, line: row.no });
        continue;
      }
    }

    unparsed.push({ line: row.no, text: echo(t) });
  }

  if (cutAtLine !== null) {
    unparsed.push({
      line: cutAtLine,
      text:
        `input cut: only the first ${MAX_INPUT_LINES.toLocaleString("en-US")} lines ` +
        `and 2 MB are read; the rest, from line ${cutAtLine}, was ignored`,
    });
  }
  return { packages, unparsed };
}

/**
 * Lines of the (capped) text, split on LF, CRLF or CR. `cutAtLine` is the
 * number of the first line not read, or null when everything was read.
 */
function splitLines(text: string): { lines: Line[]; cutAtLine: number | null } {
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

  const lines: Line[] = [];
  const breakRe = /\r\n|\n|\r/g;
  let start = 0;
  let no = 1;
  while (lines.length < MAX_INPUT_LINES) {
    breakRe.lastIndex = start;
    const m = breakRe.exec(body);
    if (!m) {
      // Last line (no line break after it); an empty tail is not a line.
      if (start < body.length) {
        lines.push({ no, text: body.slice(start) });
        no++;
      }
      start = body.length;
      break;
    }
    lines.push({ no, text: body.slice(start, m.index) });
    no++;
    start = m.index + m[0].length;
  }

  const moreLines = start < body.length;
  return { lines, cutAtLine: moreLines || cutBySize ? no : null };
}

function echo(t: string): string {
  return t.length > MAX_ECHO_CHARS ? `${t.slice(0, MAX_ECHO_CHARS)}…` : t;
}

/** `name.arch` as dnf prints it. */
function parseNameArch(token: string): NameArch | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const arch = token.slice(dot + 1);
  const name = token.slice(0, dot);
  if (!KNOWN_ARCHES.has(arch) || !NAME_RE.test(name)) return null;
  return { name, arch };
}

/** dnf's `[epoch:]version-release`. */
function parseDnfEvr(token: string): ParsedEvr | null {
  const m = DNF_EVR_RE.exec(token);
  if (!m) return null;
  const evr = parseEvr(token);
  if (evr.release === null || !HAS_DIGIT_RE.test(evr.version)) return null;
  return { epoch: evr.epoch, version: evr.version, release: evr.release };
}

/**
 * `name-[epoch:]version-release[.arch]`, split from the right: the arch
 * after the last dot if it is a known one, the release after the last '-',
 * the version after the one before. Also takes `epoch:name-version-release.arch`
 * and rpm's `(none):` placeholder for a missing epoch.
 */
function parseNevra(token: string): (ParsedEvr & { name: string; arch: string | null }) | null {
  let rest = token;
  let arch: string | null = null;
  const dot = rest.lastIndexOf(".");
  if (dot > 0) {
    const suffix = rest.slice(dot + 1);
    if (KNOWN_ARCHES.has(suffix)) {
      arch = suffix;
      rest = rest.slice(0, dot);
    } else if (suffix === "(none)") {
      // %{ARCH} of a package without one (gpg-pubkey)
      rest = rest.slice(0, dot);
    }
  }

  const relDash = rest.lastIndexOf("-");
  if (relDash <= 0) return null;
  const verDash = rest.lastIndexOf("-", relDash - 1);
  if (verDash <= 0) return null;
  let name = rest.slice(0, verDash);
  let versionPart = rest.slice(verDash + 1, relDash);
  const release = rest.slice(relDash + 1);

  let epoch = 0;
  const colon = versionPart.indexOf(":");
  if (colon >= 0) {
    const e = versionPart.slice(0, colon);
    if (e === "(none)") epoch = 0;
    else if (/^[0-9]+$/.test(e)) epoch = parseEvr(`${e}:`).epoch;
    else return null;
    versionPart = versionPart.slice(colon + 1);
  } else {
    const m = /^([0-9]+):/.exec(name);
    if (m) {
      epoch = parseEvr(m[0]).epoch;
      name = name.slice(m[0].length);
    }
  }

  if (!NAME_RE.test(name) || !VR_RE.test(versionPart) || !VR_RE.test(release)) return null;
  if (!HAS_DIGIT_RE.test(versionPart)) return null;
  return { name, epoch, version: versionPart, release, arch };
}
