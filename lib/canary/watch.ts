// Watching the canaries as the Qubes page asks (qubes-os.org/security/canary):
// "if the canaries should suddenly cease, if one or more signers begin
// declining to sign them, or if the included statements change significantly
// without plausible explanation". Pure functions of parsed canaries (and of
// today's date, passed in): no database, no clock.
import type { CanaryStatement, NextCanaryWindow } from "./parse-canary";
import type { CanaryStatus } from "./vocabulary";

/** What the watch needs of one canary. */
export interface WatchedCanary {
  number: number;
  date: string | null;
  /** The signers' names (the NAME of canary-NNN-YYYY.txt.sig.NAME), sorted. */
  signers: string[];
  preamble: string | null;
  statements: CanaryStatement[];
  specialAnnouncements: string | null;
  nextDue: NextCanaryWindow | null;
}

export interface CanaryChanges {
  signersAdded: string[];
  signersRemoved: string[];
  /** Numbers of the statements whose wording changed (0: the sentence before them); dates and counts that change every time do not count. */
  statementsChanged: number[];
}

export const NO_CHANGES: CanaryChanges = { signersAdded: [], signersRemoved: [], statementsChanged: [] };

const MONTH = "(?:january|february|march|april|may|june|july|august|september|october|november|december)";

/**
 * A statement's wording with what changes in every canary masked: dates,
 * the promised window ("the first two weeks of March 2017" and "the last
 * fourteen days of May 2023" alike), months, years and numbers.
 * Case and whitespace do not count either.
 */
export function statementWording(text: string): string {
  return text
    .toLowerCase()
    .replace(new RegExp(`\\b(?:first|last)\\s+(?:week|[a-z0-9-]+\\s+(?:weeks|days))\\s+of\\s+${MONTH}\\s+\\d{4}\\b`, "g"), "<window>")
    .replace(new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, "g"), "<date>")
    .replace(new RegExp(`\\b${MONTH}\\s+\\d{4}\\b`, "g"), "<month>")
    .replace(/\b(?:[0-9a-f]{4}\s+){9}[0-9a-f]{4}\b/g, "<fingerprint>")
    .replace(/#?\d+/g, "<n>")
    .replace(/\s+/g, " ")
    .trim();
}

/** The statements of a canary keyed by number, with the preamble as 0. */
function statementMap(c: Pick<WatchedCanary, "preamble" | "statements">): Map<number, string> {
  const map = new Map<number, string>();
  if (c.preamble) map.set(0, c.preamble);
  for (const s of c.statements) map.set(s.number, s.text);
  return map;
}

/** Signers and statements of `current` against the canary before it. */
export function compareCanaries(previous: WatchedCanary | null, current: WatchedCanary): CanaryChanges {
  if (!previous) return NO_CHANGES;
  const before = new Set(previous.signers);
  const now = new Set(current.signers);
  const a = statementMap(previous);
  const b = statementMap(current);
  const numbers = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  return {
    signersAdded: current.signers.filter((s) => !before.has(s)),
    signersRemoved: previous.signers.filter((s) => !now.has(s)),
    statementsChanged: numbers.filter((n) => statementWording(a.get(n) ?? "") !== statementWording(b.get(n) ?? "")),
  };
}

/** The canary's statements as text, one per paragraph, for the diff with the previous one. */
export function statementsText(c: Pick<WatchedCanary, "preamble" | "statements">): string {
  return [...(c.preamble ? [c.preamble] : []), ...c.statements.map((s) => `${s.number}. ${s.text}`)].join("\n\n") + "\n";
}

/** The special announcement of `current` or `previous` that names the signer, if any (a short quote). */
export function explainingAnnouncement(signer: string, previous: WatchedCanary | null, current: WatchedCanary): { canary: number; quote: string } | null {
  const name = signer.toLowerCase();
  for (const c of [current, previous]) {
    const text = c?.specialAnnouncements;
    if (!c || !text) continue;
    const sentences = text.replace(/\s+/g, " ").split(/(?<=[.!?])\s+/);
    const hit = sentences.find((s) => s.toLowerCase().includes(name));
    if (hit) return { canary: c.number, quote: sentences.slice(sentences.indexOf(hit), sentences.indexOf(hit) + 2).join(" ") };
  }
  return null;
}

export const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Whether the promise a canary made was kept: `on-time` when the next canary
 * came by the window's last day (or that day has not passed yet), `overdue`
 * when it came later or has not come and the day has passed, `unknown` when
 * the promise could not be read.
 */
export function promiseStatus(canary: Pick<WatchedCanary, "nextDue">, next: Pick<WatchedCanary, "date"> | null, today: string): { status: CanaryStatus; days: number | null } {
  const until = canary.nextDue?.until;
  if (!until) return { status: "unknown", days: null };
  const arrived = next?.date ?? null;
  if (arrived) {
    const late = daysBetween(until, arrived);
    return late > 0 ? { status: "overdue", days: late } : { status: "on-time", days: null };
  }
  if (next) return { status: "unknown", days: null };
  const late = daysBetween(until, today);
  return late > 0 ? { status: "overdue", days: late } : { status: "on-time", days: Math.abs(late) };
}

export interface BulletinDate {
  number: number;
  date: string | null;
}

/** The bulletins published on or before a canary's date. */
export function bulletinsBefore(bulletins: BulletinDate[], date: string): BulletinDate[] {
  return bulletins.filter((b) => b.date !== null && b.date <= date);
}
