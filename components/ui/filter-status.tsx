import Link from "next/link";
import { textLink } from "@/components/ui/text-link";
import { count, type Noun } from "@/lib/text/plural";

export interface RejectedFilter {
  /** The filter's label as the form shows it ("Year"). */
  label: string;
  /** The value as given in the URL. */
  value: string;
}

/**
 * Above a filtered list: how many match, which filter values in the URL were
 * not understood (and so not applied), and, when nothing matches, that it is
 * the filters' doing, with a way to clear them.
 */
export function FilterStatus({ total, noun, active, rejected, clearHref }: { total: number; noun: Noun; active: boolean; rejected: RejectedFilter[]; clearHref: string }) {
  const clear = (
    <Link className={textLink} href={clearHref}>
      Clear filters
    </Link>
  );
  return (
    <div className="space-y-2" aria-live="polite">
      {rejected.length > 0 && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {rejected.map((r) => `“${r.value}” is not a valid ${r.label.toLowerCase()}`).join("; ")}, so {rejected.length === 1 ? "that filter was" : "those filters were"} not applied. {clear}
        </p>
      )}
      {total === 0 && active ? (
        <p className="rounded-md border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          No {noun.other} match these filters. {clear} to see all of them.
        </p>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{count(total, noun)}</p>
      )}
    </div>
  );
}
