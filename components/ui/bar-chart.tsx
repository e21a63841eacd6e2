import { StackedBarChart } from "./stacked-bar-chart";

/** One series of columns: each column's figure shown above it, its year below. */
export function BarChart({ data, label }: { data: { key: string; value: number }[]; label: string }) {
  return (
    <StackedBarChart
      label={label}
      series={[{ key: "value", label, fillClass: "fill-blue-600 dark:fill-blue-400" }]}
      data={data.map((d) => ({ key: d.key, values: { value: d.value } }))}
    />
  );
}
