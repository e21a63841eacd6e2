// Pure parsers of the Qubes website's data files (the XSA tracker and the QSB
// index) and of Xen's XSA index. A file of the wrong shape is an error naming
// the file; one odd entry in a good file is a warning, never fatal.
import { parse as parseYaml } from "yaml";
import { MAX_ADVISORY_NUMBER, MAX_BULLETIN_NUMBER } from "@/lib/ids";
import { SourceError } from "./errors";

export type QubesVerdict = "yes" | "no" | "unused" | "unknown";

export interface TrackerEntry {
  xsa: number;
  date: string | null;
  verdict: QubesVerdict;
  /** The covering QSB's number, from "054-2019". */
  qsb: number | null;
  /** As written: "054-2019". */
  qsbRef: string | null;
}

export interface QsbIndexEntry {
  number: number;
  title: string | null;
  date: string | null;
}

export interface XenIndexEntry {
  xsa: number;
  title: string | null;
  /** YYYY-MM-DD from public_time. */
  date: string | null;
  cves: string[];
}

export interface Parsed<T> {
  entries: T[];
  warnings: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Bounds on the website's and Xen's lists: the real ones hold a few hundred
 * entries, one level of fields each. Past these a file is not one of them
 * (a clear error), and an entry nested deeper is skipped with a warning.
 */
export const MAX_LIST_ENTRIES = 20_000;
export const MAX_ENTRY_DEPTH = 8;

function yamlList(text: string, location: string, what: string, key: string): Record<string, unknown>[] {
  // Counted before parsing: a YAML parser takes seconds over a list of a hundred thousand entries.
  const topLevelItems = text.match(/^-(?=\s|$)/gm)?.length ?? 0;
  if (topLevelItems > MAX_LIST_ENTRIES) checkLength({ length: topLevelItems }, location, what);
  if (yamlTooDeep(text)) throw new SourceError(`${location} is not ${what}: its YAML is nested too deeply to read`, location);
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof RangeError || /Maximum call stack size exceeded/.test((error as Error).message)) {
      throw new SourceError(`${location} is not ${what}: its YAML is nested too deeply to read`, location);
    }
    throw new SourceError(`${location} is not a valid YAML ${what}: ${(error as Error).message.split("\n")[0]}`, location);
  }
  if (!Array.isArray(data) || data.length === 0) {
    throw new SourceError(`${location} is not ${what}: expected a YAML list of entries with a \`${key}\` field`, location);
  }
  checkLength(data, location, what);
  const withKey = data.filter((item) => isRecord(item) && key in item).length;
  if (withKey < data.length / 2) {
    throw new SourceError(
      `${location} is not ${what}: only ${withKey} of its ${data.length} entries have a \`${key}\` field`,
      location,
    );
  }
  return data.map((item) => (isRecord(item) ? item : {}));
}

/** Deeper than this (brackets, or block levels by indentation) no list of ours goes; the parser is slow and memory-hungry there. */
const MAX_YAML_NESTING = 64;

/**
 * A linear scan before parsing: flow brackets open at once (outside quotes
 * and comments) and block nesting (indentation plus "- " markers on a line).
 */
function yamlTooDeep(text: string): boolean {
  let flow = 0;
  let quote: string | null = null;
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      lineStart = true;
      block = 0;
      continue;
    }
    if (lineStart) {
      if (c === " " || c === "-" || c === "\t") {
        block++;
        if (block > MAX_YAML_NESTING * 4) return true;
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if ((c === "'" || c === '"') && /[\s[{,:]/.test(text[i - 1] ?? " ")) quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const end = text.indexOf("\n", i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === "[" || c === "{") {
      if (++flow > MAX_YAML_NESTING) return true;
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
  }
  return false;
}

function checkLength(list: { length: number }, location: string, what: string): void {
  if (list.length > MAX_LIST_ENTRIES) {
    throw new SourceError(
      `${location} is not ${what}: it has ${list.length} entries, more than the ${MAX_LIST_ENTRIES} one can hold`,
      location,
    );
  }
}

/** How deep a parsed value nests (an object or list is one level), counted without recursion, up to `limit + 1`. */
export function nestingDepth(value: unknown, limit = MAX_ENTRY_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== "object" || item === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A value as a warning shows it: JSON, cut short. */
function shown(value: unknown): string {
  const text = nestingDepth(value) > MAX_ENTRY_DEPTH ? "a deeply nested value" : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** An entry nested past MAX_ENTRY_DEPTH: a warning naming it, else null. */
function tooDeep(item: Record<string, unknown>, where: string): string | null {
  return nestingDepth(item) > MAX_ENTRY_DEPTH ? `${where} is nested more than ${MAX_ENTRY_DEPTH} levels deep; skipped` : null;
}

/** A number field: the number, or a warning saying why it is not one (out of range included). */
function numberField(value: unknown, max: number, where: string, field: string): number | string {
  const n = integerOf(value);
  if (n !== null && n <= max) return n;
  if (n !== null) return `${where} has ${field} number ${shown(value)}, outside 1 to ${max}; skipped`;
  return `${where} has no valid ${field} number (${shown(value)}); skipped`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A date from YAML (a string or, unquoted, a Date) as YYYY-MM-DD. */
function dateOf(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && DATE.test(value.trim())) return value.trim();
  return null;
}

/** A positive whole number, exactly (1e20 and "99999999999999999999" are not: they lose digits). */
function integerOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return Number.isSafeInteger(value) ? value : Number.POSITIVE_INFINITY;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) {
    const n = Number(value.trim());
    return n === 0 ? null : Number.isSafeInteger(n) ? n : Number.POSITIVE_INFINITY;
  }
  return null;
}

function yesNo(value: unknown): boolean | null {
  if (value === true || value === "yes") return true;
  if (value === false || value === "no") return false;
  return null;
}

/**
 * The one reading loop of the website's YAML lists: each entry is numbered by
 * `field`; an entry too deep, without a valid number or repeating one is a
 * warning naming it (the first of a repeated number is kept), and `read`
 * turns the others into entries, adding its own warnings.
 */
function readNumbered<T>(
  items: Record<string, unknown>[],
  location: string,
  field: string,
  max: number,
  name: (n: number) => string,
  read: (item: Record<string, unknown>, n: number, where: string, warn: (message: string) => void) => T,
): Parsed<T> {
  const entries: T[] = [];
  const warnings: string[] = [];
  const warn = (message: string) => void warnings.push(message);
  const seen = new Set<number>();
  items.forEach((item, index) => {
    const where = `${location}: entry ${index + 1}`;
    const deep = tooDeep(item, where);
    if (deep) return warn(deep);
    const n = numberField(item[field], max, where, field);
    if (typeof n === "string") return warn(n);
    if (seen.has(n)) return warn(`${where}: ${name(n)} appears more than once; the first entry is kept`);
    seen.add(n);
    entries.push(read(item, n, where, warn));
  });
  return { entries, warnings };
}

const qsbName = (n: number) => `QSB-${String(n).padStart(3, "0")}`;
const canaryName = (n: number) => `canary ${String(n).padStart(3, "0")}`;

/** The website's `_data/sec-xsa.yml`. */
export function parseXsaTracker(text: string, location: string): Parsed<TrackerEntry> {
  const items = yamlList(text, location, "an XSA tracker", "xsa");
  return readNumbered(items, location, "xsa", MAX_ADVISORY_NUMBER, (n) => `XSA-${n}`, (item, xsa, where, warn): TrackerEntry => {
    const date = dateOf(item.date);
    if (date === null) warn(`${where}: XSA-${xsa} has no valid date (${shown(item.date)})`);
    const affected = yesNo(item.affected);
    const unused = yesNo(item.unused) === true;
    let verdict: QubesVerdict = unused ? "unused" : affected === true ? "yes" : affected === false ? "no" : "unknown";
    if (!unused && affected === null) {
      warn(`${where}: XSA-${xsa} has no yes/no "affected" value (${shown(item.affected)})`);
      verdict = "unknown";
    }
    let qsb: number | null = null;
    let qsbRef: string | null = null;
    if (typeof item.qsb === "string" || typeof item.qsb === "number") {
      qsbRef = String(item.qsb).trim();
      const match = /^(\d{1,4})(?:-(\d{4}))?$/.exec(qsbRef);
      if (match) qsb = Number(match[1]);
      else warn(`${where}: XSA-${xsa} names a QSB ${shown(qsbRef)} that is not of the form NNN-YYYY`);
    }
    return { xsa, date, verdict, qsb, qsbRef };
  });
}

/** The website's `_data/sec-qsb.yml`. */
export function parseQsbIndex(text: string, location: string): Parsed<QsbIndexEntry> {
  const items = yamlList(text, location, "a QSB index", "qsb");
  return readNumbered(items, location, "qsb", MAX_BULLETIN_NUMBER, qsbName, (item, number, where, warn): QsbIndexEntry => {
    const title = typeof item.title === "string" && item.title.trim() ? item.title.trim() : null;
    const date = dateOf(item.date);
    if (date === null) warn(`${where}: ${qsbName(number)} has no valid date`);
    return { number, title, date };
  });
}

export interface CanaryIndexEntry {
  number: number;
  date: string | null;
}

/** The website's canary list (`_data/sec-canary.yml`): `- canary: "047"` and `date: 2026-06-03`. */
export function parseCanaryIndex(text: string, location: string): Parsed<CanaryIndexEntry> {
  const items = yamlList(text, location, "a canary list", "canary");
  return readNumbered(items, location, "canary", MAX_BULLETIN_NUMBER, canaryName, (item, number, where, warn): CanaryIndexEntry => {
    const date = dateOf(item.date);
    if (date === null) warn(`${where}: ${canaryName(number)} has no valid date`);
    return { number, date };
  });
}

/**
 * Xen's xsa.json: a top-level list holding an object whose `xsas` is the list
 * of records `{"xsa": "26", "title", "public_time": "2012-12-03 17:51", "cve": [...]}`.
 */
export function parseXenIndex(text: string, location: string): Parsed<XenIndexEntry> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new SourceError(`${location} is not Xen's XSA index: its JSON is nested too deeply to read`, location);
    throw new SourceError(`${location} is not valid JSON: ${(error as Error).message.slice(0, 200)}`, location);
  }
  const records = (Array.isArray(data) ? data : [data])
    .filter(isRecord)
    .flatMap((item) => (Array.isArray(item.xsas) ? (item.xsas as unknown[]) : []));
  if (records.length === 0) {
    throw new SourceError(
      `${location} is not Xen's XSA index: expected a list holding an object whose "xsas" is a list of advisories`,
      location,
    );
  }
  checkLength(records, location, "Xen's XSA index");
  const entries: XenIndexEntry[] = [];
  const warnings: string[] = [];
  records.forEach((record, index) => {
    const item = isRecord(record) ? record : {};
    const where = `${location}: record ${index + 1}`;
    const deep = tooDeep(item, where);
    if (deep) return void warnings.push(deep);
    const xsa = numberField(item.xsa, MAX_ADVISORY_NUMBER, where, "xsa");
    if (typeof xsa === "string") return void warnings.push(xsa);
    const title = typeof item.title === "string" && item.title.trim() ? item.title.trim() : null;
    const time = typeof item.public_time === "string" ? item.public_time.trim() : "";
    const date = /^\d{4}-\d{2}-\d{2}/.test(time) ? time.slice(0, 10) : null;
    const cves = (Array.isArray(item.cve) ? item.cve : [])
      .filter((cve): cve is string => typeof cve === "string" && /^CVE-\d{4}-\d{4,}$/.test(cve.trim()))
      .map((cve) => cve.trim());
    entries.push({ xsa, title, date, cves });
  });
  return { entries, warnings };
}
