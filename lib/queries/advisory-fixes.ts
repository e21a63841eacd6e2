// The fixed package versions for an XSA, per release, from the bulletins that
// cover it: an XSA has no versions of its own, so these are its covering
// bulletins' fixes (which fix everything each bulletin covers).
import { getDb } from "@/lib/db";
import { listWords } from "@/lib/vocabulary/data-source";
import { releaseLabel, releaseShortLabel } from "@/lib/vocabulary/release";
import { fixVersionsInclude, toFixView, type FixView } from "./fixes";
import { listReleaseSupport, today, type ReleaseSupport } from "./releases";

export interface AdvisoryReleaseFixes {
  /** null for the early bulletins that name no release. */
  release: string | null;
  label: string;
  /** null when no release is named. */
  support: ReleaseSupport | null;
  fixes: FixView[];
}

/** Newest release first, "no release named" last; within a release, by bulletin. */
export async function listAdvisoryFixes(advisoryNumber: number, day: string = today()): Promise<AdvisoryReleaseFixes[]> {
  const db = getDb();
  const covering = await db.bulletinAdvisory.findMany({ where: { advisoryNumber, relation: "covers" }, select: { bulletinNumber: true } });
  if (covering.length === 0) return [];
  const [rows, releases] = await Promise.all([
    db.fix.findMany({
      where: { bulletinNumber: { in: covering.map((c) => c.bulletinNumber) } },
      include: fixVersionsInclude,
      orderBy: [{ bulletinNumber: "asc" }, { id: "asc" }],
    }),
    listReleaseSupport(day),
  ]);
  const order = new Map(releases.map((r, i) => [r.name, i]));
  const support = new Map(releases.map((r) => [r.name, r.support]));
  const rank = (name: string | null) => (name === null ? Number.MAX_SAFE_INTEGER : (order.get(name) ?? Number.MAX_SAFE_INTEGER - 1));
  const groups = new Map<string | null, FixView[]>();
  for (const row of rows) groups.set(row.releaseName, [...(groups.get(row.releaseName) ?? []), toFixView(row)]);
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([release, fixes]) => ({ release, label: releaseLabel(release), support: release === null ? null : (support.get(release) ?? null), fixes }));
}

/**
 * The tracker's caveats for one XSA, in plain words: what its verdict does and
 * does not mean, and whether it is a current threat given the releases its
 * bulletins fix and their support today.
 */
export function advisoryCaveats(verdict: string, groups: readonly AdvisoryReleaseFixes[], coveringBulletins: number): string[] {
  const caveats: string[] = [];
  if (verdict === "yes") {
    caveats.push(
      "“Affected” is the Qubes XSA tracker's verdict on the flaw as Xen published it, not a statement that any system is vulnerable today: a system with the fixed versions below (or newer) installed is not.",
    );
  }
  if (verdict === "yes" || verdict === "no") {
    caveats.push(
      "The tracker counts an XSA whose only effect is a denial of service (a crash or hang of Xen or of a qube) as not affecting Qubes: “not affected” means isolation holds, not that nothing can go wrong.",
    );
  }
  if (verdict !== "yes") return caveats;
  const named = groups.filter((g) => g.release !== null);
  if (coveringBulletins === 0) {
    caveats.push("No imported bulletin covers it, so no fixed versions can be given here.");
    return caveats;
  }
  if (groups.length === 0) {
    caveats.push("Its bulletins list no package versions; read them for what to do.");
    return caveats;
  }
  const names = (list: readonly AdvisoryReleaseFixes[]) => listWords(list.map((g) => releaseShortLabel(g.release ?? "")));
  const unsupported = named.filter((g) => g.support?.status === "unsupported");
  const supported = named.filter((g) => g.support?.status === "supported");
  const unknown = named.filter((g) => !g.support || g.support.status === "unknown");
  if (named.length > 0 && unsupported.length === named.length) {
    const moveTo = unsupported.map((g) => g.support?.moveTo).find((m) => m);
    caveats.push(
      `Its bulletins give fixes only for ${names(unsupported)}, which ${unsupported.length === 1 ? "is" : "are"} no longer supported. It is not a current threat to a system that installed those fixes; a system still on ${unsupported.length === 1 ? "that release" : "one of them"} gets no more security fixes${moveTo ? `: move to ${releaseLabel(moveTo)}` : ""}.`,
    );
  } else if (supported.length > 0) {
    caveats.push(`For ${names(supported)}, still supported, the versions below are what to have; check a dom0 package list on the release page.`);
    if (unsupported.length > 0) caveats.push(`${names(unsupported)} ${unsupported.length === 1 ? "is" : "are"} no longer supported: a system on ${unsupported.length === 1 ? "it" : "them"} gets no more fixes.`);
  }
  if (unknown.length > 0) caveats.push(`Whether ${names(unknown)} ${unknown.length === 1 ? "is" : "are"} still supported is not known here (the supported-releases page was not imported or does not list ${unknown.length === 1 ? "it" : "them"}).`);
  if (groups.some((g) => g.release === null)) caveats.push("Some of its bulletins' versions name no release (the earliest bulletins): they were for the releases of their day.");
  return caveats;
}
