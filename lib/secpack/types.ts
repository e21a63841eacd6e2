// Plain typed records that flow through the importer:
// source (files, git) → parse (pure) → these records → store (one transaction).

import type { FamilyId } from "@/lib/vocabulary/package-family";
import type { Distribution, Where } from "@/lib/vocabulary/where";

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

/** One fix line of a bulletin, as packages and alternative versions. */
export interface ParsedFix {
  /** The release in its one spelling (lib/vocabulary/release): "2", "3.0", "4.2"; null where the text names none. */
  release: string | null;
  /** The pre-release the text names ("beta 2" for "R2 Beta 2"), else null. */
  releaseStage: string | null;
  /** The package family (lib/vocabulary/package-family): "xen", "kernel-vm", ...; "package" for one RPM named as written. */
  family: FamilyId;
  /** The family's primary package, or the RPM name as written. */
  package: string;
  /** Alternative branches: the fix is in any one of these, each on its own branch (lib/rpm/branches). */
  versions: string[];
  where: Where;
  /** The template distribution the text names ("Fedora templates"), else null (any). */
  distribution: Distribution | null;
  /** The bulletin's item the fix was read from, trimmed (wrapped lines joined). */
  rawLine: string;
  /** The release line it sits under ("For Qubes 4.2, in dom0:"), as written; null where there is none. */
  releaseLine: string | null;
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
