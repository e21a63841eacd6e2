// The vocabulary of the Qubes news posts, in one place for the importer,
// pages, API and feeds: what a post says about an XSA (its verdict), and the
// categories of the reasons it gives when an XSA does not affect Qubes.

/** What an announcement says about one XSA. */
export type AnnouncementVerdict = "affected" | "not-affected" | "investigating";

export const ANNOUNCEMENT_VERDICTS: readonly AnnouncementVerdict[] = ["affected", "not-affected", "investigating"];

export const ANNOUNCEMENT_VERDICT_LABELS: Record<AnnouncementVerdict, string> = {
  affected: "Affects Qubes OS",
  "not-affected": "Does not affect Qubes OS",
  investigating: "Under investigation",
};

/** The kinds of posts the importer keeps (the rest of the news is not stored). */
export type PostKind = "xsa" | "bulletin" | "canary";

export const POST_KIND_LABELS: Record<PostKind, string> = {
  xsa: "XSA announcement",
  bulletin: "Bulletin announcement",
  canary: "Canary announcement",
};

/**
 * Why an XSA does not affect Qubes OS, as a closed set. The rule that maps a
 * reason's text to one of these is `categorizeReason` in ./reasons.ts.
 */
export type ReasonCategory = "dos-only" | "other-architecture" | "in-vm-only" | "unused-feature" | "qubes-configuration" | "other";

/** In the order the rule tries them (and the order pages list them). */
export const REASON_CATEGORIES: readonly ReasonCategory[] = [
  "dos-only",
  "other-architecture",
  "in-vm-only",
  "unused-feature",
  "qubes-configuration",
  "other",
];

export const REASON_CATEGORY_LABELS: Record<ReasonCategory, string> = {
  "dos-only": "Denial of service only",
  "other-architecture": "Arm only (another architecture)",
  "in-vm-only": "In-VM only",
  "unused-feature": "Feature Qubes does not use",
  "qubes-configuration": "Limited by the Qubes configuration",
  other: "Other",
};

export function isReasonCategory(value: string): value is ReasonCategory {
  return (REASON_CATEGORIES as readonly string[]).includes(value);
}

export function isAnnouncementVerdict(value: string): value is AnnouncementVerdict {
  return (ANNOUNCEMENT_VERDICTS as readonly string[]).includes(value);
}
