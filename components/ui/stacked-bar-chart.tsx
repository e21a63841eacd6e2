/** Stacked bars as inline SVG, in the style of BarChart, with a legend and the figures as text for screen readers. */
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
  const barWidth = 18;
  const gap = 4;
  const height = 80;
  const width = Math.max(1, data.length * (barWidth + gap));
  return (
    <figure className="space-y-2">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height + 16}`} className="h-32 w-full max-w-2xl" preserveAspectRatio="xMinYMax meet">
        {data.map((d, i) => {
          const x = i * (barWidth + gap);
          let y = height;
          return (
            <g key={d.key}>
              <title>{`${d.key}: ${series.map((s) => `${s.label} ${d.values[s.key] ?? 0}`).join(", ")}`}</title>
              {series.map((s) => {
                const value = d.values[s.key] ?? 0;
                if (value === 0) return null;
                const h = (value / max) * height;
                y -= h;
                return <rect key={s.key} x={x} y={y} width={barWidth} height={h} className={s.fillClass} />;
              })}
              <text x={x + barWidth / 2} y={height + 12} textAnchor="middle" className="fill-zinc-600 text-[8px] dark:fill-zinc-400">
                {`'${d.key.slice(-2)}`}
              </text>
            </g>
          );
        })}
      </svg>
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
      <figcaption className="sr-only">
        {data.map((d) => `${d.key}: ${series.map((s) => `${s.label} ${d.values[s.key] ?? 0}`).join(", ")}`).join("; ")}
      </figcaption>
    </figure>
  );
}
