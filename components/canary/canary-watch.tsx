import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CANARIES_PATH, canaryPath } from "@/lib/ids";
import type { CanaryWatch } from "@/lib/queries/canaries";
import { CanaryStatusBadge } from "./canary-status-badge";
import { textLink } from "@/components/ui/text-link";


/** Is the next canary overdue: the headline in words, what it may mean and what it does not prove. */
export function CanaryWatchCard({ watch, showLink = true }: { watch: CanaryWatch; showLink?: boolean }) {
  const alert = watch.status === "overdue";
  return (
    <Card
      title="Warrant canary"
      id="canary-watch"
      actions={watch.latest ? <CanaryStatusBadge status={watch.latest.status} days={watch.latest.statusDays} /> : undefined}
    >
      <div role={alert ? "alert" : undefined} data-testid="canary-watch">
        <p className={alert ? "font-semibold text-red-800 dark:text-red-300" : "font-medium"}>{watch.headline}</p>
        {watch.meaning.length > 0 && (
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
            {watch.meaning.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          As of {watch.today} (UTC).
          {watch.latest && (
            <>
              {" "}
              Latest: <Link className={textLink} href={canaryPath(watch.latest.number)}>{watch.latest.id}</Link>
              {showLink && (
                <>
                  {" · "}
                  <Link className={textLink} href={CANARIES_PATH}>all {watch.total} canaries</Link>
                </>
              )}
            </>
          )}
        </p>
      </div>
    </Card>
  );
}
