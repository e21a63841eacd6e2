// "Am I patched?": compares a parsed dom0 package list with the fixes the
// Qubes Security Bulletins name. Pure, and bounded: the list is indexed once
// (per package name and branch, the lowest and highest installed build), so
// each fix costs a few lookups however long the list is.
import { bulletinId } from "../ids";
import { packagesOf, type FamilyId } from "../vocabulary/package-family";
import { inDom0, type Distribution, type Where } from "../vocabulary/where";
import { branchOf, checkBranches, type BranchAnswer } from "./branches";
import type { InstalledPackage } from "./installed";
import { compareEvr, formatEvr, type Evr } from "./version";

/** A fix as the check needs it (lib/queries/fixes.ts's FixView has these fields). */
export interface RequiredFix {
  bulletin: number;
  family: FamilyId;
  package: string;
  /** Alternative branches; an `epoch:` prefix is honoured if present. */
  versions: readonly string[];
  where: Where;
  distribution: Distribution | null;
}

export type FixCheckStatus = "fixed" | "missing" | "not-installed" | "templates";

export interface ConsideredPackage {
  name: string;
  /** `[epoch:]version-release` as installed (epoch shown when not 0). */
  evr: string;
  arch: string | null;
  line: number;
  satisfies: boolean;
}

export interface FixCheckResult {
  fix: RequiredFix;
  /** "templates": the fix is for templates only, which a dom0 list cannot show. */
  status: FixCheckStatus;
  /** The installed package the verdict rests on; null for "not-installed" and "templates". */
  decidedBy: ConsideredPackage | null;
  /** The version that fixes it for the deciding package's branch (or every alternative). */
  fixedIn: string;
  /** The installed packages compared, at most MAX_CONSIDERED. */
  considered: ConsideredPackage[];
  explanation: string;
  caveat: string | null;
}

export const MAX_CONSIDERED = 8;

interface Extremes {
  min: InstalledPackage;
  max: InstalledPackage;
}

/** Per package name: every installed build, and per branch the lowest and highest (epoch ignored, as bulletins state none). */
interface NameIndex {
  count: number;
  sample: InstalledPackage[];
  byBranch: Map<string, Extremes>;
  all: InstalledPackage[];
}

const noEpoch = (p: InstalledPackage): Evr => ({ epoch: 0, version: p.version, release: p.release });
const fullEvr = (p: InstalledPackage): Evr => ({ epoch: p.epoch, version: p.version, release: p.release });

/** Per package name (lower-cased), the installed builds; only the names in `wanted` (lower-cased) when given. */
export function indexInstalled(installed: readonly InstalledPackage[], wanted?: ReadonlySet<string>): Map<string, NameIndex> {
  const index = new Map<string, NameIndex>();
  for (const p of installed) {
    const key = p.name.toLowerCase();
    if (wanted && !wanted.has(key)) continue;
    let entry = index.get(key);
    if (!entry) {
      entry = { count: 0, sample: [], byBranch: new Map(), all: [] };
      index.set(key, entry);
    }
    entry.count++;
    entry.all.push(p);
    if (entry.sample.length < MAX_CONSIDERED) entry.sample.push(p);
    const b = branchOf(p.version);
    const ex = entry.byBranch.get(b);
    if (!ex) entry.byBranch.set(b, { min: p, max: p });
    else {
      if (compareEvr(noEpoch(p), noEpoch(ex.min)) < 0) ex.min = p;
      if (compareEvr(noEpoch(p), noEpoch(ex.max)) > 0) ex.max = p;
    }
  }
  return index;
}

/** One result per fix, in the order given. */
export function checkFixes(installed: readonly InstalledPackage[], fixes: readonly RequiredFix[]): FixCheckResult[] {
  // Only the packages some fix names are indexed: a list of 50,000 packages
  // costs one lookup per package, and each fix looks up only its own names.
  const wanted = new Set<string>();
  for (const fix of fixes) if (inDom0(fix.where)) for (const n of packagesOf(fix).names) wanted.add(n.toLowerCase());
  const index = indexInstalled(installed, wanted);
  return fixes.map((fix) => checkOne(index, fix));
}

function consider(p: InstalledPackage, answer: BranchAnswer): ConsideredPackage {
  return { name: p.name, evr: formatEvr(fullEvr(p)), arch: p.arch, line: p.line, satisfies: answer.fixed };
}

function judge(p: InstalledPackage, fix: RequiredFix, explicitEpoch: boolean): BranchAnswer {
  return checkBranches(explicitEpoch ? fullEvr(p) : noEpoch(p), explicitEpoch ? fix.versions : fix.versions.map(stripEpoch));
}

const stripEpoch = (v: string) => v.replace(/^\s*[0-9]*:/, "");
const alternatives = (versions: readonly string[]) => versions.join(" or ");

export function checkOne(index: Map<string, NameIndex>, fix: RequiredFix): FixCheckResult {
  const qsb = bulletinId(fix.bulletin);
  const all = alternatives(fix.versions);
  if (!inDom0(fix.where)) {
    return {
      fix,
      status: "templates",
      decidedBy: null,
      fixedIn: all,
      considered: [],
      explanation: `${fix.package} ${all} is for templates (${qsb}): a dom0 package list cannot show it`,
      caveat: null,
    };
  }
  const explicitEpoch = fix.versions.some((v) => /^\s*[0-9]*:/.test(v));
  const { names, match } = packagesOf(fix);
  const present = names.map((n) => ({ name: n, entry: index.get(n.toLowerCase()) })).filter((x) => x.entry !== undefined) as { name: string; entry: NameIndex }[];
  const templateNote = fix.where === "dom0+templates" ? `This fix is for templates too: check inside them as well.` : null;

  if (present.length === 0) {
    return {
      fix,
      status: "not-installed",
      decidedBy: null,
      fixedIn: all,
      considered: [],
      explanation: `no ${names.length > 1 ? `package of ${names.slice(0, 4).join(", ")}${names.length > 4 ? ", ..." : ""}` : `package named ${names[0] ?? fix.package}`} in the list (${qsb})`,
      caveat: templateNote,
    };
  }

  // Candidates: per name and branch, the lowest ("all": every one must be
  // fixed) or highest ("any": one fixed one is enough) installed build.
  const candidates: { p: InstalledPackage; a: BranchAnswer }[] = [];
  for (const { entry } of present) {
    if (explicitEpoch) {
      for (const p of entry.all) candidates.push({ p, a: judge(p, fix, true) });
      continue;
    }
    for (const ex of entry.byBranch.values()) {
      // "any" looks at the newest of each branch, and the oldest too, to say older builds are still installed.
      const picks = match === "all" || ex.min === ex.max ? [match === "all" ? ex.min : ex.max] : [ex.max, ex.min];
      for (const p of picks) candidates.push({ p, a: judge(p, fix, false) });
    }
  }
  const newestFirst = (x: { p: InstalledPackage }, y: { p: InstalledPackage }) => compareEvr(noEpoch(y.p), noEpoch(x.p));
  const considered = candidates.slice(0, MAX_CONSIDERED).map((c) => consider(c.p, c.a));
  const fixedOnes = candidates.filter((c) => c.a.fixed);
  const unfixed = candidates.filter((c) => !c.a.fixed);
  const isFixed = match === "all" ? unfixed.length === 0 : fixedOnes.length > 0;
  const shown = (c: { p: InstalledPackage }) => `${c.p.name} ${formatEvr(noEpoch(c.p))}`;

  if (isFixed) {
    const decided = [...fixedOnes].sort(newestFirst)[0]!;
    let caveat = templateNote;
    if (match === "any" && unfixed.length > 0) {
      caveat = `Older ${fix.package.startsWith("kernel") ? "kernels" : "builds"} are installed too (${unfixed.slice(0, 4).map(shown).join(", ")}): the fix applies only while the fixed one runs; check with uname -r${fix.family === "kernel-vm" ? " inside the qubes" : ""}.`;
    } else if (fix.family === "kernel" || fix.family === "kernel-vm") {
      caveat = `The fix applies once ${fix.family === "kernel" ? "dom0 has restarted" : "the qubes have restarted"} into it.`;
    }
    return {
      fix,
      status: "fixed",
      decidedBy: consider(decided.p, decided.a),
      fixedIn: decided.a.fixedIn ?? all,
      considered,
      explanation: `${shown(decided)} ${decided.a.verdict === "newer-branch" ? `is on a branch newer than every fixed one (${all})` : `is ${decided.a.fixedIn ?? all} or newer`} (${qsb})`,
      caveat,
    };
  }
  const decided = match === "all" ? unfixed[0]! : [...unfixed].sort(newestFirst)[0]!;
  const why =
    decided.a.verdict === "older-on-branch"
      ? `is older than ${decided.a.fixedIn}`
      : `is on the ${decided.a.branch} branch, which no fixed version is listed for (fixed in ${all})`;
  const others = match === "all" && unfixed.length > 1 ? `; also old: ${unfixed.slice(1, 4).map(shown).join(", ")}${unfixed.length > 4 ? ", ..." : ""}` : "";
  return {
    fix,
    status: "missing",
    decidedBy: consider(decided.p, decided.a),
    fixedIn: decided.a.fixedIn ?? all,
    considered,
    explanation: `${shown(decided)} ${why} (${qsb})${others}`,
    caveat: templateNote,
  };
}
