// The branch rule: a fix line can name alternative branches. "versions
// 6.1.43, 6.4.8, 5.15.124" means the fix is in 6.1.43 on the 6.1 branch,
// 6.4.8 on 6.4 and 5.15.124 on 5.15. An installed version satisfies the fix
// when it is at least the version listed for its own branch (major.minor),
// or when it is on a branch newer than every listed one. A version on an
// older branch, or on an unlisted branch between listed ones, is not fixed.
// With one version listed this is rpm's plain "at least" comparison.
import { compareEvr, parseEvr, rpmVerCmp, type Evr } from "./version";

/** The branch of a version: its first two upstream components ("6.1.43-1" → "6.1", "20230625-147" → "20230625"). */
export function branchOf(version: string): string {
  const upstream = parseEvr(version).version;
  return upstream.split(/[.+~^_]/).slice(0, 2).join(".");
}

export type BranchVerdict =
  /** At least the version listed for its own branch. */
  | "fixed-on-branch"
  /** On a branch newer than every listed one. */
  | "newer-branch"
  /** On a listed branch, but older than the version listed for it. */
  | "older-on-branch"
  /** On a branch no version is listed for, older than the newest listed one. */
  | "unlisted-branch";

export interface BranchAnswer {
  fixed: boolean;
  verdict: BranchVerdict;
  /** The installed version's branch. */
  branch: string;
  /**
   * The version that fixes it for this installed package: the one listed for
   * its branch, else the lowest listed version above it; null when fixed on
   * a newer branch.
   */
  fixedIn: string | null;
}

/** Installed version as the fix compares it: when the fix states no epoch, the installed epoch is ignored. */
function comparable(installed: Evr, required: Evr, requiredText: string): Evr {
  return /^\s*[0-9]*:/.test(requiredText) ? installed : { ...installed, epoch: required.epoch };
}

/** Does `installed` satisfy a fix listing `versions` (alternative branches)? `versions` must not be empty. */
export function checkBranches(installed: Evr, versions: readonly string[]): BranchAnswer {
  const listed = versions.map((text) => ({ text, evr: parseEvr(text), branch: branchOf(text) }));
  const branch = branchOf(installed.version);
  const own = listed.filter((l) => l.branch === branch);
  if (own.length > 0) {
    // Several versions on one branch: the lowest one is the fix on it.
    const lowest = own.reduce((a, b) => (compareEvr(b.evr, a.evr) < 0 ? b : a));
    const fixed = compareEvr(comparable(installed, lowest.evr, lowest.text), lowest.evr) >= 0;
    return { fixed, verdict: fixed ? "fixed-on-branch" : "older-on-branch", branch, fixedIn: lowest.text };
  }
  const newest = listed.reduce((a, b) => (rpmVerCmp(b.branch, a.branch) > 0 ? b : a));
  if (rpmVerCmp(branch, newest.branch) > 0) return { fixed: true, verdict: "newer-branch", branch, fixedIn: null };
  const above = listed
    .filter((l) => compareEvr(comparable(installed, l.evr, l.text), l.evr) < 0)
    .sort((a, b) => compareEvr(a.evr, b.evr));
  return { fixed: false, verdict: "unlisted-branch", branch, fixedIn: (above[0] ?? newest).text };
}

/** One branch of a per-package minimum: at least `version` on `branch` (from `bulletins`). */
export interface BranchMinimum {
  branch: string;
  version: string;
  bulletins: number[];
}

export interface PackageMinimum {
  /** The branches on which a fully patched system can be, each with its minimum. */
  branches: BranchMinimum[];
  /** Any branch newer than this one satisfies every fix (the newest branch any fix lists). */
  newerThan: string;
}

/**
 * The union of branch rules of several fixes of one package: on each listed
 * branch, the highest version any fix requires there; a branch that some
 * fix rules out (older or unlisted while that fix lists a newer one) is left
 * out, since no version on it satisfies every fix.
 */
export function minimumOverFixes(fixes: readonly { bulletin: number; versions: readonly string[] }[]): PackageMinimum | null {
  const rules = fixes.filter((f) => f.versions.length > 0);
  if (rules.length === 0) return null;
  const branches = new Map<string, BranchMinimum>();
  for (const f of rules) {
    for (const v of f.versions) {
      const b = branchOf(v);
      if (!branches.has(b)) branches.set(b, { branch: b, version: v, bulletins: [] });
    }
  }
  const newest = [...branches.keys()].reduce((a, b) => (rpmVerCmp(b, a) > 0 ? b : a));
  const out: BranchMinimum[] = [];
  for (const entry of branches.values()) {
    let version: string | null = null;
    const from: number[] = [];
    let possible = true;
    for (const f of rules) {
      const own = f.versions.filter((v) => branchOf(v) === entry.branch);
      if (own.length > 0) {
        const lowest = own.reduce((a, b) => (compareEvr(parseEvr(b), parseEvr(a)) < 0 ? b : a));
        if (version === null || compareEvr(parseEvr(lowest), parseEvr(version)) > 0) version = lowest;
        from.push(f.bulletin);
        continue;
      }
      const fNewest = f.versions.map(branchOf).reduce((a, b) => (rpmVerCmp(b, a) > 0 ? b : a));
      if (rpmVerCmp(entry.branch, fNewest) <= 0) {
        possible = false;
        break;
      }
    }
    if (possible && version !== null) out.push({ branch: entry.branch, version, bulletins: [...new Set(from)].sort((a, b) => b - a) });
  }
  out.sort((a, b) => rpmVerCmp(b.branch, a.branch));
  return { branches: out, newerThan: newest };
}

/**
 * Branches a later bulletin vouches for. Qubes' stable branches are
 * cumulative: when a later bulletin for the same package and release lists
 * a branch an earlier one did not (kernel 5.15.124 in QSB-092, after
 * QSB-078 listed 5.10 and 5.16), a build at or above that later version
 * carries the earlier fix too. Such branches are added to the earlier fix
 * as implied alternatives (only branches older than the earlier fix's newest
 * one: newer ones satisfy it already). `key` groups fixes of one package,
 * release and place.
 */
export function withLaterBranches<T extends { bulletin: number; versions: readonly string[] }>(fixes: readonly T[], key: (f: T) => string): (T & { versions: string[]; implied: string[] })[] {
  const groups = new Map<string, T[]>();
  for (const f of fixes) {
    const k = key(f);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return fixes.map((f) => {
    const own = new Set(f.versions.map(branchOf));
    if (f.versions.length === 0) return { ...f, versions: [...f.versions], implied: [] };
    const newest = [...own].reduce((a, b) => (rpmVerCmp(b, a) > 0 ? b : a));
    const implied = new Map<string, string>();
    for (const later of groups.get(key(f)) ?? []) {
      if (later.bulletin <= f.bulletin) continue;
      for (const v of later.versions) {
        const b = branchOf(v);
        if (own.has(b) || rpmVerCmp(b, newest) >= 0) continue;
        const current = implied.get(b);
        if (current === undefined || compareEvr(parseEvr(v), parseEvr(current)) < 0) implied.set(b, v);
      }
    }
    return { ...f, versions: [...f.versions, ...implied.values()], implied: [...implied.values()] };
  });
}
