// Qubes OS release names: one spelling for the importer, the pages, the API
// and the feeds.
//
// A release is named as the Qubes documentation's supported-releases page
// names it, without the word "Release": "1", "2", "3.0", "3.1", "3.2", "4.0",
// ... "4.3". Releases 1 and 2 had no minor number; from 3.0 on the minor is
// always written. Pre-releases ("R2 Beta 2", "R3.0-rc1", "4.2.0-rc3") belong
// to their release; the stage ("beta 2") is kept beside the name, never in it.
// Every label is written the same way: "Qubes OS R2", "Qubes OS R4.2".

/** A release name in its one stored spelling ("2", "4.2"). */
export type ReleaseName = string;

export interface StatedRelease {
  name: ReleaseName;
  /** "beta 2", "rc1", ... as the text writes the pre-release; null for the release itself. */
  stage: string | null;
}

const RELEASE_RE =
  /^(?:qubes\s+)?(?:os\s+)?(?:release\s+|r\s*)?(\d{1,2})(?:\.(\d{1,2}))?(?:\.\d{1,2})?(?:[-\s]*((?:beta|rc|alpha)[-\s]*\d*))?$/i;

/**
 * A release as a person or a bulletin writes it ("R2 Beta 2", "Release 1",
 * "R3.0", "4.2", "Qubes OS 4.1", "4", "r4.2", "4.2.1") → its name and stage,
 * or null when the text is no release.
 */
export function parseRelease(input: string): StatedRelease | null {
  const text = input.trim().replace(/\s+/g, " ");
  const m = RELEASE_RE.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  if (major <= 0 || major > 20) return null;
  const minor = m[2] === undefined ? null : Number(m[2]);
  let name: string;
  if (major <= 2) {
    if (minor !== null && minor !== 0) return null;
    name = String(major);
  } else {
    name = `${major}.${minor ?? 0}`;
  }
  const stage = m[3] ? m[3].toLowerCase().replace(/[-\s]+/g, " ").replace(/^(beta|rc|alpha) ?(\d)/, "$1 $2").trim() : null;
  return { name, stage };
}

/** A release as written in a URL, a form or a CLI option → its name, or null. */
export function normalizeRelease(input: string): ReleaseName | null {
  return parseRelease(input)?.name ?? null;
}

/** Sort key: major * 100 + minor ("2" is 200, "4.0" is 400, "4.3" is 403); null for a name that is no release. */
export function releaseSortKey(name: string): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(name);
  if (!m) return null;
  return Number(m[1]) * 100 + Number(m[2] ?? 0);
}

/** "R4.2", "R2 beta 2". */
export function releaseShortLabel(name: ReleaseName, stage: string | null = null): string {
  return `R${name}${stage ? ` ${stage}` : ""}`;
}

/** "Qubes OS R4.2"; for no release, "no release named". */
export function releaseLabel(name: ReleaseName | null, stage: string | null = null): string {
  return name === null ? "no release named" : `Qubes OS ${releaseShortLabel(name, stage)}`;
}

/** Newest first. */
export function compareReleasesDesc(a: ReleaseName, b: ReleaseName): number {
  return (releaseSortKey(b) ?? 0) - (releaseSortKey(a) ?? 0);
}
