/** A small bar chart as inline SVG, with the figures as text for screen readers. */
export function BarChart({ data, label }: { data: { key: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const barWidth = 18;
  const gap = 4;
  const height = 80;
  const width = data.length * (barWidth + gap);
  return (
    <figure>
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height + 16}`} className="h-28 w-full max-w-2xl" preserveAspectRatio="xMinYMax meet">
        {data.map((d, i) => {
          const h = Math.round((d.value / max) * height);
          const x = i * (barWidth + gap);
          return (
            <g key={d.key}>
              <title>{`${d.key}: ${d.value}`}</title>
              <rect x={x} y={height - h} width={barWidth} height={h} rx={2} className="fill-blue-600 dark:fill-blue-400" />
              <text x={x + barWidth / 2} y={height + 12} textAnchor="middle" className="fill-zinc-600 text-[8px] dark:fill-zinc-400">
                {`'${d.key.slice(-2)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{data.map((d) => `${d.key}: ${d.value}`).join(", ")}</figcaption>
    </figure>
  );
}
