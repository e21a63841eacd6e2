import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CANARY_STATUS_LABELS, isCanaryStatus } from "@/lib/canary/vocabulary";

const TONE = { "on-time": "good", overdue: "bad", unknown: "warn" } as const satisfies Record<string, BadgeTone>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "on time", "overdue by 78 days", "late by 1 day" (a canary that came after its window). */
export function CanaryStatusBadge({ status, days, arrived }: { status: string; days: number | null; arrived?: boolean }) {
  if (!isCanaryStatus(status)) return <Badge>{status}</Badge>;
  const label = status === "overdue" && days !== null ? `${arrived ? "late" : "overdue"} by ${plural(days, "day")}` : CANARY_STATUS_LABELS[status];
  return <Badge tone={TONE[status]}>{label}</Badge>;
}
