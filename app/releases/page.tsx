import type { Metadata } from "next";
import Link from "next/link";
import { textLink } from "@/components/ui/text-link";
import { bulletinPath, releaseCheckPath, releasePath } from "@/lib/ids";
import { SupportTimeline } from "@/components/release/support-timeline";
import { listReleases, today } from "@/lib/queries/releases";
import { count, NOUNS } from "@/lib/text/plural";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Releases" };

export default async function ReleasesPage() {
  const day = today();
  const releases = await listReleases(day);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Qubes OS releases</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        For each release, the bulletins that name it and the package versions that fix them. Open a release to check your own dom0 package list. Support dates come from the Qubes documentation&apos;s supported-releases page.
      </p>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {releases.map((r) => (
          <li key={r.name} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-3">
            <Link className={`${textLink} text-lg font-semibold`} href={releasePath(r.name)}>
              {r.label}
            </Link>
            <span
              className={`text-sm ${r.support.status === "supported" && !r.support.stale ? "text-green-800 dark:text-green-300" : "text-amber-800 dark:text-amber-300"}`}
            >
              {r.support.status === "supported"
                ? `supported${r.support.end ? ` until ${r.support.end}` : ""}`
                : r.support.status === "unsupported"
                  ? `unsupported since ${r.support.end ?? "?"}${r.support.moveTo ? `: move to R${r.support.moveTo}` : ""}`
                  : "support not known"}
              {r.support.stale &&
                (r.support.asOf ? ` (as of an earlier sync, on ${r.support.asOf}: the supported-releases page could not be read since)` : " (the supported-releases page could not be read)")}
            </span>
            <span className="text-sm">
              {count(r.bulletins, NOUNS.bulletin)}, {count(r.fixes, NOUNS.fix)}
            </span>
            <Link className={`${textLink} text-sm`} href={releaseCheckPath(r.name)}>
              check a package list
            </Link>
            {r.latest && (
              <span className="text-sm text-zinc-600 dark:text-zinc-400">
                latest: <Link className={textLink} href={bulletinPath(r.latest.number)}>{r.latest.id}</Link> ({r.latest.date})
              </span>
            )}
          </li>
        ))}
      </ul>
      <SupportTimeline releases={releases} today={day} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The earliest bulletins list packages without naming a release; they appear on their own pages, not here.
      </p>
    </div>
  );
}
