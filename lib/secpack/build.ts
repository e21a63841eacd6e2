// Pure step of the importer: from the parsed bulletins and the website's and
// Xen's index data, the plain records the store step writes, and the audit of
// where the secpack texts and the tracker disagree (both facts are kept).
import { advisoryId, bulletinId } from "@/lib/ids";
import type { FactSource } from "./fact-source";
import { releaseSortKey } from "@/lib/vocabulary/release";
import type { QsbIndexEntry, QubesVerdict, TrackerEntry, XenIndexEntry } from "./parse-website";
import type { ParsedBulletin, ParsedChange, ParsedFix, ParsedUrl, ParsedUserAction } from "./types";

export interface BulletinInput {
  number: number;
  fileName: string;
  sourcePath: string;
  /** The year in the file name, the last resort for a date. */
  year: number;
  rawText: string;
  sha256: string;
  parsed: ParsedBulletin;
  /** Warnings found before parsing (not text, too large ...). */
  fileWarnings: string[];
}

export interface BuildInput {
  bulletins: BulletinInput[];
  tracker: TrackerEntry[];
  index: QsbIndexEntry[];
  xen: XenIndexEntry[] | null;
}

/** A release, with its support window (null here: the supported-releases source fills it in). */
export interface ReleaseRecord {
  name: string;
  sortKey: number;
  supportStart: string | null;
  supportEnd: string | null;
  supportStatus: string | null;
  dom0Fedora: number | null;
}

export interface WarningRecord {
  kind: "parse" | "audit" | "source";
  bulletinNumber: number | null;
  advisoryNumber: number | null;
  file: string | null;
  line: number | null;
  message: string;
}

export interface BulletinRecord {
  number: number;
  fileName: string;
  sourcePath: string;
  date: string | null;
  title: string | null;
  titleSource: "index" | "text" | null;
  rawText: string;
  sha256: string;
  changes: ParsedChange[];
  actions: ParsedUserAction[];
  urls: ParsedUrl[];
  fixes: ParsedFix[];
  references: number[];
}

/** Where a title or CVE was read: Xen's index, or a bulletin's line. */
export interface FactOrigin {
  source: FactSource;
  bulletinNumber: number | null;
  line: number | null;
}

export interface AdvisoryCveRecord extends FactOrigin {
  cve: string;
}

export interface AdvisoryRecord {
  number: number;
  date: string | null;
  title: string | null;
  /** Null where no source gives a title. */
  titleOrigin: FactOrigin | null;
  qubesAffected: QubesVerdict;
  trackerQsb: string | null;
  inTracker: boolean;
  inXenIndex: boolean;
  cves: AdvisoryCveRecord[];
}

export interface LinkRecord {
  bulletinNumber: number;
  advisoryNumber: number;
  relation: "covers" | "references";
  source: "text" | "tracker" | "text+tracker";
}

export interface RelationRecord {
  fromNumber: number;
  toNumber: number;
  relation: string;
  bulletinNumber: number;
  evidence: string;
}

export interface BuildResult {
  bulletins: BulletinRecord[];
  advisories: AdvisoryRecord[];
  links: LinkRecord[];
  relations: RelationRecord[];
  /** Every release that fixes name or the supported-releases page lists. */
  releases: ReleaseRecord[];
  warnings: WarningRecord[];
}

const qsbId = bulletinId;
const xsaId = advisoryId;

export function buildRecords(input: BuildInput): BuildResult {
  const warnings: WarningRecord[] = [];
  const audit = (message: string, bulletinNumber: number | null = null, advisoryNumber: number | null = null) =>
    warnings.push({ kind: "audit", bulletinNumber, advisoryNumber, file: null, line: null, message });

  const indexByNumber = new Map(input.index.map((entry) => [entry.number, entry]));
  const trackerByXsa = new Map(input.tracker.map((entry) => [entry.xsa, entry]));
  const xenByXsa = new Map((input.xen ?? []).map((entry) => [entry.xsa, entry]));
  const bulletinNumbers = new Set(input.bulletins.map((b) => b.number));

  // Bulletins: the index gives title and date (early texts carry no title line).
  const bulletins: BulletinRecord[] = [];
  for (const b of [...input.bulletins].sort((x, y) => x.number - y.number)) {
    const file = b.sourcePath;
    for (const message of b.fileWarnings) {
      warnings.push({ kind: "parse", bulletinNumber: b.number, advisoryNumber: null, file, line: null, message: `${file}: ${message}` });
    }
    for (const w of b.parsed.warnings) {
      const where = w.line ? `${file}:${w.line}` : file;
      warnings.push({ kind: "parse", bulletinNumber: b.number, advisoryNumber: null, file, line: w.line ?? null, message: `${where}: ${w.message}` });
    }
    const indexed = indexByNumber.get(b.number);
    if (!indexed) audit(`${qsbId(b.number)} is in the secpack (${file}) but not in the QSB index`, b.number);
    if (indexed?.date && b.parsed.date && indexed.date !== b.parsed.date) {
      audit(`${qsbId(b.number)}: the QSB index dates it ${indexed.date}, its text ${b.parsed.date}`, b.number);
    }
    const title = indexed?.title ?? b.parsed.title;
    const date = indexed?.date ?? b.parsed.date;
    if (!date) audit(`${qsbId(b.number)} has no date in the QSB index or its text`, b.number);
    bulletins.push({
      number: b.number,
      fileName: b.fileName,
      sourcePath: b.sourcePath,
      date,
      title,
      titleSource: indexed?.title ? "index" : b.parsed.title ? "text" : null,
      rawText: b.rawText,
      sha256: b.sha256,
      changes: b.parsed.changes,
      actions: dedupeBy(b.parsed.actions, (a) => a.action),
      urls: dedupeBy(b.parsed.urls, (u) => u.label),
      fixes: b.parsed.fixes,
      references: [...new Set(b.parsed.bulletins)].filter((n) => n !== b.number).sort((x, y) => x - y),
    });
  }
  for (const entry of input.index) {
    if (!bulletinNumbers.has(entry.number)) {
      audit(`${qsbId(entry.number)} is in the QSB index but has no file in the secpack`);
    }
  }

  // Links: the texts' relations, merged with the tracker's "covering QSB".
  const links = new Map<string, LinkRecord>();
  for (const b of input.bulletins) {
    for (const link of b.parsed.advisories) {
      const key = `${b.number}:${link.xsa}`;
      const existing = links.get(key);
      if (existing && existing.relation === "covers") continue;
      links.set(key, { bulletinNumber: b.number, advisoryNumber: link.xsa, relation: link.relation, source: "text" });
    }
  }
  for (const entry of input.tracker) {
    if (entry.qsb === null) continue;
    if (!bulletinNumbers.has(entry.qsb)) {
      audit(`the tracker says ${qsbId(entry.qsb)} covers ${xsaId(entry.xsa)}, but the secpack has no such bulletin`, null, entry.xsa);
      continue;
    }
    if (entry.verdict !== "yes") {
      audit(`the tracker names ${qsbId(entry.qsb)} for ${xsaId(entry.xsa)} but says Qubes is ${verdictWords(entry.verdict)}`, entry.qsb, entry.xsa);
    }
    const key = `${entry.qsb}:${entry.xsa}`;
    const existing = links.get(key);
    if (!existing) {
      audit(`the tracker says ${qsbId(entry.qsb)} covers ${xsaId(entry.xsa)}, but the bulletin's text does not mention ${xsaId(entry.xsa)}`, entry.qsb, entry.xsa);
      links.set(key, { bulletinNumber: entry.qsb, advisoryNumber: entry.xsa, relation: "covers", source: "tracker" });
    } else if (existing.relation === "references") {
      audit(`the tracker says ${qsbId(entry.qsb)} covers ${xsaId(entry.xsa)}; the bulletin's text only mentions it`, entry.qsb, entry.xsa);
      links.set(key, { ...existing, relation: "covers", source: "tracker" });
    } else {
      links.set(key, { ...existing, source: "text+tracker" });
    }
  }
  for (const link of links.values()) {
    if (link.relation !== "covers" || link.source !== "text") continue;
    const entry = trackerByXsa.get(link.advisoryNumber);
    const b = qsbId(link.bulletinNumber);
    const x = xsaId(link.advisoryNumber);
    if (!entry) audit(`${b} covers ${x} by its text, but the tracker has no entry for ${x}`, link.bulletinNumber, link.advisoryNumber);
    else if (entry.qsb === null) audit(`${b} covers ${x} by its text, but the tracker names no QSB for ${x} (Qubes affected: ${entry.verdict})`, link.bulletinNumber, link.advisoryNumber);
    else audit(`${b} covers ${x} by its text, but the tracker names ${qsbId(entry.qsb)} for ${x}`, link.bulletinNumber, link.advisoryNumber);
  }

  // Advisories: every XSA any source names.
  const numbers = new Set<number>([...trackerByXsa.keys(), ...xenByXsa.keys(), ...[...links.values()].map((l) => l.advisoryNumber)]);
  const relations: RelationRecord[] = [];
  const relationKeys = new Set<string>();
  for (const b of input.bulletins) {
    for (const r of b.parsed.advisoryRelations) {
      const key = `${r.from}:${r.to}`;
      if (r.from === r.to || relationKeys.has(key)) continue;
      relationKeys.add(key);
      numbers.add(r.from);
      numbers.add(r.to);
      relations.push({ fromNumber: r.from, toNumber: r.to, relation: r.relation, bulletinNumber: b.number, evidence: r.evidence });
    }
  }
  const quoted = quotedFacts(input.bulletins, audit);
  for (const n of quoted.numbers) numbers.add(n);
  const advisories: AdvisoryRecord[] = [...numbers]
    .sort((x, y) => x - y)
    .map((number) => {
      const tracked = trackerByXsa.get(number);
      const xen = xenByXsa.get(number);
      const { title, titleOrigin, cves } = advisoryFacts(number, xen, quoted, audit);
      return {
        number,
        date: tracked?.date ?? xen?.date ?? null,
        title,
        titleOrigin,
        qubesAffected: tracked?.verdict ?? "unknown",
        trackerQsb: tracked?.qsbRef ?? null,
        inTracker: Boolean(tracked),
        inXenIndex: Boolean(xen),
        cves,
      };
    });

  // Numbers missing from the tracker, below its highest number: one warning each
  // in a small gap; a wide gap (a stray high number) is one warning, plus one for
  // each advisory in it that a bulletin names, never a loop over the range.
  const tracked = [0, ...trackerByXsa.keys()].sort((a, b) => a - b);
  const highest = tracked[tracked.length - 1] ?? 0;
  const missing = (n: number) => audit(`${xsaId(n)} is missing from the tracker (it lists XSA-1 to ${xsaId(highest)})`, null, numbers.has(n) ? n : null);
  const named = [...numbers].sort((a, b) => a - b);
  for (let i = 1; i < tracked.length; i++) {
    const from = (tracked[i - 1] ?? 0) + 1;
    const to = (tracked[i] ?? 0) - 1;
    if (to - from + 1 <= MAX_GAP_LISTED) {
      for (let n = from; n <= to; n++) missing(n);
      continue;
    }
    audit(`${xsaId(from)} to ${xsaId(to)} (${to - from + 1} numbers) are missing from the tracker (it lists XSA-1 to ${xsaId(highest)})`);
    for (const n of named) if (n >= from && n <= to) missing(n);
  }

  const releases = buildReleases(bulletins.flatMap((b) => b.fixes.map((f) => f.release)));
  return {
    bulletins,
    advisories,
    links: [...links.values()].sort((a, b) => a.bulletinNumber - b.bulletinNumber || a.advisoryNumber - b.advisoryNumber),
    relations,
    releases,
    warnings,
  };
}

interface QuotedFacts {
  titles: Map<number, { title: string; bulletinNumber: number; line: number }>;
  cves: Map<number, Map<string, { bulletinNumber: number; line: number }>>;
  numbers: Set<number>;
}

type Audit = (message: string, bulletinNumber?: number | null, advisoryNumber?: number | null) => void;

/** The XSA titles and CVEs the bulletins quote; the earliest bulletin's wins, and disagreements are audited. */
function quotedFacts(bulletins: BulletinInput[], audit: Audit): QuotedFacts {
  const facts: QuotedFacts = { titles: new Map(), cves: new Map(), numbers: new Set() };
  for (const b of [...bulletins].sort((x, y) => x.number - y.number)) {
    for (const t of b.parsed.xsaTitles) {
      facts.numbers.add(t.xsa);
      const first = facts.titles.get(t.xsa);
      if (!first) facts.titles.set(t.xsa, { title: t.title, bulletinNumber: b.number, line: t.line });
      else if (!sameTitle(first.title, t.title)) {
        audit(
          `${qsbId(b.number)} (line ${t.line}) quotes ${xsaId(t.xsa)}'s title as “${t.title}”, ${qsbId(first.bulletinNumber)} (line ${first.line}) as “${first.title}”`,
          b.number,
          t.xsa,
        );
      }
    }
    for (const c of b.parsed.xsaCves) {
      facts.numbers.add(c.xsa);
      const cves = facts.cves.get(c.xsa) ?? new Map<string, { bulletinNumber: number; line: number }>();
      if (!cves.has(c.cve)) cves.set(c.cve, { bulletinNumber: b.number, line: c.line });
      facts.cves.set(c.xsa, cves);
    }
  }
  return facts;
}

/** Xen's index where it has the XSA; else what the bulletins quote. */
function advisoryFacts(
  number: number,
  xen: XenIndexEntry | undefined,
  quoted: QuotedFacts,
  audit: Audit,
): { title: string | null; titleOrigin: FactOrigin | null; cves: AdvisoryCveRecord[] } {
  const quotedTitle = quoted.titles.get(number);
  const quotedCves = quoted.cves.get(number) ?? new Map<string, { bulletinNumber: number; line: number }>();
  const fromBulletin = (q: { bulletinNumber: number; line: number }): FactOrigin => ({ source: "bulletin", bulletinNumber: q.bulletinNumber, line: q.line });
  const xenOrigin: FactOrigin = { source: "xen-index", bulletinNumber: null, line: null };
  if (!xen) {
    return {
      title: quotedTitle?.title ?? null,
      titleOrigin: quotedTitle ? fromBulletin(quotedTitle) : null,
      cves: [...quotedCves].map(([cve, q]) => ({ cve, ...fromBulletin(q) })),
    };
  }
  if (xen.title && quotedTitle && !sameTitle(xen.title, quotedTitle.title)) {
    audit(
      `Xen's index titles ${xsaId(number)} “${xen.title}”; ${qsbId(quotedTitle.bulletinNumber)} (line ${quotedTitle.line}) quotes “${quotedTitle.title}”`,
      quotedTitle.bulletinNumber,
      number,
    );
  }
  const xenCves = new Set(xen.cves);
  for (const [cve, q] of quotedCves) {
    if (!xenCves.has(cve)) {
      audit(`${qsbId(q.bulletinNumber)} (line ${q.line}) gives ${cve} for ${xsaId(number)}, which Xen's index does not list for it`, q.bulletinNumber, number);
    }
  }
  const title = xen.title ?? quotedTitle?.title ?? null;
  return {
    title,
    titleOrigin: xen.title ? xenOrigin : quotedTitle ? fromBulletin(quotedTitle) : null,
    cves: [...xenCves].map((cve) => ({ cve, ...xenOrigin })),
  };
}

/** Titles compared as words: case, spacing and end punctuation aside. */
function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").replace(/[\s.,;:]+$/, "").trim();
  return norm(a) === norm(b);
}

/** Every release a fix names; the supported-releases source adds its support window in the store step. */
function buildReleases(named: (string | null)[]): ReleaseRecord[] {
  return [...new Set(named.filter((r): r is string => r !== null))]
    .map((name) => ({ name, sortKey: releaseSortKey(name) ?? 0, supportStart: null, supportEnd: null, supportStatus: null, dom0Fedora: null }))
    .sort((a, b) => a.sortKey - b.sortKey);
}

/** The widest gap in the tracker's numbers listed number by number. */
const MAX_GAP_LISTED = 100;

function verdictWords(verdict: QubesVerdict): string {
  if (verdict === "no") return "not affected";
  if (verdict === "unused") return "unused (the number was withdrawn)";
  return "of unknown status";
}

function dedupeBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
