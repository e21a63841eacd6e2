// The top of a bulletin: "---===[ Qubes Security Bulletin #54 ]===---" (or
// "... Bulletin 116 ]===---"), a date line under it ("May 12, 2011" in the
// early ones, "2019-11-26" later), then, in most bulletins since 2014, a
// centred title of one to three lines before the first section heading.
import type { ParseWarning } from "../types";
import { MAX_LINE, collapse, isUnderline, parseDate, type Section } from "./text";

export interface HeaderInfo {
  number: number | null;
  date: string | null;
  title: string | null;
  /** 0-based line of the header, or -1. */
  headerLine: number;
  /** 0-based lines [start, end) of the title block, or null. */
  titleLines: [number, number] | null;
}

const HEADER = /^[\s\-=[]*Qubes\s+Security\s+Bulletin\b\s*(.*?)[\s\]=-]*$/i;

/** How far from the top the header may be: it is the first thing in every real bulletin. */
const HEADER_SEARCH_LINES = 40;

export function fileNameNumber(fileName: string | undefined): { number: number; written: string } | null {
  if (!fileName) return null;
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const m = /^qsb-(\d{1,4})(?:-\d{4})?(?:\.txt)?$/i.exec(base) ?? /qsb-(\d{1,4})\b/i.exec(base);
  if (!m || !m[1]) return null;
  return { number: Number(m[1]), written: m[1] };
}

export function parseHeader(lines: string[], sections: Section[], fileName: string | undefined, warnings: ParseWarning[]): HeaderInfo {
  const info: HeaderInfo = { number: null, date: null, title: null, headerLine: -1, titleLines: null };
  const firstHeading = sections[0]?.headingLine ?? lines.length;
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES, firstHeading);
  let headerNumberText: string | null = null;
  for (let i = 0; i < limit; i++) {
    const line = lines[i] ?? "";
    if (line.length > MAX_LINE) continue;
    const m = HEADER.exec(line);
    if (!m) continue;
    // A bulletin header line holds nothing but the decorated name and number.
    const rest = (m[1] ?? "").trim();
    if (rest.length > 20) continue;
    info.headerLine = i;
    headerNumberText = rest;
    break;
  }

  const fromFile = fileNameNumber(fileName);
  if (info.headerLine < 0) {
    warnings.push({ message: "no 'Qubes Security Bulletin #N' header found" + (fromFile ? `; number ${fromFile.number} taken from the file name` : "") });
    info.number = fromFile?.number ?? null;
  } else {
    const nm = /^#?\s*0*(\d{1,4})$/.exec(headerNumberText ?? "");
    if (nm && nm[1] !== undefined) {
      info.number = Number(nm[1]);
      if (fromFile && fromFile.number !== info.number) {
        warnings.push({
          line: info.headerLine + 1,
          message: `header says #${info.number} but file name says ${fromFile.written}`,
        });
      }
    } else {
      warnings.push({
        line: info.headerLine + 1,
        message: `header '${collapse(lines[info.headerLine] ?? "").replace(/^[-=[\s]+|[\]=\-\s]+$/g, "")}' has no bulletin number` +
          (fromFile ? `; number ${fromFile.number} taken from the file name` : ""),
      });
      info.number = fromFile?.number ?? null;
    }
  }

  // Date: the first non-blank line under the header, when it is a date on its
  // own. Without a header, a date line standing alone among the first lines.
  let cursor = info.headerLine + 1;
  // Blank lines are skipped only near the top: a bulletin's date and title
  // follow the header within a few lines.
  const scanEnd = Math.min(lines.length, firstHeading, Math.max(info.headerLine, 0) + HEADER_SEARCH_LINES);
  const nextNonBlank = (from: number): number => {
    let i = from;
    while (i < scanEnd && (lines[i] ?? "").trim() === "") i++;
    return i < scanEnd ? i : lines.length;
  };
  if (info.headerLine >= 0) {
    const i = nextNonBlank(cursor);
    if (i < firstHeading && i < lines.length) {
      const d = parseDate(lines[i] ?? "");
      if (d) {
        info.date = d;
        cursor = i + 1;
      } else {
        warnings.push({ line: i + 1, message: `no date under the header (found '${collapse((lines[i] ?? "").slice(0, 60))}')` });
      }
    } else {
      warnings.push({ line: info.headerLine + 1, message: "no date under the header" });
    }
  } else {
    let seen = 0;
    for (let i = 0; i < scanEnd && seen < 5; i++) {
      const t = (lines[i] ?? "").trim();
      if (!t) continue;
      seen++;
      const d = parseDate(t);
      if (d) {
        info.date = d;
        cursor = i + 1;
        break;
      }
    }
    if (info.date === null) cursor = 0;
  }

  // Title: the next paragraph, if it is short, stands before the first
  // heading and is not itself a heading (early bulletins go straight to
  // "Problem description" or to prose; those have no title).
  if ((info.headerLine >= 0 || info.date !== null) && firstHeading < lines.length) {
    // The title may be split over blank-line separated blocks (QSB-083:
    // "Retbleed" / "Arbitrary speculative code execution" / "with return
    // instructions (XSA-407)"); all of them together stay short.
    const block: string[] = [];
    let first = -1;
    let last = -1;
    let ok = true;
    for (let i = nextNonBlank(cursor); i < firstHeading && i < lines.length; i = nextNonBlank(i + 1)) {
      const line = lines[i] ?? "";
      const t = line.trim();
      if (isUnderline(line) || t.length > 100 || t.startsWith("|") || block.length >= 4) {
        ok = false;
        break;
      }
      if (first < 0) first = i;
      last = i;
      block.push(t);
    }
    const joined = collapse(block.join(" "));
    const looksLikeTitle = ok && block.length > 0 && !/[.:;,]$/.test(joined) && parseDate(joined) === null;
    if (looksLikeTitle) {
      if (/^(?:TODO\s*)+$/i.test(joined)) {
        warnings.push({ line: first + 1, message: "title is the placeholder 'TODO'" });
      } else {
        info.title = joined;
        info.titleLines = [first, last + 1];
      }
    }
  }
  return info;
}
