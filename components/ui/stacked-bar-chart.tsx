/**
 * Column charts drawn with plain boxes: every column shows its total as text
 * above it and its year below, at a legible size (12 px) however narrow the
 * screen; each column also carries its figures as text for screen readers.
 */
export interface StackedSeries {
  key: string;
  label: string;
  /** Tailwind fill classes for the series' segments and legend swatch. */
  fillClass: string;
}

export interface StackedBar {
  key: string;
  values: Record<string, number>;
}

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
          let y = 100;
          return (
            <li key={d.key} className="flex min-w-0 flex-1 flex-col items-center">
              <span className="sr-only">{`${d.key}: ${total}${series.length > 1 && total > 0 ? ` (${breakdown(d)})` : ""}`}</span>
              <span aria-hidden="true" data-chart-value className="text-xs leading-4 tabular-nums text-zinc-800 dark:text-zinc-200">
                {total}
              </span>
              {/* Shapes only, stretched to the column: no text inside the SVG, so nothing in it scales below a legible size. */}
              <svg aria-hidden="true" viewBox="0 0 10 100" preserveAspectRatio="none" className="w-full max-w-8 flex-1">
                {series.map((s) => {
                  const value = d.values[s.key] ?? 0;
                  if (value === 0) return null;
                  const h = (value / max) * 100;
                  y -= h;
                  return <rect key={s.key} x={0} y={y} width={10} height={h} className={s.fillClass} />;
                })}
              </svg>
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
              <svg viewBox="0 0 10 10" className="h-2.5 w-2.5">
                <rect width="10" height="10" rx="2" className={s.fillClass} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
