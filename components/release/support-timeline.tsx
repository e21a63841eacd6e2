import type { ReleaseSupport } from "@/lib/queries/releases";
import { releaseShortLabel } from "@/lib/vocabulary/release";

export interface TimelineRelease {
  name: string;
  label: string;
  support: ReleaseSupport;
}

const time = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);

const STATUS_WORDS: Record<ReleaseSupport["status"], string> = { supported: "supported", unsupported: "unsupported", unknown: "support not known" };

/**
 * The releases' support windows on one time axis, oldest at the top: each a
 * bar from its start to its end (to today and beyond, dashed, when the end is
 * not set). The drawing is SVG without text, so it scales to any width; the
 * names and years are HTML at a legible size, and the same windows are a
 * table for screen readers and for anyone who wants the dates.
 */
export function SupportTimeline({ releases, today }: { releases: TimelineRelease[]; today: string }) {
  const drawn = releases.filter((r) => r.support.start !== null).sort((a, b) => time(a.support.start!) - time(b.support.start!));
  if (drawn.length === 0) return null;
  const firstYear = new Date(time(drawn[0]!.support.start!)).getUTCFullYear();
  const lastEnd = Math.max(time(today), ...drawn.map((r) => (r.support.end ? time(r.support.end) : 0)));
  const lastYear = new Date(lastEnd).getUTCFullYear() + 1;
  const from = Date.UTC(firstYear, 0, 1);
  const to = Date.UTC(lastYear, 0, 1);
  const x = (t: number) => ((t - from) / (to - from)) * 1000;
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const step = years.length > 10 ? 2 : 1;
  const todayX = x(time(today));
  return (
    <figure className="space-y-2" aria-labelledby="timeline-title">
      <figcaption id="timeline-title" className="text-sm font-semibold">
        Support windows
      </figcaption>
      <div aria-hidden="true" className="grid grid-cols-[3.5rem_1fr] gap-x-2 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" data-testid="timeline-drawing">
        {drawn.map((r) => {
          const start = x(time(r.support.start!));
          const open = r.support.end === null;
          const end = open ? todayX : x(time(r.support.end!));
          const fill = r.support.status === "supported" ? "fill-emerald-600 dark:fill-emerald-400" : "fill-zinc-400 dark:fill-zinc-500";
          return (
            <div key={r.name} className="contents">
              <span className="self-center font-mono">{releaseShortLabel(r.name)}</span>
              <svg viewBox="0 0 1000 10" preserveAspectRatio="none" className="h-4 w-full" role="presentation">
                <rect x={0} y={4.5} width={1000} height={1} className="fill-zinc-200 dark:fill-zinc-800" />
                <rect x={start} y={1} width={Math.max(2, end - start)} height={8} rx={1} className={fill} />
                {open && <rect x={end} y={1} width={Math.max(0, 1000 - end)} height={8} className="fill-emerald-600/30 dark:fill-emerald-400/30" />}
                <rect x={todayX - 1} y={0} width={2} height={10} className="fill-red-600 dark:fill-red-400" />
              </svg>
            </div>
          );
        })}
        <span />
        {/* One cell a year, all the same width: the axis runs from 1 January of the first year to 1 January after the last. */}
        <div className="flex">
          {years
            .filter((y) => y < lastYear)
            .map((y) => (
              <span key={y} className="min-w-0 flex-1 border-l border-zinc-300 pl-0.5 tabular-nums dark:border-zinc-700">
                {(y - firstYear) % step === 0 ? `’${String(y).slice(-2)}` : ""}
              </span>
            ))}
        </div>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        <span className="mr-1 inline-block h-2.5 w-2.5 rounded-sm bg-emerald-600 align-middle dark:bg-emerald-400" aria-hidden="true" />
        supported,
        <span className="mx-1 inline-block h-2.5 w-2.5 rounded-sm bg-zinc-400 align-middle dark:bg-zinc-500" aria-hidden="true" />
        unsupported; the red line is today ({today}).
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer">The support windows as a table</summary>
        <table className="mt-2 w-full text-left text-sm" data-testid="timeline-table">
          <caption className="sr-only">Support window of each Qubes OS release, from the Qubes documentation</caption>
          <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-1 pr-4">Release</th>
              <th scope="col" className="py-1 pr-4">From</th>
              <th scope="col" className="py-1 pr-4">Until</th>
              <th scope="col" className="py-1">Today</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {releases.map((r) => (
              <tr key={r.name}>
                <th scope="row" className="py-1 pr-4 font-normal">{r.label}</th>
                <td className="py-1 pr-4 tabular-nums">{r.support.start ?? "not known"}</td>
                <td className="py-1 pr-4 tabular-nums">{r.support.end ?? (r.support.start ? "no end date set" : "not known")}</td>
                <td className="py-1">{STATUS_WORDS[r.support.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {drawn.length < releases.length && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Not drawn, no start date known: {releases.filter((r) => r.support.start === null).map((r) => releaseShortLabel(r.name)).join(", ")}.
        </p>
      )}
    </figure>
  );
}

