import Link from "next/link";
import { textLink } from "@/components/ui/text-link";
import { bulletinId, bulletinPath, releasePath } from "@/lib/ids";
import type { AdvisoryReleaseFixes } from "@/lib/queries/advisory-fixes";
import { versionsText } from "@/lib/queries/fixes";
import { whereLabel } from "@/lib/vocabulary/where";

const SUPPORT_TONE = {
  supported: "text-green-800 dark:text-green-300",
  unsupported: "text-amber-800 dark:text-amber-300",
  unknown: "text-zinc-600 dark:text-zinc-400",
} as const;

/** An XSA's fixed versions per release, from its covering bulletins, with each release's support today. */
export function AdvisoryFixes({ groups }: { groups: AdvisoryReleaseFixes[] }) {
  return (
    <ul className="space-y-3 text-sm">
      {groups.map((g) => (
        <li key={g.release ?? "none"}>
          <div className="flex flex-wrap items-baseline gap-x-2">
            {g.release ? (
              <Link className={`${textLink} font-semibold`} href={releasePath(g.release)}>
                {g.label}
              </Link>
            ) : (
              <span className="font-semibold">No release named</span>
            )}
            {g.support && <span className={`text-xs ${SUPPORT_TONE[g.support.status]}`}>{g.support.sentence}</span>}
          </div>
          <ul className="mt-1 space-y-0.5">
            {g.fixes.map((f, i) => (
              <li key={i}>
                <span className="font-mono">{f.package}</span> {f.versions.length > 1 ? "branches " : ""}
                <span className="font-mono">{versionsText(f.versions)}</span>{" "}
                <span className="text-zinc-600 dark:text-zinc-400">
                  ({whereLabel(f.where, f.distribution)}{f.releaseStage ? `, ${f.releaseStage}` : ""}), per{" "}
                  <Link className={textLink} href={bulletinPath(f.bulletin)}>
                    {bulletinId(f.bulletin)}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
