// The one read model of a fix, shared by the bulletin and release pages, the
// check, the API, the feeds and the OSV export.
import { familyLabel, sourceOf, toFamilyId, type FamilyId } from "@/lib/vocabulary/package-family";
import { toDistribution, toWhere, type Distribution, type Where } from "@/lib/vocabulary/where";

export interface FixView {
  bulletin: number;
  release: string | null;
  releaseStage: string | null;
  family: FamilyId;
  package: string;
  /** "Xen packages", "VM kernel packages (kernel*-qubes-vm)", or the RPM name. */
  packageLabel: string;
  /** Alternative branches, as the bulletin lists them. */
  versions: string[];
  where: Where;
  distribution: Distribution | null;
  /** The item of the bulletin, and the release line above it, as written. */
  rawLine: string;
  releaseLine: string | null;
}

/** The Prisma include that brings a fix's versions in order. */
export const fixVersionsInclude = { versions: { orderBy: { position: "asc" } } } as const;

export interface FixRowWithVersions {
  bulletinNumber: number;
  releaseName: string | null;
  releaseStage: string | null;
  family: string;
  package: string;
  location: string;
  distribution: string | null;
  rawLine: string;
  releaseLine: string | null;
  versions: { version: string }[];
}

export function toFixView(row: FixRowWithVersions): FixView {
  const family = toFamilyId(row.family);
  return {
    bulletin: row.bulletinNumber,
    release: row.releaseName,
    releaseStage: row.releaseStage,
    family,
    package: row.package,
    packageLabel: familyLabel({ family, package: row.package }),
    versions: row.versions.map((v) => v.version),
    where: toWhere(row.location),
    distribution: toDistribution(row.distribution),
    rawLine: row.rawLine,
    releaseLine: row.releaseLine,
  };
}

/** "6.1.43 or 6.4.8" */
export const versionsText = (versions: readonly string[]): string => versions.join(" or ");

/** Fixes of one package on one release and place: the groups of the branch rules' union. */
export const fixGroupKey = (f: Pick<FixView, "release" | "family" | "package" | "where" | "distribution">): string =>
  JSON.stringify([f.release, f.family, f.package, f.where, f.distribution]);

/** Fixes built from one source on one release: later ones vouch for branches earlier ones did not list (lib/rpm/branches.ts). */
export const fixSourceKey = (f: Pick<FixView, "release" | "family" | "package" | "where">): string =>
  JSON.stringify([f.release, sourceOf(f), f.where]);
