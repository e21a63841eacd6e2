import Link from "next/link";
import { ReleaseBadges } from "@/components/release/release-badges";
import { Card } from "@/components/ui/card";
import { textLink } from "@/components/ui/text-link";
import { releasePath } from "@/lib/ids";
import type { BulletinDetail } from "@/lib/queries/bulletins";
import { versionsText, type FixView } from "@/lib/queries/fixes";
import { releaseLabel } from "@/lib/vocabulary/release";
import { whereLabel } from "@/lib/vocabulary/where";
import type { StatementKind } from "@/lib/secpack/parse/statements";

const STATEMENT_TITLES: Record<StatementKind, string> = {
  userAction: "User action",
  impact: "Impact",
  affectedSystems: "Affected systems",
};

/** "xen 4.17.6-6 (dom0)"; alternative branches as "6.1.43 or 6.6.5". */
const fixText = (f: FixView) => `${f.package} ${versionsText(f.versions)} (${whereLabel(f.where, f.distribution)})`;

/** The latest changelog date after the bulletin's own date, if any. */
function revisedOn(bulletin: Pick<BulletinDetail, "date" | "changelog">): string | null {
  const dates = bulletin.changelog.map((c) => c.date).filter((d): d is string => d !== null && (bulletin.date === null || d > bulletin.date));
  return dates.sort().at(-1) ?? null;
}

/**
 * "Does this concern me, and what do I do": at the top of a bulletin, the
 * releases it gives fixes for with their versions, what it says about user
 * action, impact and affected systems (its own words), and its dates.
 */
export function BulletinSummary({ bulletin }: { bulletin: BulletinDetail }) {
  const revised = revisedOn(bulletin);
  const byRelease = bulletin.releases.map((r) => ({ release: r, fixes: bulletin.fixes.filter((f) => f.release === r.name) }));
  const unreleased = bulletin.fixes.filter((f) => f.release === null);
  return (
    <Card title="At a glance" id="summary">
      <div className="space-y-4 text-sm">
        <div>
          <h3 className="font-semibold">Releases with fixes</h3>
          <div className="mt-1">
            <ReleaseBadges releases={bulletin.releases} />
          </div>
          {(byRelease.length > 0 || unreleased.length > 0) && (
            <ul className="mt-2 space-y-1">
              {byRelease.map(({ release, fixes }) => (
                <li key={release.name}>
                  <Link className={textLink} href={releasePath(release.name)}>
                    {releaseLabel(release.name)}
                  </Link>
                  : {fixes.map(fixText).join(", ")}
                </li>
              ))}
              {unreleased.length > 0 && <li>No release named: {unreleased.map(fixText).join(", ")}</li>}
            </ul>
          )}
          {bulletin.fixes.length === 0 && <p className="mt-1">The text states no package versions; see its own words below.</p>}
        </div>
        {bulletin.statements.map((s) => (
          <div key={s.kind}>
            <h3 className="font-semibold">{STATEMENT_TITLES[s.kind]}</h3>
            {s.heading.toLowerCase() !== STATEMENT_TITLES[s.kind].toLowerCase() && (
              <p className="text-xs text-zinc-600 dark:text-zinc-400">The bulletin&apos;s section “{s.heading}”:</p>
            )}
            {s.paragraphs.map((p, i) => (
              <p key={i} className="mt-1 whitespace-pre-line">
                {p}
              </p>
            ))}
            {s.cut && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">(Shortened: the whole section is in the full text below.)</p>}
          </div>
        ))}
        {bulletin.statements.length === 0 && (
          <p>This bulletin has no “User action”, “Impact” or “Affected systems” section (bulletins before 2016 rarely do); its full text is below.</p>
        )}
        <p className="text-zinc-600 dark:text-zinc-400">
          Published <time dateTime={bulletin.date ?? undefined}>{bulletin.date ?? "on an unknown date"}</time>
          {revised ? (
            <>
              , revised <time dateTime={revised}>{revised}</time> (see the <a className={textLink} href="#changelog">changelog</a>)
            </>
          ) : (
            ", no revision recorded"
          )}
          .
        </p>
      </div>
    </Card>
  );
}
