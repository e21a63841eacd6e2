// The search page's results region (the summary line, the results of the
// page, the pagination) as HTML text, from what getSearchPage read: the page
// puts it in with dangerouslySetInnerHTML, so React renders one string
// instead of some thirty elements a result, and the page's inline RSC payload
// carries that string once instead of the element tree. Pure; every text and
// attribute value is escaped.
import { badgeClassName } from "@/components/ui/badge";
import { paginationHtml } from "@/components/ui/pagination-html";
import { textLink } from "@/components/ui/text-link";
import { NO_RELEASE, RELEASE_BADGES_LEAD, releaseBadge } from "@/components/release/release-badges";
import { escapeHtml as esc } from "@/lib/feeds/xml";
import type { SearchPageData } from "@/lib/queries/search-page";
import type { SearchResult } from "@/lib/queries/search";
import type { ReleaseTag } from "@/lib/queries/release-tags";
import { hrefWith } from "@/lib/search-params";
import { count, NOUNS } from "@/lib/text/plural";

/** What the page says before any query. */
export const SEARCH_HINT = "Search by XSA number (306, XSA-306, xsa306), QSB number (QSB-054, qsb 54, #54), CVE ID, or words from titles and texts.";

const CLASSES = {
  hint: "text-zinc-600 dark:text-zinc-400",
  summary: "text-sm text-zinc-600 dark:text-zinc-400",
  list: "space-y-3",
  item: "rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900",
  head: "flex flex-wrap items-baseline gap-2",
  id: `${textLink} font-mono font-semibold`,
  date: "text-sm text-zinc-600 dark:text-zinc-400",
  why: "mt-1 text-sm text-zinc-700 dark:text-zinc-300",
  snippet: "mt-1 font-mono text-xs text-zinc-600 dark:text-zinc-400",
  mark: "rounded-sm bg-amber-200 px-0.5 text-zinc-950 dark:bg-amber-300",
  badges: "inline-flex flex-wrap gap-1",
} as const;

export function searchResultsHtml(data: SearchPageData): string {
  const { outcome, shown } = data;
  if (outcome.interpretation === "empty") return `<p class="${CLASSES.hint}">${esc(SEARCH_HINT)}</p>`;
  const items = shown.map((r) => resultHtml(r, data.releases.get(r.number) ?? [])).join("");
  return `<p class="${CLASSES.summary}" aria-live="polite">${esc(summary(data))}</p><ol class="${CLASSES.list}">${items}</ol>${searchPagination(data)}`;
}

function summary({ outcome, window, shown, xenIndexImported }: SearchPageData): string {
  const total = outcome.results.length;
  if (total === 0 && xenIndexImported !== null) {
    return `${outcome.query.toUpperCase()} is not known here. Searched: the bulletins' texts (and the XSA titles and CVE IDs they quote)${xenIndexImported ? " and Xen's XSA index" : "; Xen's XSA index was not imported, so a CVE only it lists cannot be found"}.`;
  }
  if (total === 0) return `Nothing matches “${outcome.query}”.`;
  return `${count(total, NOUNS.result)} for “${outcome.query}”${window.pages > 1 ? `, ${window.skip + 1} to ${window.skip + shown.length} shown` : ""}`;
}

function resultHtml(r: SearchResult, releases: ReleaseTag[]): string {
  const head = [
    `<a class="${CLASSES.id}" href="${esc(r.href)}">${esc(r.id)}</a>`,
    `<span>${esc(r.title ?? "")}</span>`,
    r.date ? `<span class="${CLASSES.date}">${esc(r.date)}</span>` : "",
    r.kind === "bulletin" ? releaseBadgesHtml(releases) : "",
    r.exact ? badgeHtml("good", null, "exact match") : "",
  ].join("");
  const snippet = r.snippet
    ? `<p class="${CLASSES.snippet}">${r.snippet.map((part) => (part.match ? `<mark class="${CLASSES.mark}">${esc(part.text)}</mark>` : esc(part.text))).join("")}</p>`
    : "";
  return `<li class="${CLASSES.item}"><div class="${CLASSES.head}">${head}</div><p class="${CLASSES.why}">Matched: it ${esc(r.why)}.</p>${snippet}</li>`;
}

function releaseBadgesHtml(releases: ReleaseTag[]): string {
  if (releases.length === 0) return `<span class="${NO_RELEASE.className}">${esc(NO_RELEASE.text)}</span>`;
  const badges = releases.map((r) => {
    const badge = releaseBadge(r);
    return badgeHtml(badge.tone, badge.title, badge.text);
  });
  return `<span class="${CLASSES.badges}"><span class="sr-only">${esc(RELEASE_BADGES_LEAD)}</span>${badges.join("")}</span>`;
}

function badgeHtml(tone: Parameters<typeof badgeClassName>[0], title: string | null, text: string): string {
  return `<span${title ? ` title="${esc(title)}"` : ""} class="${badgeClassName(tone)}">${esc(text)}</span>`;
}

function searchPagination({ query, window }: SearchPageData): string {
  return paginationHtml({ page: window.page, pages: window.pages, href: (page) => hrefWith("/search", { q: query, page }), labels: { previous: "← Previous", next: "Next →" } });
}
