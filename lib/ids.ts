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
export const advisoryPath = (n: number) => `/xsa/${n}`;
export const releasePath = (name: string) => `/releases/${encodeURIComponent(name)}`;
/** The check on a release's page. */
export const releaseCheckPath = (name: string) => `${releasePath(name)}#check`;

/** The largest canary number an ID can carry (canary-9999). */
export const MAX_CANARY_NUMBER = 9999;

/** "47", "047", "canary-047", "Canary #47", "canary 47" → 47; anything else → null. */
export function parseCanaryNumber(input: string): number | null {
  const match = /^\s*(?:canary[\s#-]*|#\s*)?0*(\d{1,4})\s*$/i.exec(safeDecode(input));
  if (!match) return null;
  const n = Number(match[1]);
  return n > 0 ? n : null;
}

/** "canary-047", the canary's ID in the API and the feeds. */
export const canaryId = (n: number) => `canary-${String(n).padStart(3, "0")}`;
/** "Canary 047", as the canaries title themselves. */
export const canaryLabel = (n: number) => `Canary ${String(n).padStart(3, "0")}`;
export const canaryPath = (n: number) => `/canaries/${n}`;
export const CANARIES_PATH = "/canaries";
