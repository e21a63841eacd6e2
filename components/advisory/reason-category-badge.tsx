import { Badge } from "@/components/ui/badge";
import { REASON_CATEGORY_LABELS, type ReasonCategory } from "@/lib/posts/vocabulary";

export function ReasonCategoryBadge({ category, feature }: { category: ReasonCategory; feature?: string | null }) {
  return (
    <Badge tone="neutral" title={feature ? `Feature: ${feature}` : undefined}>
      {REASON_CATEGORY_LABELS[category]}
      {feature ? `: ${feature}` : ""}
    </Badge>
  );
}
