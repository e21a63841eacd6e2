import Link from "next/link";
import { ReleaseBadges } from "@/components/release/release-badges";
import { SignatureBadge } from "@/components/signature/signature-badge";
import type { BulletinSummary } from "@/lib/queries/bulletins";
import { UpdatedDate } from "./updated-date";
import { textLink } from "@/components/ui/text-link";

export function BulletinList({ bulletins }: { bulletins: BulletinSummary[] }) {
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {bulletins.map((b) => (
        <li key={b.number} className="px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link href={`/qsb/${b.number}`} className={`font-mono text-sm font-semibold ${textLink}`}>
              {b.id}
            </Link>
            <time dateTime={b.date ?? undefined} className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">
              {b.date ?? "date unknown"}
            </time>
            <UpdatedDate updated={b.updated} />
            <ReleaseBadges releases={b.releases} />
            <span className="ml-auto">
              <SignatureBadge status={b.signatureStatus} />
            </span>
          </div>
          <p className="mt-1">{b.title ?? "(untitled)"}</p>
        </li>
      ))}
    </ul>
  );
}
