// The OSV schema's rules (https://ossf.github.io/osv-schema/, version 1.7.4,
// and its JSON Schema in ossf/osv-schema validation/schema.json), written out
// as checks. `osvProblems(record)` lists every rule a record breaks; an empty
// list means it passes. Used by the unit tests and over the 116 real records.
//
// Rules checked:
//  1. The record is a JSON object with only the fields the spec defines.
//  2. `id` and `modified` are required; `schema_version` too (we export a
//     version above 1.0.0), as SemVer without a leading "v".
//  3. `id` has the form `<DB>-<ENTRYID>`.
//  4. `modified`, `published`, `withdrawn` are RFC 3339 timestamps in UTC
//     ending in "Z"; `published` is not after `modified`.
//  5. `aliases`, `upstream`, `related` are arrays of IDs (same form as `id`),
//     each without duplicates and without the record's own id; an ID is not
//     both an alias and upstream/related (they mean different things).
//  6. `summary` is one line of plain text; `details` is a string.
//  7. `severity` entries have a `type` from the spec's list and a `score`;
//     top-level and per-package severity are not both set.
//  8. `affected[].package` has `ecosystem` and `name`; the ecosystem is one of
//     the spec's defined ones (optionally with a ":suffix"), or one the caller
//     declares as its documented custom ecosystem; `purl`, when present, is a
//     "pkg:" URL without a version.
//  9. `affected[].ranges[]`: `type` is SEMVER, ECOSYSTEM or GIT (GIT needs
//     `repo`); `events` is non-empty; each event has exactly one of
//     introduced / fixed / last_affected / limit, as a string; there is at
//     least one `introduced`; no `fixed` or `last_affected` comes before an
//     `introduced` (a range opens before it closes), and open/close events
//     alternate; `fixed` and `last_affected` are not mixed in one range;
//     `introduced` is never empty.
// 10. An `affected` entry without a SEMVER or ECOSYSTEM range lists `versions`.
// 11. `references[]` have a `type` from the spec's enum and an absolute
//     http(s) `url`.
// 12. `credits[]` have a `name`; `type`, when present, is from the spec's enum;
//     `contact` is an array of strings.
// 13. `database_specific` / `ecosystem_specific` are JSON objects when present.

const TOP_LEVEL = new Set([
  "schema_version",
  "id",
  "modified",
  "published",
  "withdrawn",
  "aliases",
  "upstream",
  "related",
  "summary",
  "details",
  "severity",
  "affected",
  "references",
  "credits",
  "database_specific",
]);

export const REFERENCE_TYPES = new Set(["ADVISORY", "ARTICLE", "DETECTION", "DISCUSSION", "REPORT", "FIX", "INTRODUCED", "GIT", "PACKAGE", "EVIDENCE", "WEB"]);
export const SEVERITY_TYPES = new Set(["CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu"]);
export const CREDIT_TYPES = new Set([
  "FINDER",
  "REPORTER",
  "ANALYST",
  "COORDINATOR",
  "REMEDIATION_DEVELOPER",
  "REMEDIATION_REVIEWER",
  "REMEDIATION_VERIFIER",
  "TOOL",
  "SPONSOR",
  "OTHER",
]);
export const RANGE_TYPES = new Set(["SEMVER", "ECOSYSTEM", "GIT"]);
const EVENT_KEYS = ["introduced", "fixed", "last_affected", "limit"] as const;

/** The "Defined ecosystems" table of the spec (1.7.4), plus "GIT" which its JSON Schema accepts. */
export const DEFINED_ECOSYSTEMS = new Set([
  "AlmaLinux",
  "Alpaquita",
  "Alpine",
  "Android",
  "BellSoft Hardened Containers",
  "Bioconductor",
  "Bitnami",
  "Chainguard",
  "CleanStart",
  "ConanCenter",
  "CRAN",
  "crates.io",
  "Debian",
  "Docker Hardened Images",
  "Echo",
  "FreeBSD",
  "GHC",
  "GitHub Actions",
  "Go",
  "Hackage",
  "Hex",
  "Julia",
  "Kubernetes",
  "Linux",
  "Mageia",
  "Maven",
  "MinimOS",
  "npm",
  "NuGet",
  "opam",
  "openEuler",
  "openSUSE",
  "OSS-Fuzz",
  "Packagist",
  "Photon OS",
  "Pub",
  "PyPI",
  "Red Hat",
  "Rocky Linux",
  "Root",
  "RubyGems",
  "SUSE",
  "SwiftURL",
  "Ubuntu",
  "VSCode",
  "Wolfi",
  "GIT",
]);

const ID = /^[A-Za-z][A-Za-z0-9.]*(-[A-Za-z0-9.]+)*-[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isTimestamp(value: unknown): boolean {
  if (typeof value !== "string" || !RFC3339_UTC.test(value)) return false;
  const t = Date.parse(value);
  // Round-trip the date part so 2019-02-31 is refused.
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value.slice(0, 10);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.host !== "";
  } catch {
    return false;
  }
}

export interface OsvRuleOptions {
  /** Ecosystem names the caller documents as its own (matched with an optional ":suffix"). */
  customEcosystems?: string[];
}

export function ecosystemIsKnown(ecosystem: string, options: OsvRuleOptions = {}): boolean {
  const name = ecosystem.split(":")[0] ?? "";
  return DEFINED_ECOSYSTEMS.has(name) || (options.customEcosystems ?? []).includes(name);
}

export function osvProblems(record: unknown, options: OsvRuleOptions = {}): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  if (!isObject(record)) return ["the record is not a JSON object"];

  // 1
  for (const key of Object.keys(record)) if (!TOP_LEVEL.has(key)) fail(`unknown top-level field "${key}"`);

  // 2, 3
  const id = record.id;
  if (typeof id !== "string" || id === "") fail("id is required");
  else if (!ID.test(id)) fail(`id "${id}" is not of the form <DB>-<ENTRYID>`);
  if (record.modified === undefined) fail("modified is required");
  if (typeof record.schema_version !== "string") fail("schema_version is required above 1.0.0");
  else if (!SEMVER.test(record.schema_version)) fail(`schema_version "${record.schema_version}" is not SemVer without a "v"`);

  // 4
  for (const field of ["modified", "published", "withdrawn"] as const) {
    const value = record[field];
    if (value !== undefined && !isTimestamp(value)) fail(`${field} ${JSON.stringify(value)} is not an RFC 3339 UTC timestamp ending in Z`);
  }
  if (isTimestamp(record.published) && isTimestamp(record.modified) && Date.parse(record.published as string) > Date.parse(record.modified as string)) {
    fail("published is after modified");
  }

  // 5
  const lists: Record<string, string[]> = {};
  for (const field of ["aliases", "upstream", "related"] as const) {
    const value = record[field];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) {
      fail(`${field} is not an array of strings`);
      continue;
    }
    const ids = value;
    lists[field] = ids;
    if (new Set(ids).size !== ids.length) fail(`${field} has duplicates`);
    if (typeof id === "string" && ids.includes(id)) fail(`${field} contains the record's own id`);
    for (const other of ids) if (!ID.test(other)) fail(`${field} entry "${other}" is not an ID`);
  }
  for (const alias of lists.aliases ?? []) {
    if ((lists.upstream ?? []).includes(alias)) fail(`${alias} is both an alias and upstream`);
    if ((lists.related ?? []).includes(alias)) fail(`${alias} is both an alias and related`);
  }
  for (const up of lists.upstream ?? []) if ((lists.related ?? []).includes(up)) fail(`${up} is both upstream and related`);

  // 6
  if (record.summary !== undefined && (typeof record.summary !== "string" || /[\r\n]/.test(record.summary))) fail("summary is not one line of text");
  if (record.details !== undefined && typeof record.details !== "string") fail("details is not a string");

  // 7
  const checkSeverity = (value: unknown, where: string) => {
    if (!Array.isArray(value)) return fail(`${where} is not an array`);
    for (const s of value) {
      if (!isObject(s) || typeof s.type !== "string" || !SEVERITY_TYPES.has(s.type)) fail(`${where} has an unknown type`);
      else if (typeof s.score !== "string") fail(`${where} has no score`);
    }
  };
  if (record.severity !== undefined) checkSeverity(record.severity, "severity");

  // 8, 9, 10
  if (record.affected !== undefined) {
    if (!Array.isArray(record.affected)) fail("affected is not an array");
    else {
      record.affected.forEach((affected: unknown, i: number) => {
        const at = `affected[${i}]`;
        if (!isObject(affected)) return fail(`${at} is not an object`);
        const pkg = affected.package;
        if (!isObject(pkg) || typeof pkg.ecosystem !== "string" || pkg.ecosystem === "" || typeof pkg.name !== "string" || pkg.name === "") {
          fail(`${at}.package needs ecosystem and name`);
        } else {
          if (!ecosystemIsKnown(pkg.ecosystem, options)) fail(`${at}.package.ecosystem "${pkg.ecosystem}" is neither defined by the spec nor declared`);
          if (pkg.purl !== undefined && (typeof pkg.purl !== "string" || !/^pkg:[a-z.+-]+\/[^@]+$/.test(pkg.purl))) fail(`${at}.package.purl ${JSON.stringify(pkg.purl)} is not a purl without a version`);
        }
        if (affected.severity !== undefined) {
          checkSeverity(affected.severity, `${at}.severity`);
          if (record.severity !== undefined) fail(`${at}.severity is set along with the top-level severity`);
        }
        for (const field of ["ecosystem_specific", "database_specific"] as const) {
          if (affected[field] !== undefined && !isObject(affected[field])) fail(`${at}.${field} is not an object`);
        }
        if (affected.versions !== undefined && (!Array.isArray(affected.versions) || !affected.versions.every((v) => typeof v === "string"))) {
          fail(`${at}.versions is not an array of strings`);
        }
        const ranges = affected.ranges;
        if (ranges !== undefined && !Array.isArray(ranges)) return fail(`${at}.ranges is not an array`);
        const rangeList = (ranges ?? []) as unknown[];
        const hasOrderedRange = rangeList.some((r) => isObject(r) && (r.type === "SEMVER" || r.type === "ECOSYSTEM"));
        if (!hasOrderedRange && affected.versions === undefined) fail(`${at} has no SEMVER/ECOSYSTEM range and no versions list`);
        rangeList.forEach((range, j) => {
          const rat = `${at}.ranges[${j}]`;
          if (!isObject(range)) return fail(`${rat} is not an object`);
          if (typeof range.type !== "string" || !RANGE_TYPES.has(range.type)) fail(`${rat}.type "${String(range.type)}" is not SEMVER, ECOSYSTEM or GIT`);
          if (range.type === "GIT" && typeof range.repo !== "string") fail(`${rat} is GIT without repo`);
          if (range.database_specific !== undefined && !isObject(range.database_specific)) fail(`${rat}.database_specific is not an object`);
          const events = range.events;
          if (!Array.isArray(events) || events.length === 0) return fail(`${rat}.events is empty`);
          let open = false;
          let introduced = 0;
          let hasFixed = false;
          let hasLastAffected = false;
          events.forEach((event: unknown, k: number) => {
            const eat = `${rat}.events[${k}]`;
            if (!isObject(event)) return fail(`${eat} is not an object`);
            const keys = Object.keys(event);
            if (keys.length !== 1 || !EVENT_KEYS.includes(keys[0] as (typeof EVENT_KEYS)[number])) {
              return fail(`${eat} must have exactly one of ${EVENT_KEYS.join(", ")}`);
            }
            const key = keys[0] as (typeof EVENT_KEYS)[number];
            const value = event[key];
            if (typeof value !== "string" || value === "") return fail(`${eat}.${key} is not a non-empty string`);
            if (key === "introduced") {
              if (open) fail(`${eat}: introduced twice without a fixed/last_affected between`);
              open = true;
              introduced++;
            } else if (key === "fixed" || key === "last_affected") {
              if (!open) fail(`${eat}: ${key} without an introduced before it`);
              open = false;
              if (key === "fixed") hasFixed = true;
              else hasLastAffected = true;
            }
          });
          if (introduced === 0) fail(`${rat}.events has no introduced`);
          if (hasFixed && hasLastAffected) fail(`${rat}.events mixes fixed and last_affected`);
        });
      });
    }
  }

  // 11
  if (record.references !== undefined) {
    if (!Array.isArray(record.references)) fail("references is not an array");
    else {
      record.references.forEach((ref: unknown, i: number) => {
        if (!isObject(ref)) return fail(`references[${i}] is not an object`);
        if (typeof ref.type !== "string" || !REFERENCE_TYPES.has(ref.type)) fail(`references[${i}].type "${String(ref.type)}" is not in the spec's enum`);
        if (!isHttpUrl(ref.url)) fail(`references[${i}].url "${String(ref.url)}" is not an absolute http(s) URL`);
      });
    }
  }

  // 12
  if (record.credits !== undefined) {
    if (!Array.isArray(record.credits)) fail("credits is not an array");
    else {
      record.credits.forEach((credit: unknown, i: number) => {
        if (!isObject(credit) || typeof credit.name !== "string" || credit.name === "") return fail(`credits[${i}] has no name`);
        if (credit.type !== undefined && (typeof credit.type !== "string" || !CREDIT_TYPES.has(credit.type))) fail(`credits[${i}].type is not in the spec's enum`);
        if (credit.contact !== undefined && (!Array.isArray(credit.contact) || !credit.contact.every((c) => typeof c === "string"))) fail(`credits[${i}].contact is not an array of strings`);
      });
    }
  }

  // 13
  if (record.database_specific !== undefined && !isObject(record.database_specific)) fail("database_specific is not an object");

  return problems;
}
