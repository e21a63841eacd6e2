// References ("[1] https://..."), changelog entries and the user actions a
// bulletin asks for.
import type { ParsedChange, ParsedUrl, ParsedUserAction, UserActionKind } from "../types";
import { MAX_LINE, MAX_SENTENCE, collapse, monthNumber, parseDate, validDate, type Section, type Sentence } from "./text";

export interface ReferenceEntry {
  label: string;
  /** The whole entry, lines joined. */
  text: string;
  url: string | null;
  line: number;
}

const REF_START = /^\s*\[(\d{1,3})\](?:\s+(.*))?$/;
const REF_START_PAREN = /^\s*(\d{1,3})\)\s+(.*)$/;
const URL = /https?:\/\/[^\s<>"'\])]+(?:\([^\s()]*\)[^\s<>"'\])]*)?/i;

function cleanUrl(u: string): string {
  return u.replace(/[.,;:!?]+$/, "");
}

/**
 * Numbered reference entries: "[1] https://..." anywhere at the start of a
 * line, the URL possibly on the next line ("[4]\nhttp://..." and
 * "[1] XSA 12,\nhttp://..." in 2012), and "1) The official advisory:\nhttp://..."
 * inside a References section. An entry runs until a blank line or the next
 * entry (at most four lines).
 */
export function parseReferences(lines: string[], sections: Section[], sectionOf: Int32Array): ReferenceEntry[] {
  const refSection = new Set<number>();
  sections.forEach((s, k) => {
    if (/^references?$/i.test(s.heading)) refSection.add(k);
  });
  const entries: ReferenceEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.length > MAX_LINE * 4) continue;
    const first = line.trimStart().charCodeAt(0);
    // '[' or a digit
    if (first !== 91 && !(first >= 48 && first <= 57)) continue;
    let m = REF_START.exec(line);
    if (!m && refSection.has(sectionOf[i] ?? -1)) m = REF_START_PAREN.exec(line);
    if (!m || m[1] === undefined) continue;
    const parts = [(m[2] ?? "").trim()];
    let j = i + 1;
    while (j < lines.length && j <= i + 4) {
      const next = lines[j] ?? "";
      if (next.trim() === "" || next.length > MAX_LINE * 4) break;
      if (REF_START.test(next) || (refSection.has(sectionOf[j] ?? -1) && REF_START_PAREN.test(next))) break;
      if (/^\s*(--|The Qubes Security Team)\s*$/.test(next)) break;
      parts.push(next.trim());
      j++;
    }
    const text = parts.filter(Boolean).join(" ");
    const u = URL.exec(text);
    entries.push({ label: m[1], text, url: u ? cleanUrl(u[0]) : null, line: i });
  }
  return entries;
}

export function urlsFromReferences(entries: ReferenceEntry[]): ParsedUrl[] {
  const seen = new Set<string>();
  const out: ParsedUrl[] = [];
  for (const e of entries) {
    if (!e.url) continue;
    const key = `${e.label} ${e.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ label: e.label, url: e.url });
  }
  return out;
}

const ISO_ENTRY = /^(\d{4}-\d{1,2}-\d{1,2})\s*(?::|\s)\s*(.*)$/;
const MONTH_ENTRY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*:\s*(.*)$/;

/**
 * "Changelog" / "History" sections: "2023-08-01: Updated Xen packages ..."
 * with wrapped lines joined. An entry without a year ("July 14: ...", QSB-019)
 * keeps its date in the text and gets date null: the year is not guessed.
 */
export function parseChanges(lines: string[], sections: Section[]): ParsedChange[] {
  const out: ParsedChange[] = [];
  for (const s of sections) {
    if (!/^(?:change\s*log|changes|history|revision history|updates?)$/i.test(s.heading)) continue;
    let cur: ParsedChange | null = null;
    for (let i = s.start; i < s.end; i++) {
      const raw = lines[i] ?? "";
      if (raw.length > MAX_LINE) {
        cur = null;
        continue;
      }
      const t = raw.trim();
      if (!t) {
        cur = null;
        continue;
      }
      const iso = ISO_ENTRY.exec(t);
      const mon = iso ? null : MONTH_ENTRY.exec(t);
      if (iso) {
        const [y, mo, d] = (iso[1] ?? "").split("-").map(Number);
        cur = { date: validDate(y ?? 0, mo ?? 0, d ?? 0), text: iso[2] ?? "" };
        if (cur.date === null) cur.text = t;
        out.push(cur);
      } else if (mon && monthNumber(mon[1] ?? "") !== undefined) {
        const date = mon[3] ? parseDate(`${mon[1]} ${mon[2]}, ${mon[3]}`) : null;
        cur = { date, text: date ? (mon[4] ?? "") : t };
        out.push(cur);
      } else if (cur) {
        cur.text = `${cur.text} ${t}`;
      }
    }
  }
  for (const c of out) c.text = collapse(c.text);
  return out.filter((c) => c.text !== "" || c.date !== null);
}

// --- user actions ------------------------------------------------------------

const NEGATED = /\b(?:not\s+(?:necessary|needed|required)|no\s+need|unnecessary|can\s+be\s+(?:accomplished|done)|either|alternatively|or\s+by|no\s+(?:other\s+)?user\s+action)\b/i;
const RESTART_DOM0 = new RegExp(
  [
    String.raw`\b(?:system|dom0|host|computer|machine)\s+(?:restart|reboot)`,
    String.raw`\b(?:restart|reboot)(?:ing)?\s+(?:of\s+)?(?:the\s+|your\s+)?(?:whole\s+|full\s+|entire\s+)?(?:system|dom0|host|computer|machine)s?\b`,
    String.raw`\bdom0\s+(?:must|should|will\s+need\s+to|needs\s+to|has\s+to)\s+be\s+(?:restarted|rebooted)`,
    String.raw`\band\s+reboot\b`,
  ].join("|"),
  "i",
);
const RESTART_WORD = /\b(?:restart(?:ed|ing|s)?|reboot(?:ed|ing|s)?|shut(?:ting)?\s*down|shutdown)\b/i;
const VM_WORD = /\b(?:vms?|qubes?|appvms?|templatebasedvms?|templatevms?|template\s+vms?|domains?|domus?)\b/i;
const REQUIRED = /\b(?:must|required|requires|need|needs|necessary|should|will\s+be|entails)\b/i;
const RESEAL = /\breseal\b/i;
const TEMPLATE = /\btemplate(?:s|vms?|\s+vms?|\(s\)|vm\(s\))?\b/i;
const ASKED = /\b(?:must|should|need|needs|necessary|are\s+to\s+be|is\s+to\s+be|required)\b/i;
const UPDATE_WORD = /\b(?:install(?:ed|ing)?|updat(?:e|es|ed|ing)|upgrad(?:e|ed|ing)|reinstall(?:ed|ing)?)\b/i;

/** Sections whose text tells the user what to do. */
export function isActionSection(heading: string): boolean {
  return /patching|user action|resolution|non-vulnerable/i.test(heading) && !/suggested actions/i.test(heading);
}

export function parseActions(sentences: Sentence[], actionSections: Set<number>, extra: { detail: string; kind: UserActionKind }[]): ParsedUserAction[] {
  const found = new Map<UserActionKind, string>();
  const add = (kind: UserActionKind, detail: string) => {
    if (!found.has(kind)) found.set(kind, collapse(detail));
  };
  for (const s of sentences) {
    if (s.quote || !actionSections.has(s.section)) continue;
    const t = s.text;
    if (t.length > MAX_SENTENCE) continue;
    if (RESEAL.test(t)) add("reseal-aem", t);
    if (NEGATED.test(t)) continue;
    if (RESTART_DOM0.test(t) && !/\buser\s+session\b/i.test(t)) add("restart-dom0", t);
    if (RESTART_WORD.test(t) && VM_WORD.test(t.replace(/\bqubesd\b/gi, "")) && REQUIRED.test(t)) add("restart-vms", t);
    if (TEMPLATE.test(t) && UPDATE_WORD.test(t) && ASKED.test(t)) add("update-templates", t);
  }
  for (const e of extra) add(e.kind, e.detail);
  const order: UserActionKind[] = ["restart-dom0", "restart-vms", "update-templates", "reseal-aem"];
  return order.filter((k) => found.has(k)).map((k) => ({ action: k, detail: found.get(k) ?? "" }));
}
