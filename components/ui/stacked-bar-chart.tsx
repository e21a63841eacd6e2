/**
 * Column charts drawn with plain boxes: every column shows its total as text
 * above it and its year below, at a legible size (12 px) however narrow the
 * screen; each column also carries its figures as text for screen readers.
 */
export interface StackedSeries {
  key: string;
  label: string;
  /** Tailwind background classes for the series' segments and legend swatch. */
  colorClass: string;
}

export interface StackedBar {
  key: string;
  values: Record<string, number>;
}

/** The tallest column fills this share of the plot, leaving room for its figure. */
const TALLEST = 85;

export function StackedBarChart({ data, series, label }: { data: StackedBar[]; series: StackedSeries[]; label: string }) {
  const totals = data.map((d) => series.reduce((n, s) => n + (d.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const breakdown = (d: StackedBar) =>
    series
      .filter((s) => (d.values[s.key] ?? 0) > 0)
      .map((s) => `${s.label} ${d.values[s.key]}`)
      .join(", ");
  return (
    <figure className="space-y-2">
      <figcaption className="sr-only">{label}</figcaption>
      <ol className="flex h-40 max-w-2xl gap-0.5 sm:gap-1" data-chart="columns">
        {data.map((d, i) => {
          const total = totals[i] ?? 0;
          return (
            <li key={d.key} className="flex min-w-0 flex-1 flex-col items-center">
              <span className="sr-only">{`${d.key}: ${total}${series.length > 1 && total > 0 ? ` (${breakdown(d)})` : ""}`}</span>
              <div aria-hidden="true" className="flex w-full flex-1 flex-col items-center justify-end">
                <span data-chart-value className="text-xs leading-4 tabular-nums text-zinc-800 dark:text-zinc-200">
                  {total}
                </span>
                <div className="flex w-full max-w-8 flex-col-reverse overflow-hidden rounded-t-sm" style={{ height: `${(total / max) * TALLEST}%` }}>
                  {series.map((s) => {
                    const value = d.values[s.key] ?? 0;
                    return value > 0 ? <div key={s.key} className={s.colorClass} style={{ height: `${(value / total) * 100}%` }} /> : null;
                  })}
                </div>
              </div>
              <span aria-hidden="true" data-chart-key className="mt-1 text-xs leading-4 text-zinc-700 dark:text-zinc-300">
                {`’${d.key.slice(-2)}`}
              </span>
            </li>
          );
        })}
      </ol>
      {series.length > 1 && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1">
              <span className={`inline-block h-2.5 w-2.5 rounded-sm ${s.colorClass}`} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
