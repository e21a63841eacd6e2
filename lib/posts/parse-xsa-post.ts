// The body of an XSA announcement, in every format the Qubes team has used:
//
// - 2017–2020 ("XSA-NNN does not affect the security of Qubes OS"): the
//   verdict in a sentence, the XSAs as links to the tracker ("#248"), and at
//   times a paragraph explaining one of them ("**Special note:** ...").
// - 2020-12 to 2022-07 ("XSAs released on ..."): setext headings "XSAs that
//   affect ..." / "XSAs that do not affect ...", then plain bullets with the
//   reason in parentheses ("- XSA-323 (no oxenstored)"), "(None)" or "None.",
//   the bulletin in a "Please see QSB-063" line.
// - 2022-07 on: "## XSAs that DO affect ..." ATX headings.
// - 2023-04 on: linked bullets "[XSA-430](...)" with the reason (or "See
//   QSB-NNN") as sub-bullets, one or more.
// - 2026-06 on: "[XSA-492](...): Denial of service only" on one line.
import { categorizeReason } from "./reasons";
import type { ParsedPostAdvisory, PostWarning } from "./types";
import type { AnnouncementVerdict } from "./vocabulary";

type Section = "affected" | "not-affected" | "other" | null;

const QSB_REF = /\bQSB[\s-]*#?\s*0*(\d{1,4})\b/i;
const XSA_BULLET = /^\[?XSA-(\d+)\]?(?:\([^)\s]*\))?\s*(.*)$/i;
const NONE = /^\(?none\)?\.?$/i;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const TRACKER_LINK = /security\/xsa\/#(\d+)/g;

export interface XsaPostBody {
  advisories: ParsedPostAdvisory[];
  warnings: PostWarning[];
}

function sectionOf(heading: string): Section {
  if (/\bdo(es)?\s+not\s+affect\b/i.test(heading)) return "not-affected";
  if (/\baffects?\b/i.test(heading)) return "affected";
  return "other";
}

interface Item {
  xsa: number;
  line: number;
  /** The bullet's own text after the XSA, then continuation lines. */
  head: string;
  subs: string[];
  section: "affected" | "not-affected";
}

export function parseXsaPostBody(body: string, lineOffset: number, title: string): XsaPostBody {
  const lines = body.split("\n");
  const hasSections = lines.some((line, i) => isHeading(lines, i) && sectionOf(headingText(lines, i)) !== "other" && /\bXSAs?\b/.test(line));
  return hasSections ? parseSectioned(lines, lineOffset) : parseProse(lines, lineOffset, title);
}

function isHeading(lines: string[], i: number): boolean {
  const line = lines[i] ?? "";
  if (/^#{1,6}\s+\S/.test(line)) return true;
  return line.trim() !== "" && /^\s*(-{3,}|={3,})\s*$/.test(lines[i + 1] ?? "") && !BULLET.test(line);
}

function headingText(lines: string[], i: number): string {
  return (lines[i] ?? "").replace(/^#{1,6}\s+/, "").trim();
}

/** The index of the last line of the sentence that starts at line i (wrapped over the lines below it). */
function skipWrapped(lines: string[], i: number): number {
  let j = i;
  while (lines[j + 1]?.trim() && !BULLET.test(lines[j + 1] ?? "") && !isHeading(lines, j + 1)) j++;
  return j;
}

function parseSectioned(lines: string[], lineOffset: number): XsaPostBody {
  const warnings: PostWarning[] = [];
  const items: Item[] = [];
  const sectionQsb = new Map<Item["section"], number>();
  let section: Section = null;
  let current: Item | null = null;
  /** The last text the next continuation line belongs to: the head, or a sub-bullet. */
  let continuing: "head" | "sub" | null = null;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const lineNo = i + 1 + lineOffset;
    if (raw.trim() === "") {
      continuing = null;
      continue;
    }
    if (isHeading(lines, i)) {
      section = sectionOf(headingText(lines, i));
      current = null;
      continuing = null;
      if (!/^#/.test(raw)) i++; // skip the setext underline
      continue;
    }
    if (section === null || section === "other") continue;

    const bullet = BULLET.exec(raw);
    if (bullet) {
      const indent = (bullet[1] ?? "").length;
      const content = (bullet[2] ?? "").trim();
      if (indent >= 2 && current) {
        current.subs.push(content);
        continuing = "sub";
        continue;
      }
      current = null;
      continuing = null;
      if (NONE.test(content)) continue;
      const xsa = XSA_BULLET.exec(content);
      if (!xsa) {
        warnings.push({ line: lineNo, message: `unparsed bullet in the "${section}" list: ${content}` });
        continue;
      }
      current = { xsa: Number(xsa[1]), line: lineNo, head: (xsa[2] ?? "").trim(), subs: [], section };
      items.push(current);
      continuing = "head";
      continue;
    }

    // A wrapped line continues the bullet or sub-bullet right above it.
    if (current && continuing) {
      if (continuing === "sub" && current.subs.length > 0) {
        current.subs[current.subs.length - 1] += ` ${raw.trim()}`;
      } else {
        current.head = `${current.head} ${raw.trim()}`.trim();
      }
      continue;
    }
    const text = raw.trim();
    if (/^The following XSAs\b/i.test(text)) {
      section = sectionOf(text) === "other" ? section : sectionOf(text);
      i = skipWrapped(lines, i);
      continue;
    }
    if (NONE.test(text)) continue;
    const pointer = /^Please see\b/i.test(text) ? QSB_REF.exec(text) : null;
    if (pointer && section === "affected") {
      sectionQsb.set(section, Number(pointer[1]));
      i = skipWrapped(lines, i);
      continue;
    }
    // "Please see **QSB-070** for ... details about these XSAs:" then, alone, "<https://.../qsb-070/>".
    const link = /^<?https?:\/\/\S*\/qsb-0*(\d+)\/?>?$/i.exec(text);
    if (link && section === "affected" && sectionQsb.get(section) === Number(link[1])) continue;
    warnings.push({ line: lineNo, message: `unparsed line in the "${section}" list: ${text}` });
  }

  const advisories: ParsedPostAdvisory[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    if (seen.has(item.xsa)) {
      warnings.push({ line: item.line, message: `XSA-${item.xsa} is listed twice; the first is kept` });
      continue;
    }
    seen.add(item.xsa);
    advisories.push(toAdvisory(item, sectionQsb.get(item.section) ?? null));
  }
  return { advisories, warnings };
}

/** "(reason)" or ": reason" after the XSA, then the sub-bullets, one per line. */
function reasonText(item: Item): string | null {
  let head = item.head;
  if (/^\(.*\)$/s.test(head)) head = head.slice(1, -1);
  else if (head.startsWith(":")) head = head.slice(1);
  const parts = [head.trim(), ...item.subs.map((s) => s.trim())].filter(Boolean);
  return parts.length ? parts.join("\n") : null;
}

function toAdvisory(item: Item, sectionQsb: number | null): ParsedPostAdvisory {
  if (item.section === "affected") {
    const own = [item.head, ...item.subs].map((t) => QSB_REF.exec(t)).find(Boolean);
    return {
      xsa: item.xsa,
      verdict: "affected",
      reason: null,
      category: null,
      feature: null,
      qsb: own ? Number(own[1]) : sectionQsb,
      line: item.line,
    };
  }
  const reason = reasonText(item);
  const categorized = reason ? categorizeReason(reason) : null;
  return {
    xsa: item.xsa,
    verdict: "not-affected",
    reason,
    category: categorized?.category ?? null,
    feature: categorized?.feature ?? null,
    qsb: null,
    line: item.line,
  };
}

/** The XSA numbers a title names: "XSA-248 through XSA-251", "XSAs 284, 290, and 294", "XSA-252, XSA-255, and XSA-256". */
export function titleXsas(title: string): number[] {
  const numbers: number[] = [];
  const range = /XSA-(\d+)\s+(?:through|to)\s+XSA-(\d+)/gi;
  let text = title;
  for (const m of title.matchAll(range)) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to >= from && to - from <= 50) for (let n = from; n <= to; n++) numbers.push(n);
    text = text.replace(m[0], " ");
  }
  const list = /\bXSAs?[\s-]+((?:\d+(?:,\s*and\s+|,\s*|\s+and\s+)?)+)/gi;
  for (const m of text.matchAll(list)) {
    for (const n of (m[1] ?? "").match(/\d+/g) ?? []) numbers.push(Number(n));
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

const BOILERPLATE = [
  /\bhas published\b/i,
  /\bha(s|ve) been added to the\b/i,
  /^Dear Qubes Community,?$/i,
  /^\[[^\]]+\]:\s/,
  /security\/xsa\/#\d+/,
  // The verdict sentence itself: "These XSAs do **not** affect the security of Qubes OS".
  /\*\*not\*\*\s+affect/i,
];

/** The 2017–2020 posts: a verdict sentence, tracker links, and at times an explanation. */
function parseProse(lines: string[], lineOffset: number, title: string): XsaPostBody {
  const warnings: PostWarning[] = [];
  const text = `${title}\n${lines.join("\n")}`;
  let verdict: AnnouncementVerdict | null = null;
  if (/\bdo(es)?\s+(\*\*)?not(\*\*)?\s+affect\b/i.test(text)) verdict = "not-affected";
  else if (/\b(currently )?investigating\b/i.test(text)) verdict = "investigating";
  else if (/\b(do|does)\s+(\*\*)?affect\b/i.test(text)) verdict = "affected";

  const firstLine = new Map<number, number>();
  lines.forEach((line, i) => {
    for (const m of line.matchAll(TRACKER_LINK)) {
      const n = Number(m[1]);
      if (!firstLine.has(n)) firstLine.set(n, i + 1 + lineOffset);
    }
  });
  const fromTitle = titleXsas(title);
  if (firstLine.size === 0) {
    // No tracker links: the XSAs the title names, found in the text.
    for (const n of fromTitle) {
      const i = lines.findIndex((line) => new RegExp(`XSA[- ]${n}\\b`).test(line));
      firstLine.set(n, i >= 0 ? i + 1 + lineOffset : 1);
    }
  } else {
    const linked = [...firstLine.keys()].sort((a, b) => a - b);
    if (fromTitle.length && fromTitle.join() !== linked.join()) {
      warnings.push({ line: 1, message: `the title names ${fromTitle.map((n) => `XSA-${n}`).join(", ")} but the post links ${linked.map((n) => `XSA-${n}`).join(", ")}` });
    }
  }
  if (firstLine.size === 0) warnings.push({ line: 1, message: "the post names no XSA" });
  if (!verdict) {
    warnings.push({ line: 1, message: "the post states no verdict (neither \"does not affect\" nor \"affects\")" });
    return { advisories: [], warnings };
  }

  // Paragraphs beyond the boilerplate explain one XSA each.
  const reasons = new Map<number, string>();
  if (verdict !== "investigating") {
    for (const para of paragraphs(lines)) {
      const joined = para.lines.map((l) => l.trim()).join(" ");
      if (BOILERPLATE.some((re) => re.test(joined))) continue;
      if (/^[-*+]\s/.test(joined)) {
        warnings.push({ line: para.start + 1 + lineOffset, message: `unparsed bullet: ${joined}` });
        continue;
      }
      const named = [...new Set([...joined.matchAll(/XSA-(\d+)/g)].map((m) => Number(m[1])))].filter((n) => firstLine.has(n));
      if (named.length === 1 && named[0] !== undefined) {
        const reason = joined.replace(/^\*\*Special note:\*\*\s*/i, "");
        const before = reasons.get(named[0]);
        reasons.set(named[0], before ? `${before}\n${reason}` : reason);
      } else {
        warnings.push({ line: para.start + 1 + lineOffset, message: `a paragraph that explains no single XSA of the post: ${joined.slice(0, 120)}` });
      }
    }
  }

  const advisories: ParsedPostAdvisory[] = [...firstLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([xsa, line]) => {
      const reason = verdict === "not-affected" ? (reasons.get(xsa) ?? null) : null;
      const categorized = reason ? categorizeReason(reason) : null;
      return { xsa, verdict, reason, category: categorized?.category ?? null, feature: categorized?.feature ?? null, qsb: null, line };
    });
  return { advisories, warnings };
}

function paragraphs(lines: string[]): { start: number; lines: string[] }[] {
  const out: { start: number; lines: string[] }[] = [];
  let current: { start: number; lines: string[] } | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === "") {
      current = null;
      return;
    }
    if (!current) {
      current = { start: i, lines: [] };
      out.push(current);
    }
    current.lines.push(line);
  });
  return out;
}
