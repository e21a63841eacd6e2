// Builds a larger data set from the real one, for the benchmark at 10x:
// every bulletin copied `factor - 1` more times under new numbers (the
// same bytes, so their signatures still verify: a sync at 10x verifies 10x
// the signatures), the QSB index and the XSA tracker extended to match, and
// the tracker's XSAs copied up to `advisories` numbers. Written into a
// temporary folder; the real data is only read.
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";

const BULLETIN = /^qsb-(\d{3,})-(\d{4})(\.txt(?:\.(?:sig|sign)\.[A-Za-z0-9._-]+)?)$/;

/** The file name of copy `k` (1, 2, ...) of a bulletin file or its signature, or null for other files. */
export function copiedName(name: string, k: number, bulletins: number): string | null {
  const match = BULLETIN.exec(name);
  if (!match) return null;
  const number = Number(match[1]) + k * bulletins;
  return `qsb-${String(number).padStart(3, "0")}-${match[2]}${match[3]}`;
}

type QsbIndexEntry = { qsb: string; title?: string; date?: string };
type TrackerEntry = { xsa: number; date?: string; affected?: string; qsb?: string };

/** The QSB index with an entry for every copy (its title says which bulletin it copies). */
export function scaleQsbIndex(text: string, factor: number, bulletins: number): string {
  const entries = parse(text) as QsbIndexEntry[];
  const out: QsbIndexEntry[] = [...entries];
  for (let k = 1; k < factor; k++) {
    for (const entry of entries) {
      const number = Number(entry.qsb) + k * bulletins;
      out.push({ ...entry, qsb: String(number).padStart(3, "0"), title: `${entry.title ?? ""} (copy ${k} of QSB-${entry.qsb})`.trim() });
    }
  }
  return stringify(out);
}

/** The XSA tracker copied until it holds `advisories` numbers; a copy's QSB is the same copy of the bulletin. */
export function scaleXsaTracker(text: string, advisories: number, bulletins: number): string {
  const entries = parse(text) as TrackerEntry[];
  const highest = Math.max(...entries.map((e) => e.xsa));
  const out: TrackerEntry[] = [...entries];
  for (let k = 1; out.length < advisories; k++) {
    for (const entry of entries) {
      if (out.length >= advisories) break;
      const copy: TrackerEntry = { ...entry, xsa: entry.xsa + k * highest };
      if (entry.qsb) {
        const [number, year] = entry.qsb.split("-");
        copy.qsb = `${String(Number(number) + k * bulletins).padStart(3, "0")}-${year}`;
      }
      out.push(copy);
    }
  }
  return stringify(out);
}

export interface DataSet {
  secpack: string;
  xsaTracker: string;
  qsbIndex: string;
  /** The real supported-releases page: the release windows do not scale with the data. */
  supportedReleases: string;
  bulletins: number;
  advisories: number;
}

/** Writes the data set scaled `factor` times (1: a plain copy) into `dir`. */
export function generateDataSet(fixtures: string, dir: string, factor: number, advisories: number): DataSet {
  const secpack = path.join(dir, "qubes-secpack");
  const qsbs = path.join(secpack, "QSBs");
  mkdirSync(qsbs, { recursive: true });
  cpSync(path.join(fixtures, "qubes-secpack", "keys"), path.join(secpack, "keys"), { recursive: true });
  const source = path.join(fixtures, "qubes-secpack", "QSBs");
  const names = readdirSync(source);
  const bulletins = names.filter((n) => /^qsb-\d{3,}-\d{4}\.txt$/.test(n)).length;
  for (const name of names) {
    copyFileSync(path.join(source, name), path.join(qsbs, name));
    for (let k = 1; k < factor; k++) {
      const copy = copiedName(name, k, bulletins);
      if (copy) copyFileSync(path.join(source, name), path.join(qsbs, copy));
    }
  }
  const website = path.join(fixtures, "qubes-website");
  const xsaTracker = path.join(dir, "xsa-tracker.yml");
  const qsbIndex = path.join(dir, "qsb-index.yml");
  const tracker = readFileSync(path.join(website, "xsa-tracker.yml"), "utf8");
  const trackerEntries = (parse(tracker) as unknown[]).length;
  writeFileSync(xsaTracker, factor > 1 ? scaleXsaTracker(tracker, advisories, bulletins) : tracker);
  writeFileSync(qsbIndex, factor > 1 ? scaleQsbIndex(readFileSync(path.join(website, "qsb-index.yml"), "utf8"), factor, bulletins) : readFileSync(path.join(website, "qsb-index.yml")));
  const supportedReleases = path.join(fixtures, "qubes-doc", "supported-releases.rst");
  return { secpack, xsaTracker, qsbIndex, supportedReleases, bulletins: bulletins * factor, advisories: factor > 1 ? advisories : trackerEntries };
}

/**
 * The tracker with XSA-1's date moved by a day, back and forth: a real data
 * change for the next sync. It toggles on the text itself, so every call
 * changes it, whatever was touched before (a counter shared between the 1x
 * and 10x data sets once left a file "moved" to the date it already had, and
 * the page after that sync cached).
 */
export function touchedTracker(text: string, file = "the tracker"): string {
  const entry = /(- xsa: 1\n\s+date: )(\d{4}-\d{2}-\d{2})/.exec(text);
  if (!entry) throw new Error(`${file}: no date for XSA-1 to touch`);
  const day = entry[2] === "2011-03-15" ? "2011-03-14" : "2011-03-15";
  return text.replace(entry[0], `${entry[1]}${day}`);
}
