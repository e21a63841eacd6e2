// Bulletin and advisory identifiers as people and URLs write them.

/** The largest numbers an ID can carry (QSB-9999, XSA-99999): an input beyond them is not an ID. */
export const MAX_BULLETIN_NUMBER = 9999;
export const MAX_ADVISORY_NUMBER = 99999;

/** "54", "054", "QSB-054", "qsb54", "QSB #54" → 54; anything else → null. */
export function parseBulletinNumber(input: string): number | null {
  const match = /^\s*(?:qsb[\s#-]*|#\s*)?0*(\d{1,4})\s*$/i.exec(safeDecode(input));
  if (!match) return null;
  const n = Number(match[1]);
  return n > 0 ? n : null;
}

/** "306", "XSA-306", "xsa306", "XSA 306" → 306; anything else → null. */
export function parseAdvisoryNumber(input: string): number | null {
  const match = /^\s*(?:xsa[\s#-]*)?0*(\d{1,5})\s*$/i.exec(safeDecode(input));
  if (!match) return null;
  const n = Number(match[1]);
  return n > 0 ? n : null;
}

export const bulletinId = (n: number) => `QSB-${String(n).padStart(3, "0")}`;
export const advisoryId = (n: number) => `XSA-${n}`;

function safeDecode(input: string): string {
  try {
    return decodeURIComponent(input);
  } catch {
    return input;
  }
}

export const bulletinPath = (n: number) => `/qsb/${n}`;
export const releasePath = (name: string) => `/releases/${encodeURIComponent(name)}`;
/** The check on a release's page. */
export const releaseCheckPath = (name: string) => `${releasePath(name)}#check`;
