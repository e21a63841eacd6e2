import { Stat } from "@/components/ui/stat";
import type { DashboardStats } from "@/lib/queries/stats";

/** The figures the Qubes XSA tracker shows, computed from the same data. */
export function TrackerStats({ stats }: { stats: DashboardStats }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Stat label="Years covered" value={stats.firstYear && stats.lastYear ? `${stats.lastYear - stats.firstYear + 1}` : "—"} hint={stats.firstYear ? `${stats.firstYear}–${stats.lastYear}` : undefined} />
      <Stat label="XSAs published" value={stats.xsasPublished} hint="unused numbers excluded" />
      <Stat label="XSAs affecting Qubes" value={stats.xsasAffectingQubes} />
      <Stat label="Share affecting Qubes" value={`${stats.affectingPercent}%`} />
    </dl>
  );
}
