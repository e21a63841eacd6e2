import Link from "next/link";
import { textLink } from "@/components/ui/text-link";
import { releasePath } from "@/lib/ids";
import type { FixView } from "@/lib/queries/fixes";
import type { ReleaseSupport } from "@/lib/queries/releases";
import { releaseLabel } from "@/lib/vocabulary/release";
import { whereLabel } from "@/lib/vocabulary/where";

/** A bulletin's fixes as it states them: package, alternative branches, where, and the text they came from. */
export function FixTable({ fixes, caption, support }: { fixes: FixView[]; caption: string; support: Record<string, ReleaseSupport> }) {
  return (
    <div className="overflow-x-auto">
      <table className="stack-table w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-4">Release</th>
            <th scope="col" className="py-2 pr-4">Where</th>
            <th scope="col" className="py-2 pr-4">Package</th>
            <th scope="col" className="py-2 pr-4">Fixed in (any one branch)</th>
            <th scope="col" className="py-2">As the bulletin says</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {fixes.map((f, i) => {
            const s = f.release ? support[f.release] : undefined;
            return (
              <tr key={i} className="align-top">
                <td className="stack-inline py-2 pr-4">
                  {f.release ? (
                    <>
                      <Link href={releasePath(f.release)} className={textLink}>
                        {releaseLabel(f.release, f.releaseStage)}
                      </Link>
                      {s?.status === "unsupported" && (
                        <span className="block text-xs text-amber-800 dark:text-amber-300">
                          unsupported since {s.end ?? "?"}
                          {s.moveTo ? `; move to R${s.moveTo}` : ""}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="text-zinc-600 dark:text-zinc-400">not stated</span>
                  )}
                </td>
                <td className="stack-inline py-2 pr-4">{whereLabel(f.where, f.distribution)}</td>
                <td data-label="Package" className="py-2 pr-4">
                  <span className="font-mono">{f.package}</span>
                  {f.packageLabel !== f.package && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{f.packageLabel}</span>}
                </td>
                <td data-label="Fixed in" className="py-2 pr-4 font-mono">
                  {f.versions.map((v, k) => (
                    <span key={v} className="block">
                      {k > 0 && <span className="font-sans text-xs text-zinc-600 dark:text-zinc-400">or </span>}
                      {v}
                    </span>
                  ))}
                </td>
                <td data-label="As the bulletin says" className="py-2 text-xs text-zinc-600 dark:text-zinc-400">
                  {f.releaseLine && <span className="block font-mono">{f.releaseLine}</span>}
                  <span className="font-mono">{f.rawLine}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
