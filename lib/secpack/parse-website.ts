// Pure parsers of the Qubes website's data files (the XSA tracker and the QSB
// index) and of Xen's XSA index. A file of the wrong shape is an error naming
// the file; one odd entry in a good file is a warning, never fatal.
import { parse as parseYaml } from "yaml";
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

function yamlList(text: string, location: string, what: string, key: string): Record<string, unknown>[] {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (error) {
    throw new SourceError(`${location} is not a valid YAML ${what}: ${(error as Error).message.split("\n")[0]}`, location);
  }
  if (!Array.isArray(data) || data.length === 0) {
    throw new SourceError(`${location} is not ${what}: expected a YAML list of entries with a \`${key}\` field`, location);
  }
  const withKey = data.filter((item) => isRecord(item) && key in item).length;
  if (withKey < data.length / 2) {
    throw new SourceError(
      `${location} is not ${what}: only ${withKey} of its ${data.length} entries have a \`${key}\` field`,
      location,
    );
  }
  return data.map((item) => (isRecord(item) ? item : {}));
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

function integerOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

function yesNo(value: unknown): boolean | null {
  if (value === true || value === "yes") return true;
  if (value === false || value === "no") return false;
  return null;
}

/** The website's `_data/sec-xsa.yml`. */
export function parseXsaTracker(text: string, location: string): Parsed<TrackerEntry> {
  const items = yamlList(text, location, "an XSA tracker", "xsa");
  const entries: TrackerEntry[] = [];
  const warnings: string[] = [];
  const seen = new Set<number>();
  items.forEach((item, index) => {
    const where = `${location}: entry ${index + 1}`;
    const xsa = integerOf(item.xsa);
    if (xsa === null) {
      warnings.push(`${where} has no valid xsa number (${JSON.stringify(item.xsa)}); skipped`);
      return;
    }
    if (seen.has(xsa)) {
      warnings.push(`${where}: XSA-${xsa} appears more than once; the first entry is kept`);
      return;
    }
    seen.add(xsa);
    const date = dateOf(item.date);
    if (date === null) warnings.push(`${where}: XSA-${xsa} has no valid date (${JSON.stringify(item.date)})`);
    const affected = yesNo(item.affected);
    const unused = yesNo(item.unused) === true;
    let verdict: QubesVerdict = unused ? "unused" : affected === true ? "yes" : affected === false ? "no" : "unknown";
    if (!unused && affected === null) {
      warnings.push(`${where}: XSA-${xsa} has no yes/no "affected" value (${JSON.stringify(item.affected)})`);
      verdict = "unknown";
    }
    let qsb: number | null = null;
    let qsbRef: string | null = null;
    if (typeof item.qsb === "string" || typeof item.qsb === "number") {
      qsbRef = String(item.qsb).trim();
      const match = /^(\d{1,4})(?:-(\d{4}))?$/.exec(qsbRef);
      if (match) qsb = Number(match[1]);
      else warnings.push(`${where}: XSA-${xsa} names a QSB "${qsbRef}" that is not of the form NNN-YYYY`);
    }
    entries.push({ xsa, date, verdict, qsb, qsbRef });
  });
  return { entries, warnings };
}

/** The website's `_data/sec-qsb.yml`. */
export function parseQsbIndex(text: string, location: string): Parsed<QsbIndexEntry> {
  const items = yamlList(text, location, "a QSB index", "qsb");
  const entries: QsbIndexEntry[] = [];
  const warnings: string[] = [];
  const seen = new Set<number>();
  items.forEach((item, index) => {
    const where = `${location}: entry ${index + 1}`;
    const number = integerOf(item.qsb);
    if (number === null) {
      warnings.push(`${where} has no valid qsb number (${JSON.stringify(item.qsb)}); skipped`);
      return;
    }
    if (seen.has(number)) {
      warnings.push(`${where}: QSB-${String(number).padStart(3, "0")} appears more than once; the first entry is kept`);
      return;
    }
    seen.add(number);
    const title = typeof item.title === "string" && item.title.trim() ? item.title.trim() : null;
    const date = dateOf(item.date);
    if (date === null) warnings.push(`${where}: QSB-${String(number).padStart(3, "0")} has no valid date`);
    entries.push({ number, title, date });
  });
  return { entries, warnings };
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
    throw new SourceError(`${location} is not valid JSON: ${(error as Error).message}`, location);
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
  const entries: XenIndexEntry[] = [];
  const warnings: string[] = [];
  records.forEach((record, index) => {
    const item = isRecord(record) ? record : {};
    const xsa = integerOf(item.xsa);
    if (xsa === null) {
      warnings.push(`${location}: record ${index + 1} has no valid xsa number; skipped`);
      return;
    }
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
