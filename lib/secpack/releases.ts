// Qubes OS release names as the tracker stores them: "R1", "R2", then "3.0" ... "4.3".

/** Sort key: major * 100 + minor ("R2" is 200, "4.0" is 400, "4.3" is 403); null for a name that is no release. */
export function releaseSortKey(name: string): number | null {
  const early = /^R(\d+)$/.exec(name);
  if (early) return Number(early[1]) * 100;
  const modern = /^(\d+)\.(\d+)$/.exec(name);
  if (modern) return Number(modern[1]) * 100 + Number(modern[2]);
  return null;
}

/** A release as written in a URL or by a person ("4.0", "R4.0", "r2", "Qubes 4.2") → its stored name, or null. */
export function normalizeRelease(input: string): string | null {
  const text = input.trim().replace(/^qubes(\s+os)?\s*/i, "").replace(/^r(?=\d)/i, "");
  if (/^\d+$/.test(text)) {
    const major = Number(text);
    return major <= 2 ? `R${major}` : `${major}.0`;
  }
  const match = /^(\d+)\.(\d+)$/.exec(text);
  if (!match) return null;
  const major = Number(match[1]);
  if (major <= 2) return match[2] === "0" ? `R${major}` : null;
  return `${major}.${Number(match[2])}`;
}
