// From bulletins and advisories to format-neutral feeds. Pure: the site URL
// comes in as an argument, nothing reads the clock, the database or the env.
import { versionsText } from "@/lib/queries/fixes";
import { releaseLabel } from "@/lib/vocabulary/release";
import { whereLabel } from "@/lib/vocabulary/where";
import { advisoryId, bulletinId } from "@/lib/ids";
import { isReasonCategory, REASON_CATEGORY_LABELS } from "@/lib/posts/vocabulary";
import { plainMarkdown } from "@/lib/text/plain-markdown";
import { site } from "@/lib/site";
import { UNKNOWN_DATE, later, parseDay } from "./dates";
import { escapeHtml } from "./xml";
import { advisoriesFeedId, advisoryEntryId, bulletinEntryId, bulletinsFeedId, releaseFeedId } from "./ids";
import type { Feed, FeedAdvisory, FeedBulletin, FeedEntry, FeedFix } from "./types";
import { absolute, advisoryFeedPaths, bulletinFeedPaths, releaseFeedPaths } from "./urls";

export interface BulletinDates {
  /** The bulletin's date at 00:00 UTC; null when it has none. */
  published: Date | null;
  /** `published`, or the latest revision when that is later. */
  updated: Date;
  /** What changed since publication, newest first ("Revised 2024-02-06: Revise language"). */
  revisions: string[];
}

/**
 * Published and updated dates of a bulletin.
 *
 * - published: the bulletin's date (YYYY-MM-DD, UTC midnight).
 * - updated: the latest of the published date, the latest changelog date
 *   (table BulletinChange), the day of the last commit that changed the text
 *   after publication (BulletinRevision), and the time a sync saw the bulletin's file
 *   change (Bulletin.updatedAt, but only when it is later than
 *   Bulletin.importedAt, i.e. the file changed after we first imported it).
 *
 * The import time itself is never used: every fresh sync (a new database, a
 * new deployment) sets importedAt = updatedAt = now on every row, so using it
 * would mark all 116 bulletins as updated in every reader after each fresh
 * sync, and the entries would differ between two installs of the same data.
 */
export function bulletinDates(bulletin: Pick<FeedBulletin, "date" | "changelog" | "importedAt" | "updatedAt" | "revisedInHistory">): BulletinDates {
  const published = parseDay(bulletin.date);
  let updated = published ?? UNKNOWN_DATE;
  const revisions: { at: Date; note: string }[] = [];

  const dated = bulletin.changelog
    .map((change) => ({ at: parseDay(change.date), change }))
    .filter((c): c is { at: Date; change: FeedBulletin["changelog"][number] } => c.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const latest = dated[0];
  if (latest && (!published || latest.at.getTime() > published.getTime())) {
    revisions.push({ at: latest.at, note: `Revised ${latest.change.date}: ${latest.change.text.trim()}` });
    updated = later(updated, latest.at);
  }

  // The secpack's history: the last commit that changed the text after publication (kept beside the changelog's date).
  const history = parseDay(bulletin.revisedInHistory ?? null);
  if (history && (!published || history.getTime() > published.getTime())) {
    revisions.push({ at: history, note: `Text changed in the Qubes Security Pack after publication, last on ${bulletin.revisedInHistory}` });
    updated = later(updated, history);
  }

  const imported = Date.parse(bulletin.importedAt);
  const changed = Date.parse(bulletin.updatedAt);
  if (Number.isFinite(imported) && Number.isFinite(changed) && changed > imported) {
    const at = new Date(changed);
    if (at.getTime() > updated.getTime()) {
      revisions.push({ at, note: `The bulletin's file changed in the Qubes Security Pack (seen ${at.toISOString().slice(0, 10)})` });
      updated = at;
    }
  }
  return { published, updated, revisions: revisions.sort((a, b) => b.at.getTime() - a.at.getTime()).map((r) => r.note) };
}

const SIGNATURE_WORDS: Record<string, string> = {
  verified: "verified (a valid signature by a key certified by the Qubes Master Signing Key)",
  failed: "BAD (a signature does not match the file)",
  unverified: "not verified (signature files are present, none valid under the Qubes trust chain)",
  unsigned: "unsigned (no signature file beside the bulletin)",
};

export const signatureWords = (status: string) => SIGNATURE_WORDS[status] ?? status;


/** Fixes grouped by release, in the order given (newest release first). */
export function fixesByRelease(fixes: FeedFix[]): { release: string | null; fixes: FeedFix[] }[] {
  const groups: { release: string | null; fixes: FeedFix[] }[] = [];
  for (const fix of fixes) {
    const group = groups.find((g) => g.release === fix.release);
    if (group) group.fixes.push(fix);
    else groups.push({ release: fix.release, fixes: [fix] });
  }
  return groups;
}

const fixText = (f: FeedFix) => `${f.packageLabel} ${versionsText(f.versions)} (${whereLabel(f.where, f.distribution)})`;

const bulletinTitle = (b: { number: number; title: string | null }) => (b.title ? `${bulletinId(b.number)}: ${b.title}` : bulletinId(b.number));
/** "XSA-306: title"; without a title (Xen's index not imported), the covering bulletins: "XSA-306 (covered by QSB-054)". */
function advisoryTitle(a: Pick<FeedAdvisory, "number" | "title" | "bulletins">): string {
  if (a.title) return `${advisoryId(a.number)}: ${a.title}`;
  return a.bulletins.length > 0 ? `${advisoryId(a.number)} (covered by ${a.bulletins.map((b) => bulletinId(b.number)).join(", ")})` : advisoryId(a.number);
}

/** "Qubes OS R4.1 (unsupported since 2024-06-18)": a reader on a release past its end learns it here. */
function concernLabel(name: string, tags: FeedBulletin["releases"]): string {
  const tag = tags.find((t) => t.name === name);
  if (tag?.support !== "unsupported") return releaseLabel(name);
  return `${releaseLabel(name)} (unsupported${tag.supportEnd ? ` since ${tag.supportEnd}` : ""})`;
}

/** A bulletin's feed entry: the same ID in every feed and across revisions. */
export function bulletinEntry(bulletin: FeedBulletin, siteUrl: string): FeedEntry {
  const base = siteUrl.replace(/\/+$/, "");
  const id = bulletinId(bulletin.number);
  const { published, updated, revisions } = bulletinDates(bulletin);
  const groups = fixesByRelease(bulletin.fixes);
  const xsas = bulletin.advisories.map((a) => advisoryId(a.number));
  const releases = groups.map((g) => g.release).filter((r): r is string => r !== null);
  // "Does this concern me": the releases the bulletin gives fixes for.
  const concerns = releases.length > 0 ? `Concerns ${releases.map((r) => concernLabel(r, bulletin.releases)).join(", ")}.` : "Names no Qubes release.";
  const unsupported = bulletin.releases.filter((r) => r.support === "unsupported").map((r) => r.name);

  // A revision is news first; then whether the bulletin concerns the reader.
  const text: string[] = revisions.map((note) => `Updated: ${note}.`);
  text.push(concerns);
  text.push(`${id}, published ${bulletin.date ?? "(undated)"}.`);
  if (xsas.length > 0) text.push(`Covers ${xsas.join(", ")}.`);
  text.push(
    groups.length > 0
      ? `Fixed in ${groups.map((g) => `${releaseLabel(g.release)}: ${g.fixes.map(fixText).join(", ")}`).join("; ")}.`
      : "No fixed package versions listed.",
  );
  text.push(`Signature: ${signatureWords(bulletin.signatureStatus)}.`);

  const html: string[] = revisions.map((note) => `<p><strong>Updated:</strong> ${escapeHtml(note)}</p>`);
  html.push(`<p><strong>${escapeHtml(concerns)}</strong></p>`);
  html.push(`<p>Qubes Security Bulletin <a href="${escapeHtml(`${base}/qsb/${bulletin.number}`)}">${escapeHtml(id)}</a>, published ${escapeHtml(bulletin.date ?? "(undated)")}.</p>`);
  if (bulletin.advisories.length > 0) {
    const items = bulletin.advisories.map(
      (a) => `<li><a href="${escapeHtml(`${base}/xsa/${a.number}`)}">${escapeHtml(advisoryId(a.number))}</a>${a.title ? `: ${escapeHtml(a.title)}` : ""}</li>`,
    );
    html.push(`<p>Covers these Xen Security Advisories:</p><ul>${items.join("")}</ul>`);
  }
  if (groups.length > 0) {
    const items = groups.map((g) => `<li>${escapeHtml(releaseLabel(g.release))}: ${g.fixes.map((f) => escapeHtml(fixText(f))).join(", ")}</li>`);
    html.push(`<p>Fixed package versions:</p><ul>${items.join("")}</ul>`);
  } else {
    html.push("<p>No fixed package versions listed.</p>");
  }
  html.push(`<p>Signature: ${escapeHtml(signatureWords(bulletin.signatureStatus))}.</p>`);

  return {
    id: bulletinEntryId(bulletin.number),
    title: bulletinTitle(bulletin),
    url: `${base}/qsb/${bulletin.number}`,
    published,
    updated,
    summary: text.join(" "),
    contentHtml: html.join(""),
    tags: [...xsas, ...releases.map((r) => releaseLabel(r))],
    extension: { qsb: id, xsas, releases, unsupported_releases: unsupported, signature_status: bulletin.signatureStatus, revised: revisions.length > 0 },
  };
}

// What String.prototype.localeCompare uses without arguments (ECMA-402), made once: thousands of XSAs are sorted.
const collator = new Intl.Collator();

/** The advisory feed's own order: newest first, by date, then number. */
export const advisoryOrder = (a: Pick<FeedAdvisory, "date" | "number">, b: Pick<FeedAdvisory, "date" | "number">) =>
  collator.compare(b.date ?? "", a.date ?? "") || b.number - a.number;

/** An advisory's entry is dated by the advisory alone: its "updated" is its date (the Unix epoch without one). */
export const advisoryUpdated = (advisory: Pick<FeedAdvisory, "date">): Date => parseDay(advisory.date) ?? UNKNOWN_DATE;

export function advisoryEntry(advisory: FeedAdvisory, siteUrl: string): FeedEntry {
  const base = siteUrl.replace(/\/+$/, "");
  const id = advisoryId(advisory.number);
  const published = parseDay(advisory.date);
  const qsbs = advisory.bulletins.map((b) => bulletinId(b.number));
  const affected = (advisory.qubesAffected ?? "yes") === "yes";
  const news = advisory.announcement ?? null;
  const reason = news?.verdict === "not-affected" && news.reason ? plainMarkdown(news.reason).replace(/\s*\n\s*/g, " ") : null;
  const category = news?.verdict === "not-affected" && news.category && isReasonCategory(news.category) ? news.category : null;
  const verdictText = affected ? "affects Qubes OS" : "does not affect Qubes OS";
  const text = [`${id} ${verdictText} (verdict of the Qubes XSA tracker), published ${advisory.date ?? "(undated)"}.`];
  if (reason) text.push(`Why, per the Qubes news (${news?.date ?? "undated"}): ${reason}${category ? ` [${REASON_CATEGORY_LABELS[category]}]` : ""}`);
  if (affected || advisory.bulletins.length > 0) {
    text.push(advisory.bulletins.length > 0 ? `Covered by ${advisory.bulletins.map(bulletinTitle).join("; ")}.` : "No Qubes Security Bulletin covers it (yet).");
  }
  if (advisory.cves.length > 0) text.push(`CVEs: ${advisory.cves.join(", ")}.`);
  const html = [
    `<p>Xen Security Advisory <a href="${escapeHtml(`${base}/xsa/${advisory.number}`)}">${escapeHtml(id)}</a> ${verdictText}, published ${escapeHtml(advisory.date ?? "(undated)")} (<a href="${escapeHtml(site.xenAdvisoryUrl(advisory.number))}">Xen's advisory</a>).</p>`,
  ];
  if (reason) {
    const link = news?.url ? `<a href="${escapeHtml(news.url)}">${escapeHtml(news.title ?? "the Qubes news")}</a>` : escapeHtml(news?.title ?? "the Qubes news");
    html.push(`<p>Why, per ${link}${news?.date ? ` (${escapeHtml(news.date)})` : ""}: ${escapeHtml(reason)}${category ? ` <em>(${escapeHtml(REASON_CATEGORY_LABELS[category])})</em>` : ""}</p>`);
  }
  if (affected || advisory.bulletins.length > 0) {
    html.push(
      advisory.bulletins.length > 0
        ? `<p>Covered by:</p><ul>${advisory.bulletins.map((b) => `<li><a href="${escapeHtml(`${base}/qsb/${b.number}`)}">${escapeHtml(bulletinId(b.number))}</a>${b.title ? `: ${escapeHtml(b.title)}` : ""}</li>`).join("")}</ul>`
        : "<p>No Qubes Security Bulletin covers it (yet).</p>",
    );
  }
  if (advisory.cves.length > 0) html.push(`<p>CVEs: ${advisory.cves.map(escapeHtml).join(", ")}</p>`);
  const verdictTag = affected ? "affected" : "not-affected";
  return {
    id: advisoryEntryId(advisory.number),
    title: `${advisoryTitle(advisory)} (${affected ? "affects Qubes OS" : `not affected${category ? `: ${REASON_CATEGORY_LABELS[category].toLowerCase()}` : ""}`})`,
    url: `${base}/xsa/${advisory.number}`,
    published,
    updated: advisoryUpdated(advisory),
    summary: text.join(" "),
    contentHtml: html.join(""),
    tags: [verdictTag, ...(category ? [category] : []), ...qsbs, ...advisory.cves],
    extension: { xsa: id, qubes_affected: affected, reason, reason_category: category, announcement: news?.url ?? null, qsbs, cves: advisory.cves },
  };
}

function newest(entries: FeedEntry[]): Date {
  return entries.reduce((max, e) => later(max, e.updated), UNKNOWN_DATE);
}

/**
 * The bulletins given (every one, or one page's: lib/queries/feeds.ts),
 * newest (highest number) first; a route serves it in pages of
 * FEED_PAGE_SIZE (paging.ts), each linking to the next.
 */
export function bulletinFeed(bulletins: FeedBulletin[], options: { siteUrl: string; release?: string }): Feed {
  const base = options.siteUrl.replace(/\/+$/, "");
  const entries = [...bulletins].sort((a, b) => b.number - a.number).map((b) => bulletinEntry(b, base));
  const release = options.release;
  if (release === undefined) {
    return {
      id: bulletinsFeedId(),
      title: `${site.name}: Qubes Security Bulletins`,
      description: "Every Qubes Security Bulletin, with the Xen advisories it covers, the fixed package versions per Qubes release and its PGP signature status.",
      homeUrl: `${base}/qsb`,
      urls: absolute(base, bulletinFeedPaths()),
      updated: newest(entries),
      entries,
      author: site.name,
    };
  }
  return {
    id: releaseFeedId(release),
    title: `${site.name}: Qubes Security Bulletins for ${releaseLabel(release)}`,
    description: `The Qubes Security Bulletins that name fixed package versions for ${releaseLabel(release)}, with those versions.`,
    homeUrl: `${base}/releases/${encodeURIComponent(release)}`,
    urls: absolute(base, releaseFeedPaths(release)),
    updated: newest(entries),
    entries,
    author: site.name,
  };
}

/** The XSAs the tracker rates (affected or not; every one, or one page's), newest first (by date, then number). */
export function advisoryFeed(advisories: FeedAdvisory[], options: { siteUrl: string }): Feed {
  const base = options.siteUrl.replace(/\/+$/, "");
  const entries = [...advisories].sort(advisoryOrder).map((a) => advisoryEntry(a, base));
  return {
    id: advisoriesFeedId(),
    title: `${site.name}: Xen Security Advisories and whether they affect Qubes OS`,
    description:
      "Every Xen Security Advisory the Qubes XSA tracker rates: whether it affects Qubes OS, the bulletins covering it, and, where the Qubes news gives one, why it does not.",
    homeUrl: `${base}/xsa`,
    urls: absolute(base, advisoryFeedPaths()),
    updated: newest(entries),
    entries,
    author: site.name,
  };
}
