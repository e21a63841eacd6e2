// The pure parser of one Qubes Security Bulletin text (qubes-secpack
// QSBs/qsb-NNN-YYYY.txt, 2011 to now). No I/O, no clock: the result depends on
// the text (and the file name, for the number) only. It never throws: what it
// cannot read becomes a warning, and anything it can read is returned.
//
// The bulletin formats changed a lot over the years; each part is read by its
// own module under ./parse/, which documents the formats it knows:
//   header.ts      number, date, title
//   mentions.ts    XSA and QSB numbers in running text
//   advisories.ts  covers / references (the rule is described there), follow-ups
//   fixes.ts       package versions per release and location
//   extras.ts      references [N] URLs, changelog, user actions
//   xsa-facts.ts   XSA titles and CVE IDs the text quotes
import { parseAdvisories } from "./parse/advisories";
import { isActionSection, parseActions, parseChanges, parseReferences, urlsFromReferences } from "./parse/extras";
import { isPatchSection, parseFixes } from "./parse/fixes";
import { parseHeader } from "./parse/header";
import { buildParagraphs, findSections, sectionOfLines, splitLines, splitSentences, type Sentence } from "./parse/text";
import { parseQuotedXsaFacts } from "./parse/xsa-facts";
import type { ParsedBulletin, ParseWarning } from "./types";

function emptyResult(): ParsedBulletin {
  return {
    number: null,
    date: null,
    title: null,
    advisories: [],
    bulletins: [],
    advisoryRelations: [],
    fixes: [],
    changes: [],
    actions: [],
    urls: [],
    xsaTitles: [],
    xsaCves: [],
    warnings: [],
  };
}

/** A cheap test for paragraphs that may hold advisory numbers or package announcements. */
const MAYBE_RELEVANT = /xsa|advisor|packages|qsb|bulletin/i;

/** Share of control characters (other than tab, CR, LF, FF) above which a text is not a bulletin. */
const BINARY_SHARE = 0.01;

function controlShare(text: string): number {
  const sample = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
  if (sample.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / sample.length;
}

/**
 * Largest text parsed in full. The longest real bulletin is under 30 kB; a
 * text hundreds of times larger is not a bulletin, and only its beginning is
 * read (with a warning). The parser is linear in its input either way; the cap
 * bounds the cost of absurd inputs to a fraction of a second.
 */
export const MAX_PARSE_CHARS = 4_000_000;

export function parseBulletin(text: string, fileName?: string): ParsedBulletin {
  return parseBulletinText(text, fileName, MAX_PARSE_CHARS);
}

/** parseBulletin with an explicit size cap (for tests of the linear-time behaviour). */
export function parseBulletinText(text: string, fileName: string | undefined, maxChars: number): ParsedBulletin {
  const result = emptyResult();
  const warnings: ParseWarning[] = result.warnings;
  try {
    if (typeof text !== "string") {
      warnings.push({ message: `input is not text (got ${text === null ? "null" : typeof text})` });
      text = "";
    }
    if (text.length > maxChars) {
      const cut = text.lastIndexOf("\n", maxChars);
      const kept = cut > maxChars / 2 ? cut : maxChars;
      warnings.push({
        message: `the text is ${(text.length / 1e6).toFixed(1)} MB, far larger than any bulletin; only the first ${(kept / 1e6).toFixed(1)} MB were parsed`,
      });
      text = text.slice(0, kept);
    }
    if (text.trim() === "") {
      warnings.push({ message: "the text is empty" });
    } else if (controlShare(text) > BINARY_SHARE) {
      warnings.push({ message: "the text contains binary data (control characters); it does not look like a bulletin" });
    }

    const lines = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    const sections = findSections(lines);
    const sectionOf = sectionOfLines(lines, sections);
    const paragraphs = buildParagraphs(lines, sections, sectionOf);
    // Sentences are needed only where something is read from them: the
    // patching / user action / summary sections, and paragraphs that name an
    // advisory or packages. Skipping the rest keeps huge inputs cheap.
    const wanted = new Set<number>();
    sections.forEach((s, k) => {
      if (isPatchSection(s.heading) || isActionSection(s.heading) || /summary|problem\s+description|overview|description/i.test(s.heading)) wanted.add(k);
    });
    const sentences: Sentence[] = [];
    paragraphs.forEach((p, i) => {
      if (!wanted.has(p.section) && !MAYBE_RELEVANT.test(p.text)) return;
      for (const s of splitSentences(p, i)) sentences.push(s);
    });

    const header = parseHeader(lines, sections, fileName, warnings);
    result.number = header.number;
    result.date = header.date;
    result.title = header.title;

    const references = parseReferences(lines, sections, sectionOf);
    result.urls = urlsFromReferences(references);

    const adv = parseAdvisories({
      lines,
      sections,
      sectionOf,
      paragraphs,
      sentences,
      header,
      references,
      ownNumber: header.number,
    });
    result.advisories = adv.advisories;
    result.bulletins = adv.bulletins;
    result.advisoryRelations = adv.advisoryRelations;

    const fixResult = parseFixes(lines, sections, sentences, warnings);
    result.fixes = fixResult.fixes;

    result.changes = parseChanges(lines, sections);

    const facts = parseQuotedXsaFacts(paragraphs);
    result.xsaTitles = facts.titles;
    result.xsaCves = facts.cves;

    const actionSections = new Set<number>();
    sections.forEach((s, k) => {
      if (isActionSection(s.heading) || isPatchSection(s.heading)) actionSections.add(k);
    });
    result.actions = parseActions(
      sentences,
      actionSections,
      fixResult.templateLines.map((detail) => ({ kind: "update-templates" as const, detail })),
    );

    // A bulletin that announces specific packages but whose versions could not be read.
    if (result.fixes.length === 0) {
      const patch = sections.find((s) => isPatchSection(s.heading));
      const promisesPackages = sentences.some(
        (s) =>
          !s.quote &&
          s.text.length < 2000 &&
          /\b(?:the\s+(?:specific\s+|following\s+)packages?|packages?\s+that\s+(?:resolve|contain|address)|must\s+install\s+the\s+following)\b/i.test(s.text),
      );
      if (promisesPackages) {
        warnings.push({
          line: patch ? patch.headingLine + 1 : undefined,
          message: "no patching/user action section with package versions found, although the text announces specific packages",
        });
      }
    }
  } catch (err) {
    // Defensive: the parser is meant never to get here. Whatever was read so far is kept.
    warnings.push({ message: `internal parser error: ${err instanceof Error ? err.message : String(err)}` });
  }
  for (const w of warnings) if (w.line === undefined) delete w.line;
  return result;
}
