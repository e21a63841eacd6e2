// "Am I patched?": compares a parsed dom0 package list with the fixed package
// versions the Qubes Security Bulletins name. Pure.

import { bulletinId } from "../ids";
import type { InstalledPackage } from "./installed";
import { compareEvr, formatEvr, parseEvr, type Evr } from "./version";

/** A fixed version named by a bulletin, as stored by the importer. */
export interface RequiredFix {
  bulletin: number;
  /**
   * Normalised package name: "xen" (the Xen packages), "kernel" (the dom0
   * kernels), or an RPM name as written ("amd-ucode-firmware", "qubes-core-dom0").
   */
  package: string;
  /** `version-release` without dist tag ("4.17.5-11"); an `epoch:` prefix is honoured if present. */
  version: string;
  /** "dom0", "templates", "vms", "dom0+templates". */
  location: string;
}

export type FixCheckStatus = "fixed" | "missing" | "not-installed";

/** An installed package that was compared with the fix. */
export interface ConsideredPackage {
  name: string;
  /** `[epoch:]version-release` as installed (epoch shown when not 0). */
  evr: string;
  arch: string | null;
  /** Line of the pasted list it came from. */
  line: number;
  /** Whether this package alone is the fixed version or newer. */
  satisfies: boolean;
}

export interface FixCheckResult {
  fix: RequiredFix;
  status: FixCheckStatus;
  /** The installed packages compared with the fix, newest first; empty for "not-installed". */
  considered: ConsideredPackage[];
  /**
   * The package the verdict rests on: the newest one considered (for
   * "fixed", a package that is the fixed version or newer); null for
   * "not-installed".
   */
  decidedBy: ConsideredPackage | null;
  /** One plain-language line, e.g. "xen-hypervisor 4.17.5-10.fc37 is older than 4.17.5-11 (QSB-110)". */
  explanation: string;
  /** A second line worth showing, or null (kernels: the running one may differ; fixes outside dom0). */
  caveat: string | null;
}

/** For "xen" the first of these that is installed is compared. */
export const XEN_PACKAGES = ["xen-hypervisor", "xen", "xen-libs"] as const;
/** For "kernel" every installed package with one of these names is compared. */
export const KERNEL_PACKAGES = ["kernel", "kernel-latest"] as const;

interface Candidate {
  pkg: InstalledPackage;
  /** What is compared with the required version. */
  evr: Evr;
}

/**
 * Check each fix against the installed packages. One result per fix, in the
 * order given (several fixes of one package are each reported).
 *
 * - "xen": the `xen-hypervisor` package if present, else `xen`, else `xen-libs`.
 * - "kernel": every installed `kernel` and `kernel-latest` package; the fix
 *   counts as installed if any one of them is the fixed version or newer.
 * - anything else: installed packages with exactly that name (case-insensitive).
 *
 * "Installed >= required" is rpm's comparison: epoch, then version, then
 * release, so `4.8.5-13.fc25` satisfies `4.8.5-13`. Bulletins omit epochs,
 * so when the required version has no `epoch:` the installed epoch is
 * ignored (Qubes' Xen packages carry epoch 2001, which would otherwise make
 * every Xen build look newer than every fix).
 */
export function checkFixes(installed: InstalledPackage[], fixes: RequiredFix[]): FixCheckResult[] {
  const byName = new Map<string, InstalledPackage[]>();
  for (const p of installed) {
    const key = p.name.toLowerCase();
    const list = byName.get(key);
    if (list) list.push(p);
    else byName.set(key, [p]);
  }
  return fixes.map((fix) => checkOne(byName, fix));
}

function checkOne(byName: Map<string, InstalledPackage[]>, fix: RequiredFix): FixCheckResult {
  const wanted = fix.package.trim().toLowerCase();
  const qsb = bulletinId(fix.bulletin);
  const requiredText = fix.version.trim();
  const explicitEpoch = /^[0-9]*:/.test(requiredText);
  const required = parseEvr(requiredText);
  const outsideDom0 = /\b(?:templates?|vms?)\b/i.test(fix.location) && !/\bdom0\b/i.test(fix.location);
  const locationCaveat = outsideDom0
    ? `This fix is for ${fix.location.trim()}, not dom0: a dom0 package list does not show whether it is installed there.`
    : null;

  const isKernel = wanted === "kernel";
  let pkgs: InstalledPackage[];
  if (wanted === "xen") {
    pkgs = [];
    for (const name of XEN_PACKAGES) {
      const found = byName.get(name);
      if (found && found.length > 0) {
        pkgs = found;
        break;
      }
    }
  } else if (isKernel) {
    pkgs = KERNEL_PACKAGES.flatMap((name) => byName.get(name) ?? []);
  } else {
    pkgs = byName.get(wanted) ?? [];
  }

  if (pkgs.length === 0) {
    const what =
      wanted === "xen"
        ? `no Xen package (${XEN_PACKAGES.join(", ")})`
        : isKernel
          ? `no dom0 kernel package (${KERNEL_PACKAGES.join(", ")})`
          : `no package named ${fix.package.trim()}`;
    return {
      fix,
      status: "not-installed",
      considered: [],
      decidedBy: null,
      explanation: `${what} in the list (${qsb})`,
      caveat: locationCaveat,
    };
  }

  const candidates: Candidate[] = pkgs.map((pkg) => ({
    pkg,
    evr: {
      epoch: explicitEpoch ? pkg.epoch : required.epoch,
      version: pkg.version,
      release: pkg.release,
    },
  }));
  // Newest first, by the same comparison that decides the verdict; stable.
  candidates.sort((a, b) => compareEvr(b.evr, a.evr) || compareEvr(fullEvr(b.pkg), fullEvr(a.pkg)));

  const considered = candidates.map(
    (c): ConsideredPackage => ({
      name: c.pkg.name,
      evr: formatEvr(fullEvr(c.pkg)),
      arch: c.pkg.arch,
      line: c.pkg.line,
      satisfies: compareEvr(c.evr, required) >= 0,
    }),
  );
  const best = candidates[0]!;
  const decidedBy = considered[0]!;
  const shown = `${best.pkg.name} ${formatEvr(best.evr)}`;
  const req = formatEvr(required);

  if (decidedBy.satisfies) {
    let caveat = locationCaveat;
    if (isKernel) {
      const older = considered.filter((c) => !c.satisfies);
      caveat =
        older.length > 0
          ? `Older kernels are installed too (${older.map((c) => `${c.name} ${c.evr}`).join(", ")}): ` +
            `the fix applies only while dom0 runs a fixed kernel; check with uname -r.`
          : `The fix applies once dom0 has restarted into it; check the running kernel with uname -r.`;
    }
    return {
      fix,
      status: "fixed",
      considered,
      decidedBy,
      explanation: `${shown} is ${req} or newer (${qsb})`,
      caveat,
    };
  }

  const ofMany = isKernel && considered.length > 1 ? ` (the newest of ${considered.length} installed kernels)` : "";
  return {
    fix,
    status: "missing",
    considered,
    decidedBy,
    explanation: `${shown}${ofMany} is older than ${req} (${qsb})`,
    caveat: locationCaveat,
  };
}

function fullEvr(p: InstalledPackage): Evr {
  return { epoch: p.epoch, version: p.version, release: p.release };
}
