// Which Qubes release a dom0 package list comes from: the qubes-release
// package says it outright ("qubes-release-4.2-..."); otherwise the Fedora
// dist tag most packages carry (".fc37") and the supported-releases page's
// table of dom0 Fedora versions (Fedora 37 is 4.2). Pure.
import { normalizeRelease, type ReleaseName } from "../vocabulary/release";
import type { InstalledPackage } from "./installed";

export interface DetectedRelease {
  release: ReleaseName | null;
  /** How it was found, in words: "qubes-release-4.2-0.1 (line 12)", "612 of 800 packages are built for Fedora 37 (.fc37)". */
  evidence: string | null;
  /** The most common Fedora dist tag, if any. */
  fedora: number | null;
}

export function detectRelease(packages: readonly InstalledPackage[], dom0Fedora: readonly { name: string; dom0Fedora: number | null }[]): DetectedRelease {
  const counts = new Map<number, number>();
  let tagged = 0;
  for (const p of packages) {
    if (p.name === "qubes-release") {
      const release = normalizeRelease(p.version);
      if (release) {
        const fedora = dom0Fedora.find((r) => r.name === release)?.dom0Fedora ?? null;
        return { release, evidence: `the package qubes-release ${p.version}-${p.release} (line ${p.line})`, fedora };
      }
    }
    const n = fedoraTag(p.release);
    if (n !== null) {
      counts.set(n, (counts.get(n) ?? 0) + 1);
      tagged++;
    }
  }
  let best: number | null = null;
  for (const [fc, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = fc;
  if (best === null) return { release: null, evidence: null, fedora: null };
  const matches = dom0Fedora.filter((r) => r.dom0Fedora === best);
  const share = `${counts.get(best)} of ${tagged} packages with a Fedora dist tag are built for Fedora ${best} (.fc${best})`;
  // Two releases on one Fedora (3.0 and 3.1 on Fedora 20): the list cannot tell them apart.
  if (matches.length !== 1) return { release: null, evidence: matches.length === 0 ? `${share}, which is the dom0 of no Qubes release known here` : `${share}, the dom0 of ${matches.map((r) => r.name).join(" and ")}`, fedora: best };
  return { release: matches[0]!.name, evidence: share, fedora: best };
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The Fedora version of a release's dist tag: the first "fcNN" (two digits)
 * at the start or after a '.', followed by '.', '_' or the end ("1.qubes.fc37"
 * gives 37); null when there is none. What /(?:^|\.)fc(\d{2})(?:\.|_|$)/
 * finds, without a match object per package.
 */
export function fedoraTag(release: string): number | null {
  for (let at = release.indexOf("fc"); at >= 0; at = release.indexOf("fc", at + 1)) {
    if (at > 0 && release.charCodeAt(at - 1) !== 46) continue;
    const d1 = release.charCodeAt(at + 2);
    const d2 = release.charCodeAt(at + 3);
    if (!isDigit(d1) || !isDigit(d2)) continue;
    const after = release.charCodeAt(at + 4);
    if (at + 4 < release.length && after !== 46 && after !== 95) continue;
    return (d1 - 48) * 10 + (d2 - 48);
  }
  return null;
}
