// What a bulletin tells its readers up front, as it states it: "User action",
// "Impact" and "Affected systems", read from their sections in every era that
// has them (2016 on for "Impact", 2020 on for "User action required", 2023 on
// for "User action" and "Affected systems"; a few bulletins name them
// differently, listed below). Pure: the text in, plain paragraphs out.
import { findSections, splitLines } from "./text";

export type StatementKind = "userAction" | "impact" | "affectedSystems";

export interface BulletinStatement {
  kind: StatementKind;
  /** The section's heading as the bulletin writes it. */
  heading: string;
  /** The section's paragraphs, each on one line; quotations keep their "| ". */
  paragraphs: string[];
  /** True when the section was longer than MAX_STATEMENT_CHARS and is cut. */
  cut: boolean;
}

const HEADINGS: { kind: StatementKind; pattern: RegExp }[] = [
  { kind: "userAction", pattern: /^user action(?: required)?$/i },
  {
    kind: "impact",
    pattern: /^(?:impact(?: (?:for|on) qubes(?: os)?)?|impact & mitigating factors|practical impact and limiting factors for qubes users|discussion of practical impact)$/i,
  },
  { kind: "affectedSystems", pattern: /^(?:affected systems|vulnerable systems|affected hardware)$/i },
];

/** Longer sections are shown in part (the full text is on the page anyway). */
export const MAX_STATEMENT_CHARS = 2500;

export function parseStatements(text: string): BulletinStatement[] {
  const lines = splitLines(text);
  const found: BulletinStatement[] = [];
  for (const section of findSections(lines)) {
    const kind = HEADINGS.find((h) => h.pattern.test(section.heading.replace(/\s+/g, " ")))?.kind;
    if (!kind || found.some((s) => s.kind === kind)) continue;
    const paragraphs: string[] = [];
    let current: string[] = [];
    const flush = () => {
      if (current.length) paragraphs.push(current.join(" "));
      current = [];
    };
    for (let i = section.start; i < section.end; i++) {
      const line = (lines[i] ?? "").trim();
      const quoted = line.startsWith("|");
      const content = quoted ? line.replace(/^\|\s?/, "").trim() : line;
      if (content === "") flush();
      else current.push(current.length === 0 && quoted ? `| ${content}` : content);
    }
    flush();
    let total = 0;
    const kept: string[] = [];
    for (const p of paragraphs) {
      if (total + p.length > MAX_STATEMENT_CHARS && kept.length > 0) break;
      kept.push(p.length > MAX_STATEMENT_CHARS ? `${p.slice(0, p.lastIndexOf(" ", MAX_STATEMENT_CHARS))} …` : p);
      total += p.length;
    }
    if (kept.length > 0) found.push({ kind, heading: section.heading, paragraphs: kept, cut: kept.length < paragraphs.length || kept.some((p, i) => p !== paragraphs[i]) });
  }
  const order: StatementKind[] = ["userAction", "impact", "affectedSystems"];
  return found.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}
