import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ReleaseTag } from "@/lib/queries/release-tags";
import { releaseShortLabel } from "@/lib/vocabulary/release";

const label = (name: string) => releaseShortLabel(name);

/** What a bulletin that names no release shows instead of badges. */
export const NO_RELEASE = { text: "no release named", className: "text-xs text-zinc-600 dark:text-zinc-400" } as const;
/** Read before the badges by screen readers. */
export const RELEASE_BADGES_LEAD = "Fixes for Qubes releases:";

/** One release's badge: its tone, its tooltip and its text (for the component and the search results' HTML). */
export function releaseBadge(r: ReleaseTag): { tone: BadgeTone; title: string; text: string } {
  return r.support === "unsupported"
    ? {
        tone: "warn",
        title: `Qubes OS ${label(r.name)} has been unsupported${r.supportEnd ? ` since ${r.supportEnd}` : ""}: it gets no more security fixes`,
        text: `${label(r.name)} · unsupported`,
      }
    : { tone: "neutral", title: `This bulletin gives fixes for Qubes ${label(r.name)}`, text: label(r.name) };
}

/**
 * "Does this concern me": the Qubes releases a bulletin gives fixes for, each
 * marked "unsupported" where the release support data says so. A bulletin
 * that names no release says that instead of showing nothing.
 */
export function ReleaseBadges({ releases }: { releases: ReleaseTag[] }) {
  if (releases.length === 0) {
    return <span className={NO_RELEASE.className}>{NO_RELEASE.text}</span>;
  }
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className="sr-only">{RELEASE_BADGES_LEAD}</span>
      {releases.map((r) => {
        const badge = releaseBadge(r);
        return (
          <Badge key={r.name} tone={badge.tone} title={badge.title}>
            {badge.text}
          </Badge>
        );
      })}
    </span>
  );
}
