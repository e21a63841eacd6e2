// A release's minimum package versions: per package family, place and
// distribution, the union of the branch rules of every fix of the release
// (what a fully patched system has at least). Pure functions: the sync's store
// step computes the rows once (`releaseMinimumRecords`) and writes them to
// ReleaseMinimum; the release page reads them back (`toPackageMinimumRow`),
// so its cost does not grow with the number of bulletins.
import { minimumOverFixes, withLaterBranches, type BranchMinimum } from "@/lib/rpm/branches";
import { familyLabel, toFamilyId, type FamilyId } from "@/lib/vocabulary/package-family";
import { toDistribution, toWhere, type Distribution, type Where } from "@/lib/vocabulary/where";
import { fixGroupKey, fixSourceKey, type FixView } from "./fixes";

export interface PackageMinimumRow {
  family: FamilyId;
  package: string;
  packageLabel: string;
  where: Where;
  distribution: Distribution | null;
  /** The branches a fully patched system can be on, each with its minimum version and the bulletins asking for it. */
  branches: BranchMinimum[];
  /** Any branch newer than this satisfies every fix. */
  newerThan: string;
}

/** The union of the branch rules of every fix, per package family, place and distribution. */
export function minimumVersions(fixes: FixView[]): PackageMinimumRow[] {
  const groups = new Map<string, FixView[]>();
  for (const f of withLaterBranches(fixes, fixSourceKey)) {
    const key = fixGroupKey(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const rows: PackageMinimumRow[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const min = minimumOverFixes(list.map((f) => ({ bulletin: f.bulletin, versions: f.versions })));
    if (!min) continue;
    rows.push({
      family: first.family,
      package: first.package,
      packageLabel: familyLabel(first),
      where: first.where,
      distribution: first.distribution,
      branches: min.branches,
      newerThan: min.newerThan,
    });
  }
  return rows.sort((a, b) => a.packageLabel.localeCompare(b.packageLabel) || a.where.localeCompare(b.where));
}

/** A ReleaseMinimum row as stored. */
export interface ReleaseMinimumRecord {
  releaseName: string;
  position: number;
  family: string;
  package: string;
  location: string;
  distribution: string | null;
  /** JSON of BranchMinimum[]. */
  branches: string;
  newerThan: string;
}

/**
 * Every release's minimum versions, as rows to store. `fixes` in the order
 * they are stored (their ids); each release's fixes are taken newest bulletin
 * first, then in that order, as the release page always read them.
 */
export function releaseMinimumRecords(fixes: FixView[]): ReleaseMinimumRecord[] {
  const byRelease = new Map<string, { f: FixView; i: number }[]>();
  fixes.forEach((f, i) => {
    if (f.release === null) return;
    const list = byRelease.get(f.release);
    if (list) list.push({ f, i });
    else byRelease.set(f.release, [{ f, i }]);
  });
  const records: ReleaseMinimumRecord[] = [];
  for (const [releaseName, list] of byRelease) {
    const ordered = list.sort((a, b) => b.f.bulletin - a.f.bulletin || a.i - b.i).map((x) => x.f);
    minimumVersions(ordered).forEach((m, position) => {
      records.push({
        releaseName,
        position,
        family: m.family,
        package: m.package,
        location: m.where,
        distribution: m.distribution,
        branches: JSON.stringify(m.branches),
        newerThan: m.newerThan,
      });
    });
  }
  return records;
}

/** A stored row back to the page's shape. */
export function toPackageMinimumRow(row: Omit<ReleaseMinimumRecord, "releaseName" | "position">): PackageMinimumRow {
  const family = toFamilyId(row.family);
  return {
    family,
    package: row.package,
    packageLabel: familyLabel({ family, package: row.package }),
    where: toWhere(row.location),
    distribution: toDistribution(row.distribution),
    branches: JSON.parse(row.branches) as BranchMinimum[],
    newerThan: row.newerThan,
  };
}
