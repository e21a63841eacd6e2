import { Badge, type BadgeTone } from "@/components/ui/badge";

const VERDICTS: Record<string, { tone: BadgeTone; label: string }> = {
  yes: { tone: "bad", label: "Qubes affected" },
  no: { tone: "good", label: "Qubes not affected" },
  unused: { tone: "neutral", label: "Unused number" },
  unknown: { tone: "warn", label: "Not in the tracker" },
};

export function VerdictBadge({ verdict }: { verdict: string }) {
  const entry = VERDICTS[verdict] ?? { tone: "neutral" as const, label: verdict };
  return <Badge tone={entry.tone}>{entry.label}</Badge>;
}
