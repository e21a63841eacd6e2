import { Badge } from "@/components/ui/badge";
import type { ReleaseTag } from "@/lib/queries/release-tags";
import { releaseShortLabel } from "@/lib/vocabulary/release";

const label = (name: string) => releaseShortLabel(name);

/**
 * "Does this concern me": the Qubes releases a bulletin gives fixes for, each
 * marked "unsupported" where the release support data says so. A bulletin
 * that names no release says that instead of showing nothing.
 */
export function ReleaseBadges({ releases }: { releases: ReleaseTag[] }) {
  if (releases.length === 0) {
    return <span className="text-xs text-zinc-600 dark:text-zinc-400">no release named</span>;
  }
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className="sr-only">Fixes for Qubes releases:</span>
      {releases.map((r) =>
        r.support === "unsupported" ? (
          <Badge
            key={r.name}
            tone="warn"
            title={`Qubes OS ${label(r.name)} has been unsupported${r.supportEnd ? ` since ${r.supportEnd}` : ""}: it gets no more security fixes`}
          >
            {label(r.name)} · unsupported
          </Badge>
        ) : (
          <Badge key={r.name} tone="neutral" title={`This bulletin gives fixes for Qubes ${label(r.name)}`}>
            {label(r.name)}
          </Badge>
        ),
      )}
    </span>
  );
}
