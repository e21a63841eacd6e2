import type { ReactNode } from "react";

export type BadgeTone = "good" | "bad" | "warn" | "neutral";

const TONES: Record<BadgeTone, string> = {
  good: "bg-emerald-100 text-emerald-900 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/30",
  bad: "bg-red-100 text-red-900 ring-red-600/30 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/30",
  warn: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30",
  neutral: "bg-zinc-100 text-zinc-800 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-400/30",
};

/** A badge's classes, for markup written as HTML text (the search results). */
export function badgeClassName(tone: BadgeTone = "neutral"): string {
  return `inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`;
}

export function Badge({ tone = "neutral", title, children }: { tone?: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span title={title} className={badgeClassName(tone)}>
      {children}
    </span>
  );
}
