// Which Xen Security Advisories a bulletin covers, which it only references,
// which other bulletins it names, and the "follows-up" relations between
// advisories that the text states.
//
// THE COVERS / REFERENCES RULE
// ----------------------------
// A bulletin "covers" an XSA when it is the Qubes response to it; every other
// XSA the text mentions (including only through an .../advisory-N.html link)
// is a "reference". Which XSAs are covered is read from the places where the
// bulletins name their subject, in this order:
//
//  A. The title. Since 2014 the title ends with (or contains) a parenthesis
//     made only of advisory ids: "(XSA-306)", "(XSA 121 & 122)",
//     "(XSA-226 through XSA-230)", "(CVE-2023-20569/XSA-434, ...)". When the
//     title has such a parenthesis, it is authoritative: XSAs named elsewhere
//     in the title ("Xen fix for XSA-302 found ineffective ... (XSA-306)",
//     "Stack corruption from XSA-346 change (XSA-355)") and XSAs of the same
//     batch the body mentions as not mattering (QSB-030 on XSA-215, QSB-036 on
//     XSA-246, QSB-039 on XSA-261/262) are references.
//  B. Without such a title: the announcement list entries, a line that starts
//     with the advisory and then cites or quotes it:
//     'XSA-306 [3] "Device quarantine ..."', 'Xen Security Advisory 226 [1]:',
//     'XSA-310 (CVE-2019-19580) [1] Further issues ...';
//  C. and the announcement sentences "<Xen.org | the Xen Security Team | the
//     Xen Project> ... announced | published | released | classified ...
//     XSA-N", taking the XSAs right after the verb, up to a relative clause
//     ("XSA 58, which fixes a bug introduced by ... XSA 45": 58 only).
//  D. Only when A-C find nothing (2012-2014, and prose-only summaries): the
//     announcement sentences of the first (summary) section that cite their
//     source by number ("... has been announced [5]"), resolved through the
//     reference list ("[5] Xen Security Advisory XSA-87"); failing that, the
//     XSAs named in the summary section outside a "fix for XSA-N" phrase.
//
// XSAs in the parenthesis that labels another bulletin — "QSB #52 (XSA-299,
// XSA-302)" — describe that bulletin, not this one, and are not recorded
// (QSB-054 references 302 because it discusses the XSA-302 fix, not 299).
import type { ParsedAdvisoryLink, ParsedAdvisoryRelation } from "../types";
import type { ReferenceEntry } from "./extras";
import type { HeaderInfo } from "./header";
import { scanQsb, scanXsa, type XsaGroup } from "./mentions";
import { MAX_LINE, MAX_SENTENCE, collapse, type Paragraph, type Section, type Sentence } from "./text";

interface Mention {
  xsa: number;
  start: number;
  end: number;
  group: XsaGroup;
}

/** XSA groups of a string, without those inside a "QSB #N (...)" label. */
export function mentionsOf(text: string): Mention[] {
  const groups = scanXsa(text);
  if (groups.length === 0) return [];
  // Spans of "(...)" right after a bulletin mention, in text order.
  const spans: [number, number][] = [];
  let lastClose = -1;
  for (const q of scanQsb(text)) {
    if (q.end <= lastClose) continue;
    let i = q.end;
    // skip "QSB #52 [1] (" style citations between the bulletin and its label
    while (i < text.length && i < q.end + 6 && /[\s[\]\d]/.test(text[i] ?? "")) i++;
    if (text[i] !== "(") continue;
    const close = text.indexOf(")", i);
    if (close > i && close - i <= 100) {
      spans.push([i, close]);
      lastClose = close;
    }
  }
  const out: Mention[] = [];
  let k = 0;
  for (const g of groups) {
    while (k < spans.length && (spans[k]?.[1] ?? 0) < g.start) k++;
    const span = spans[k];
    if (span && g.start > span[0] && g.end <= span[1]) continue;
    for (const n of g.numbers) out.push({ xsa: n, start: g.start, end: g.end, group: g });
  }
  return out;
}

const ADVISORY_ID = /\b(?:CVE-\d{4}-\d{3,7}|INTEL-SA-\d{3,6}|XSN-\d{1,4}|AMD-SB-\d{3,6})\b/gi;

/** A. XSAs inside title parentheses made only of advisory ids. */
export function titleCovers(title: string | null): number[] {
  if (!title || title.length > 600) return [];
  const out: number[] = [];
  const paren = /\(([^()]{1,300})\)/g;
  let m: RegExpExecArray | null;
  while ((m = paren.exec(title)) !== null) {
    const inner = m[1] ?? "";
    const groups = scanXsa(inner).filter((g) => g.kind === "text");
    if (groups.length === 0) continue;
    let rest = inner;
    for (const g of [...groups].reverse()) rest = rest.slice(0, g.start) + " " + rest.slice(g.end);
    rest = rest.replace(ADVISORY_ID, " ").replace(/\b(?:and|through|to)\b/gi, " ");
    if (/[A-Za-z0-9]/.test(rest)) continue;
    for (const g of groups) out.push(...g.numbers);
  }
  return out;
}

/** B. 'XSA-306 [3] "..."', 'Xen Security Advisory 226 [1]:', 'XSA-310 (CVE-...) [1] ...'. */
function entryLineCovers(line: string): number[] {
  if (line.length > MAX_LINE) return [];
  const t = line.trim().replace(/^[-*•]\s+/, "");
  if (t.startsWith("|")) return [];
  const groups = scanXsa(t);
  const g = groups[0];
  if (!g || g.kind !== "text" || g.start !== 0) return [];
  const rest = t.slice(g.end).replace(/^\s*\([^()]{0,80}\)/, "");
  if (/^\s*(?:\[\d{1,3}\]|"|:\s*$)/.test(rest)) return g.numbers;
  return [];
}

const XEN_SUBJECT = /\b(?:Xen\.org|Xen\s+(?:Security\s+)?Team|Xen\s+[Pp]roject)\b/;
const ANNOUNCE_VERB = /\b(?:announced|published|released|classified)\b/i;

/** C. XSAs announced by the Xen side in this sentence. */
function announcedIn(sentence: string): number[] {
  if (sentence.length > MAX_SENTENCE) return [];
  const subj = XEN_SUBJECT.exec(sentence);
  if (!subj) return [];
  const afterSubject = sentence.slice(subj.index + subj[0].length);
  const verb = ANNOUNCE_VERB.exec(afterSubject);
  if (!verb || verb.index > 120) return [];
  let clause = afterSubject.slice(verb.index + verb[0].length);
  const stop = /,\s*which\b|\swhich\s|;|"|\bwith the following\b/i.exec(clause);
  if (stop) clause = clause.slice(0, stop.index);
  return mentionsOf(clause).filter((m) => m.group.kind === "text").map((m) => m.xsa);
}

const FIX_BEFORE = /\b(?:fix(?:es|ed)?|patch(?:es)?|changes?|backport(?:s|ed|ing)?|mitigations?)\b[^.;]*$/i;
const FIX_AFTER = /^(?:'s)?\s*(?:\([^()]{0,40}\)\s*)?(?:[A-Za-z]+\s+)?(?:fix(?:es)?|patch(?:es)?|changes?|backport)\b/i;

function inFixContext(text: string, m: Mention): boolean {
  const before = text.slice(Math.max(0, m.group.start - 60), m.group.start);
  const after = text.slice(m.group.end, m.group.end + 40);
  return FIX_BEFORE.test(before) || FIX_AFTER.test(after);
}

const DEFICIENT =
  /\b(?:ineffective|incomplete|insufficient(?:ly)?|not\s+(?:fully\s+|entirely\s+|completely\s+|sufficiently\s+)?(?:effective|sufficient|safe|[a-z]+-safe)|introduced|missed|oversight|conflicts?\s+with|regression)\b/i;

export interface AdvisoryResult {
  advisories: ParsedAdvisoryLink[];
  bulletins: number[];
  advisoryRelations: ParsedAdvisoryRelation[];
}

export function parseAdvisories(input: {
  lines: string[];
  sections: Section[];
  sectionOf: Int32Array;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  header: HeaderInfo;
  references: ReferenceEntry[];
  ownNumber: number | null;
}): AdvisoryResult {
  const { lines, sections, sectionOf, paragraphs, sentences, header, references, ownNumber } = input;
  const isTitlePara = (pi: number) => header.titleLines !== null && paragraphs[pi]?.start === header.titleLines[0];
  const isHeaderPara = (pi: number) => {
    const p = paragraphs[pi];
    return p !== undefined && header.headerLine >= p.start && header.headerLine < p.end;
  };

  // Every mention, scanned paragraph by paragraph (one pass over the text)
  // and handed to the sentence it starts in, with sentence-relative offsets.
  const perSentence = new Map<number, Mention[]>();
  const mentioned = new Set<number>();
  const bulletinSet = new Set<number>();
  const firstSentence = new Map<number, number>();
  sentences.forEach((s, i) => {
    if (!firstSentence.has(s.paragraph)) firstSentence.set(s.paragraph, i);
  });
  paragraphs.forEach((p, pi) => {
    if (!isHeaderPara(pi)) {
      for (const q of scanQsb(p.text)) if (q.number !== ownNumber) bulletinSet.add(q.number);
    }
    const found = mentionsOf(p.text);
    for (const m of found) mentioned.add(m.xsa);
    const first = firstSentence.get(pi);
    if (first === undefined || found.length === 0) return;
    // Sentences of a paragraph are consecutive and ordered by start.
    let last = first;
    while (last + 1 < sentences.length && sentences[last + 1]?.paragraph === pi) last++;
    let si = first;
    let shifted: { from: XsaGroup; to: XsaGroup } | null = null;
    for (const m of found) {
      while (si < last && (sentences[si + 1]?.start ?? Infinity) <= m.start) si++;
      const s = sentences[si];
      if (!s) continue;
      if (!shifted || shifted.from !== m.group) {
        shifted = { from: m.group, to: { ...m.group, start: m.group.start - s.start, end: m.group.end - s.start } };
      }
      let list = perSentence.get(si);
      if (!list) perSentence.set(si, (list = []));
      list.push({ xsa: m.xsa, start: m.start - s.start, end: m.end - s.start, group: shifted.to });
    }
  });
  const mentionsIn = (i: number): Mention[] => perSentence.get(i) ?? [];

  // Covers: A, else B ∪ C, else D.
  let covers = new Set<number>(titleCovers(header.title));
  if (covers.size === 0) {
    for (let i = 0; i < lines.length; i++) {
      if ((sectionOf[i] ?? -1) < 0) continue;
      for (const n of entryLineCovers(lines[i] ?? "")) covers.add(n);
    }
    sentences.forEach((s) => {
      if (s.quote) return;
      for (const n of announcedIn(s.text)) covers.add(n);
    });
  }
  if (covers.size === 0) covers = summaryCovers(sections, sentences, mentionsIn, references);

  // Advisory links.
  const advisories: ParsedAdvisoryLink[] = [];
  for (const n of [...covers].sort((a, b) => a - b)) advisories.push({ xsa: n, relation: "covers" });
  for (const n of [...mentioned].filter((n) => !covers.has(n)).sort((a, b) => a - b)) advisories.push({ xsa: n, relation: "references" });

  // Follow-ups: the bulletin covers X and says the fix for Y (a reference)
  // was ineffective / incomplete / insufficient / introduced a bug.
  const relations: ParsedAdvisoryRelation[] = [];
  const seenPair = new Set<string>();
  const order = [...perSentence.keys()].sort((a, b) => a - b);
  // The covered XSA a sentence is about, when it names none itself: the last
  // one named earlier in the same section (an announcement entry above a
  // quoted advisory text), else the bulletin's only covered XSA.
  const lastCoveredBefore = new Map<number, number>();
  let lastCovered: { xsa: number; section: number } | null = null;
  for (const i of order) {
    const s = sentences[i];
    if (!s) continue;
    if (lastCovered && lastCovered.section === s.section) lastCoveredBefore.set(i, lastCovered.xsa);
    const own = mentionsIn(i).filter((m) => covers.has(m.xsa));
    const lastOwn = own[own.length - 1];
    if (lastOwn) lastCovered = { xsa: lastOwn.xsa, section: s.section };
  }
  // Body sentences first, the title last: the body says it in a full sentence.
  const titleLast = [...order.filter((i) => !isTitlePara(sentences[i]?.paragraph ?? -1)), ...order.filter((i) => isTitlePara(sentences[i]?.paragraph ?? -1))];
  for (const i of titleLast) {
    const s = sentences[i];
    const ms = mentionsIn(i);
    if (!s || ms.length === 0 || s.text.length > MAX_SENTENCE) continue;
    const targets = ms.filter((m) => !covers.has(m.xsa) && m.group.kind === "text" && inFixContext(s.text, m));
    if (targets.length === 0) continue;
    let evidence = s.text;
    if (!DEFICIENT.test(s.text)) {
      const next = sentences[i + 1];
      if (!next || next.paragraph !== s.paragraph || mentionsIn(i + 1).length > 0 || !DEFICIENT.test(next.text)) continue;
      evidence = `${s.text} ${next.text}`;
    }
    let froms = [...new Set(ms.filter((m) => covers.has(m.xsa)).map((m) => m.xsa))];
    if (froms.length === 0) {
      const prev = lastCoveredBefore.get(i);
      if (prev !== undefined) froms = [prev];
      else if (covers.size === 1) froms = [...covers];
    }
    for (const from of froms) {
      for (const t of targets) {
        const key = `${from}>${t.xsa}`;
        if (from === t.xsa || seenPair.has(key)) continue;
        seenPair.add(key);
        relations.push({ from, to: t.xsa, relation: "follows-up", evidence: collapse(evidence) });
      }
    }
  }

  return {
    advisories,
    bulletins: [...bulletinSet].sort((a, b) => a - b),
    advisoryRelations: relations,
  };
}

/** D. The summary section's announcement, through its citations, else its XSAs. */
function summaryCovers(sections: Section[], sentences: Sentence[], mentionsIn: (i: number) => Mention[], references: ReferenceEntry[]): Set<number> {
  const out = new Set<number>();
  let summary = sections.findIndex((s) => /summary|problem\s+description|overview|description/i.test(s.heading));
  if (summary < 0) summary = sections.length > 0 ? 0 : -1;
  if (summary < 0) return out;
  const byLabel = new Map<string, number[]>();
  for (const r of references) {
    const xsas = mentionsOf(r.text).map((m) => m.xsa);
    if (xsas.length) byLabel.set(String(Number(r.label)), [...(byLabel.get(String(Number(r.label))) ?? []), ...xsas]);
  }
  sentences.forEach((s) => {
    if (s.section !== summary || s.quote || s.text.length > MAX_SENTENCE || !ANNOUNCE_VERB.test(s.text)) return;
    const cite = /\[(\d{1,3})\](?:\s*-\s*\[(\d{1,3})\])?/g;
    let m: RegExpExecArray | null;
    while ((m = cite.exec(s.text)) !== null) {
      const from = Number(m[1]);
      const to = m[2] !== undefined ? Number(m[2]) : from;
      for (let k = from; k <= to && k - from <= 20; k++) for (const n of byLabel.get(String(k)) ?? []) out.add(n);
    }
  });
  if (out.size > 0) return out;
  sentences.forEach((s, i) => {
    if (s.section !== summary || s.quote) return;
    for (const m of mentionsIn(i)) if (m.group.kind === "text" && !inFixContext(s.text, m)) out.add(m.xsa);
  });
  return out;
}
