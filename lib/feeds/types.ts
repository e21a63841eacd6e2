// The plain data the feed and OSV builders take (what lib/queries/feeds.ts
// returns) and the format-neutral feed they build from it.

/** A fix as the feeds show it: the one read model (lib/queries/fixes.ts). `release` is null for the early bulletins that name none. */
import type { FixView } from "@/lib/queries/fixes";
import type { ReleaseTag } from "@/lib/queries/release-tags";
export type FeedFix = FixView;

/** A bulletin with what its feed entry shows. */
export interface FeedBulletin {
  number: number;
  /** YYYY-MM-DD (UTC), or null when neither the index nor the text dates it. */
  date: string | null;
  title: string | null;
  signatureStatus: string;
  /** ISO timestamps of the first import of this file and of its last change (equal until the file changes). */
  importedAt: string;
  updatedAt: string;
  /** The bulletin's own changelog, as written. */
  changelog: { date: string | null; text: string }[];
  /** The day (UTC) of the latest commit that changed the text after publication (the secpack's history); null when none or unknown. */
  revisedInHistory?: string | null;
  /** The XSAs the bulletin covers (not the ones it only mentions). */
  advisories: { number: number; title: string | null }[];
  /** The releases its fixes name, newest first, with their support on the day the feed is built. */
  releases: ReleaseTag[];
  /** Newest release first (the order of the bulletin page). */
  fixes: FeedFix[];
}

/** An XSA that affects Qubes, with the bulletins covering it. */
export interface FeedAdvisory {
  number: number;
  date: string | null;
  title: string | null;
  cves: string[];
  bulletins: { number: number; title: string | null }[];
  /** The tracker's verdict ("yes" | "no"); "yes" where omitted. */
  qubesAffected?: string;
  /** What the Qubes news post about it says, where one does. */
  announcement?: FeedAnnouncement | null;
}

export interface FeedAnnouncement {
  verdict: string;
  /** Verbatim (Markdown), for "not-affected". */
  reason: string | null;
  category: string | null;
  date: string | null;
  url: string | null;
  title: string | null;
}

/** A bulletin with everything its OSV record says. */
export interface OsvBulletin extends FeedBulletin {
  sourcePath: string;
  secpackCommit: string | null;
  sha256: string;
  /** Covered XSAs with their CVEs (may be empty when Xen's index was not imported). */
  covers: { number: number; cves: string[] }[];
  /** XSAs the text only mentions. */
  mentions: number[];
  /** Other bulletins this one names, or that name this one (imported ones only). */
  relatedBulletins: number[];
  /** The numbered references at the end of the text: "[1] https://…". */
  urls: { label: string; url: string }[];
}

/** One entry of a feed, whatever the format. */
export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  published: Date | null;
  updated: Date;
  /** Plain text, one paragraph. */
  summary: string;
  /** An HTML fragment (escaped already). */
  contentHtml: string;
  /** "XSA-306", "Qubes 4.0" … */
  tags: string[];
  /** The JSON Feed extension object (`_qubes`): the IDs people use. */
  extension: Record<string, unknown>;
}

/** A feed, whatever the format. */
export interface Feed {
  id: string;
  title: string;
  description: string;
  /** The HTML page the feed follows. */
  homeUrl: string;
  /** The feed's own addresses, by format. */
  urls: { rss: string; atom: string; json: string };
  /** The newest `updated` of the entries (the Unix epoch when there are none). */
  updated: Date;
  entries: FeedEntry[];
  author: string;
  /** Paged feeds (RFC 5005): the first page and the next one, by format, where there is more. */
  paging?: { page: number; pages: number; first: Record<FeedFormat, string>; next: Record<FeedFormat, string> | null };
}

export type FeedFormat = "rss" | "atom" | "json";

/** A warrant canary with what its feed entry shows (lib/queries/canaries.ts's summary). */
export interface FeedCanary {
  number: number;
  date: string | null;
  signatureStatus: string;
  signers: string[];
  nextDue: { from: string; until: string } | null;
  changes: { signersAdded: string[]; signersRemoved: string[]; statementsChanged: number[] };
  warnings: { message: string }[];
}

/** The watch over the series as of the day the feed is built: is the next canary overdue. */
export interface FeedCanaryWatch {
  status: string | null;
  headline: string;
  meaning: string[];
  latest: { number: number; nextDue: { from: string; until: string } | null } | null;
}
