import { Badge, type BadgeTone } from "@/components/ui/badge";

const LABELS: Record<string, { tone: BadgeTone; label: string; explain: string }> = {
  verified: { tone: "good", label: "Signature verified", explain: "At least one valid signature by a key certified by the Qubes Master Signing Key, and no bad one." },
  failed: { tone: "bad", label: "Signature BAD", explain: "A signature does not match the file: the file changed or the signature belongs to another file." },
  unverified: { tone: "warn", label: "Unverified", explain: "Signature files are present, but none is valid under the Qubes trust chain." },
  unsigned: { tone: "warn", label: "Unsigned", explain: "No signature file lies beside this bulletin." },
};

export function SignatureBadge({ status }: { status: string }) {
  const entry = LABELS[status] ?? { tone: "neutral" as const, label: status, explain: status };
  return (
    <Badge tone={entry.tone} title={entry.explain}>
      {entry.label}
    </Badge>
  );
}
