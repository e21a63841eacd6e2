// Facts about Xen advisories that a bulletin's text quotes: their titles and
// CVE IDs, each with the (1-based) line it was read from. Pure and linear.
//
// What counts, and why (conservative on purpose: a CVE given to the wrong XSA
// is worse than none):
// - a title is a quoted string right after the XSA's name,
//   `XSA-491, "x86 HVM I/O port list traversal"` or `XSA-306 [3] "Device …"`,
//   or, in the QSB-055 style, the words after `XSA-310 (CVE-…) [1]` up to the
//   colon that ends the paragraph;
// - a CVE belongs to an XSA where the text pairs them: `(CVE-2018-3639 /
//   XSA-263)`, `Xen Security Advisory CVE-2015-2044 / XSA-121`, `XSA-310
//   (CVE-2019-19580)`, `XSA-491, "…" (CVE-2026-42487)`;
// - a CVE inside a quoted ("| ") upstream description belongs to the XSA that
//   the paragraph introducing the quotation names, when that paragraph ends
//   with a colon and names exactly one XSA.
import type { QuotedXsaCve, QuotedXsaTitle } from "../types";
import type { Paragraph } from "./text";
import { collapse, lineOfOffset } from "./text";

export interface QuotedXsaFacts {
  titles: QuotedXsaTitle[];
  cves: QuotedXsaCve[];
}

const CVE = /CVE-\d{4}-\d{4,7}/g;
const CVE_LIST = String.raw`CVE-\d{4}-\d{4,7}(?:\s*,\s*CVE-\d{4}-\d{4,7}){0,15}`;
/** `(CVE-… [, CVE-…] / XSA-N)` and `Xen Security Advisory CVE-… / XSA-N`. */
const CVES_THEN_XSA = new RegExp(String.raw`(${CVE_LIST})\s*/\s*XSA-(\d{1,4})\b`, "g");
/** `XSA-N (CVE-…)` and `XSA-N, "title" (CVE-…)`. */
const XSA_THEN_CVES = new RegExp(String.raw`\bXSA-(\d{1,4})(?:,?\s*(?:\[\d{1,3}\]\s*)?"[^"]{1,300}")?\s*\((${CVE_LIST})\)`, "g");
/** `XSA-N, "title"` and `XSA-N [3] "title"`. */
const XSA_THEN_TITLE = /\bXSA-(\d{1,4}),?\s*(?:\[\d{1,3}\]\s*)?"([^"]{3,300})"/g;
/** QSB-055: `XSA-310 (CVE-2019-19580) [1] Further issues with … operations:` */
const LISTED_TITLE = new RegExp(String.raw`^XSA-(\d{1,4})\s*\(${CVE_LIST}\)\s*\[\d{1,3}\]\s+([^:"]{3,300}):$`);
const XSA_NAME = /\bXSA[- ]?(\d{1,4})\b|\bXen Security Advisory (\d{1,4})\b/g;

/** Paragraphs longer than this are not prose that introduces an advisory. */
const MAX_PARAGRAPH = 4000;

export function parseQuotedXsaFacts(paragraphs: Paragraph[]): QuotedXsaFacts {
  const titles: QuotedXsaTitle[] = [];
  const cves: QuotedXsaCve[] = [];
  const seenCve = new Set<string>();
  const seenTitle = new Set<number>();
  const addCve = (xsa: number, cve: string, p: Paragraph, offset: number) => {
    const key = `${xsa}:${cve}`;
    if (xsa <= 0 || seenCve.has(key)) return;
    seenCve.add(key);
    cves.push({ xsa, cve, line: lineOfOffset(p, offset) + 1 });
  };
  const addTitle = (xsa: number, raw: string, p: Paragraph, offset: number) => {
    const title = collapse(raw).replace(/[\s.,;:]+$/, "");
    if (xsa <= 0 || seenTitle.has(xsa) || title.length < 3) return;
    seenTitle.add(xsa);
    titles.push({ xsa, title, line: lineOfOffset(p, offset) + 1 });
  };

  let owner: number | null = null;
  for (const p of paragraphs) {
    const text = p.text;
    if (text.length > MAX_PARAGRAPH) {
      owner = null;
      continue;
    }
    for (const m of text.matchAll(CVES_THEN_XSA)) {
      for (const c of (m[1] ?? "").matchAll(CVE)) addCve(Number(m[2]), c[0], p, (m.index ?? 0) + (c.index ?? 0));
    }
    for (const m of text.matchAll(XSA_THEN_CVES)) {
      const listAt = (m.index ?? 0) + m[0].lastIndexOf(m[2] ?? "");
      for (const c of (m[2] ?? "").matchAll(CVE)) addCve(Number(m[1]), c[0], p, listAt + (c.index ?? 0));
    }
    if (!p.quote) {
      for (const m of text.matchAll(XSA_THEN_TITLE)) addTitle(Number(m[1]), m[2] ?? "", p, m.index ?? 0);
      const listed = LISTED_TITLE.exec(text);
      if (listed) addTitle(Number(listed[1]), listed[2] ?? "", p, 0);
      owner = text.endsWith(":") ? onlyXsa(text) : null;
      continue;
    }
    if (owner !== null) {
      for (const c of text.matchAll(CVE)) addCve(owner, c[0], p, c.index ?? 0);
    }
  }
  return { titles, cves };
}

/** The one XSA a paragraph names, or null when it names none or several. */
function onlyXsa(text: string): number | null {
  let found: number | null = null;
  for (const m of text.matchAll(XSA_NAME)) {
    const n = Number(m[1] ?? m[2]);
    if (found !== null && found !== n) return null;
    found = n;
  }
  return found;
}
