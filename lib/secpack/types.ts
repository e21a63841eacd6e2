// Plain typed records that flow through the importer:
// source (files, git) → parse (pure) → these records → store (one transaction).

export type AdvisoryRelationKind = "covers" | "references";

/** What a bulletin asks its readers to do after updating. */
export type UserActionKind = "restart-dom0" | "reseal-aem" | "restart-vms" | "update-templates";

export interface ParseWarning {
  /** 1-based line in the bulletin file, when the problem has one. */
  line?: number;
  message: string;
}

export interface ParsedAdvisoryLink {
  xsa: number;
  relation: AdvisoryRelationKind;
}

export interface ParsedFix {
  /** Normalised release name: "R1", "R2", "R3.0" is "3.0", "4.0" ...; null where the text names none. */
  release: string | null;
  /** Normalised package name: "Xen packages" is "xen", "Dom0 kernel packages" is "kernel". */
  package: string;
  version: string;
  /** "dom0", "templates", "vms" or "dom0+templates". */
  location: string;
  /** The bulletin line the fix was read from, trimmed. */
  rawLine: string;
}

export interface ParsedChange {
  date: string | null;
  text: string;
}

export interface ParsedUserAction {
  action: UserActionKind;
  detail: string;
}

export interface ParsedUrl {
  label: string;
  url: string;
}

/** A derived advisory–advisory relation: `from` follows up `to`. */
export interface ParsedAdvisoryRelation {
  from: number;
  to: number;
  relation: "follows-up";
  evidence: string;
}

/** An XSA's title as a bulletin quotes it, with the (1-based) line it was read from. */
export interface QuotedXsaTitle {
  xsa: number;
  title: string;
  line: number;
}

/** A CVE ID that a bulletin gives for an XSA, with the (1-based) line. */
export interface QuotedXsaCve {
  xsa: number;
  cve: string;
  line: number;
}

export interface ParsedBulletin {
  /** From the header ("Qubes Security Bulletin #54"), else the file name. */
  number: number | null;
  /** YYYY-MM-DD when the text states one. */
  date: string | null;
  title: string | null;
  advisories: ParsedAdvisoryLink[];
  /** Other bulletins the text mentions, by number, without this one. */
  bulletins: number[];
  advisoryRelations: ParsedAdvisoryRelation[];
  fixes: ParsedFix[];
  changes: ParsedChange[];
  actions: ParsedUserAction[];
  urls: ParsedUrl[];
  /** XSA titles and CVEs the text quotes (see parse/xsa-facts.ts). */
  xsaTitles: QuotedXsaTitle[];
  xsaCves: QuotedXsaCve[];
  warnings: ParseWarning[];
}
