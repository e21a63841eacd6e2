import { StackedBarChart } from "@/components/ui/stacked-bar-chart";
import { CHART_CATEGORIES, CHART_CATEGORY_LABELS, type ChartCategory, type NotAffectedYear } from "@/lib/queries/announcements";

const FILLS: Record<ChartCategory, string> = {
  "dos-only": "fill-blue-600 dark:fill-blue-400",
  "other-architecture": "fill-violet-600 dark:fill-violet-400",
  "in-vm-only": "fill-teal-600 dark:fill-teal-400",
  "unused-feature": "fill-amber-500 dark:fill-amber-300",
  "qubes-configuration": "fill-rose-600 dark:fill-rose-400",
  other: "fill-zinc-500 dark:fill-zinc-400",
  "no-reason": "fill-zinc-200 dark:fill-zinc-700",
};

/** The XSAs the tracker marks "not affected", per year, by the category of the reason the news gives. */
export function NotAffectedChart({ years, totals, total }: { years: NotAffectedYear[]; totals: Record<ChartCategory, number>; total: number }) {
  const explained = total - totals["no-reason"];
  return (
    <div className="space-y-2">
      <StackedBarChart
        label="Not-affected XSAs per year, by reason category"
        series={CHART_CATEGORIES.map((c) => ({ key: c, label: `${CHART_CATEGORY_LABELS[c]} (${totals[c]})`, fillClass: FILLS[c] }))}
        data={years.map((y) => ({ key: String(y.year), values: y.byCategory }))}
      />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {total} XSAs the tracker marks not affected; the Qubes news gives a reason for {explained} of them (since late 2020, and a few earlier).
      </p>
    </div>
  );
}
