import type { UpdatedDates } from "@/lib/secpack/history";

/** "updated YYYY-MM-DD" for a bulletin revised after publication, saying where the date comes from (changelog, history, or both). */
export function UpdatedDate({ updated, detail = false }: { updated: UpdatedDates | null | undefined; detail?: boolean }) {
  if (!updated?.updated) return null;
  const sources = [
    updated.fromChangelog && `changelog: ${updated.fromChangelog}`,
    updated.fromHistory && `text last changed in the secpack: ${updated.fromHistory}`,
  ].filter(Boolean);
  return (
    <span className="text-sm text-amber-800 dark:text-amber-300" title={sources.join("; ")} data-updated={updated.updated}>
      updated <time dateTime={updated.updated}>{updated.updated}</time>
      {detail && <span className="text-zinc-600 dark:text-zinc-400"> ({sources.join("; ")})</span>}
    </span>
  );
}
