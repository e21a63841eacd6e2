// From the warrant canaries to a format-neutral feed: one entry a canary,
// newest first, and, while the next canary is overdue, one entry saying so
// (dated the day after the promised window closed, so it is new once). Pure:
// the site URL and the watch come in as arguments.
import { canaryId, canaryPath } from "@/lib/ids";
import { site } from "@/lib/site";
import { UNKNOWN_DATE, later, parseDay } from "./dates";
import { signatureWords } from "./entries";
import { canariesFeedId, canaryEntryId, canaryOverdueEntryId } from "./ids";
import type { Feed, FeedCanary, FeedCanaryWatch, FeedEntry } from "./types";
import { absolute, canaryFeedPaths } from "./urls";
import { escapeHtml } from "./xml";

const list = (names: string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

export function canaryEntry(canary: FeedCanary, siteUrl: string): FeedEntry {
  const base = siteUrl.replace(/\/+$/, "");
  const id = canaryId(canary.number);
  const url = `${base}${canaryPath(canary.number)}`;
  const published = parseDay(canary.date);
  const lines = [`Qubes warrant canary ${id}, issued ${canary.date ?? "(undated)"}, signed by ${list(canary.signers) || "nobody"}; signature ${signatureWords(canary.signatureStatus)}.`];
  if (canary.nextDue) lines.push(`It promises the next canary from ${canary.nextDue.from} to ${canary.nextDue.until}.`);
  if (canary.changes.signersRemoved.length) lines.push(`No longer signed by ${list(canary.changes.signersRemoved)}.`);
  if (canary.changes.signersAdded.length) lines.push(`Newly signed by ${list(canary.changes.signersAdded)}.`);
  if (canary.changes.statementsChanged.length) lines.push(`Wording changed in statement${canary.changes.statementsChanged.length === 1 ? "" : "s"} ${canary.changes.statementsChanged.join(", ")} (0 is the introduction).`);
  const warnings = canary.warnings.map((w) => w.message);
  return {
    id: canaryEntryId(canary.number),
    title: `${id} (${canary.date ?? "undated"})${canary.signatureStatus === "verified" ? "" : `: ${canary.signatureStatus}`}${warnings.length ? ", with warnings" : ""}`,
    url,
    published,
    updated: published ?? UNKNOWN_DATE,
    summary: [...lines, ...warnings.map((w) => `Warning: ${w}`)].join(" "),
    contentHtml: [
      ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
      warnings.length ? `<p>Warnings:</p><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>` : "",
      `<p><a href="${escapeHtml(url)}">The canary, its signatures and its changes</a></p>`,
    ].join(""),
    tags: [id, canary.signatureStatus, ...canary.signers],
    extension: { canary: id, signature_status: canary.signatureStatus, signers: canary.signers, next_due: canary.nextDue, changes: canary.changes },
  };
}

/** The entry for a missed promise, or null while the next canary is not overdue. */
export function overdueEntry(watch: FeedCanaryWatch, siteUrl: string): FeedEntry | null {
  const latest = watch.latest;
  const until = latest?.nextDue?.until;
  if (watch.status !== "overdue" || !latest || !until) return null;
  const base = siteUrl.replace(/\/+$/, "");
  const due = parseDay(until);
  const since = due ? new Date(due.getTime() + 86_400_000) : UNKNOWN_DATE;
  return {
    id: canaryOverdueEntryId(latest.number, until),
    title: `The next Qubes canary is overdue (it was due by ${until})`,
    url: `${base}/canaries`,
    published: since,
    updated: since,
    summary: [watch.headline, ...watch.meaning].join(" "),
    contentHtml: [watch.headline, ...watch.meaning].map((l) => `<p>${escapeHtml(l)}</p>`).join(""),
    tags: ["overdue", canaryId(latest.number)],
    extension: { overdue: true, after: canaryId(latest.number), due_until: until },
  };
}

/** Every canary, newest first, after the overdue entry when there is one. */
export function canaryFeed(canaries: FeedCanary[], watch: FeedCanaryWatch, options: { siteUrl: string }): Feed {
  const base = options.siteUrl.replace(/\/+$/, "");
  const overdue = overdueEntry(watch, base);
  const entries = [...(overdue ? [overdue] : []), ...[...canaries].sort((a, b) => b.number - a.number).map((c) => canaryEntry(c, base))];
  return {
    id: canariesFeedId(),
    title: `${site.name}: Qubes warrant canaries`,
    description: "Every Qubes warrant canary with its signature status, signers and changes, and an entry when the next one is overdue.",
    homeUrl: `${base}/canaries`,
    urls: absolute(base, canaryFeedPaths()),
    updated: entries.reduce((max, e) => later(max, e.updated), UNKNOWN_DATE),
    entries,
    author: site.name,
  };
}
