"use server";

import { getRelease } from "@/lib/queries/releases";
import { checkFixes, type FixCheckStatus } from "@/lib/rpm/check";
import { parseInstalledPackages } from "@/lib/rpm/installed";

export interface PatchCheckState {
  ran: boolean;
  error: string | null;
  packageCount: number;
  unparsed: { line: number; text: string }[];
  results: {
    bulletin: number;
    package: string;
    version: string;
    where: string;
    status: FixCheckStatus;
    explanation: string;
    caveat: string | null;
  }[];
}

export async function checkPackageList(release: string, _previous: PatchCheckState, form: FormData): Promise<PatchCheckState> {
  const empty: PatchCheckState = { ran: true, error: null, packageCount: 0, unparsed: [], results: [] };
  const text = form.get("packages");
  if (typeof text !== "string" || !text.trim()) {
    return { ...empty, error: "Paste the output of `rpm -qa` or `dnf list --installed` from dom0 first." };
  }
  const detail = await getRelease(release);
  if (!detail) return { ...empty, error: `There is no release ${release}.` };
  const parsed = parseInstalledPackages(text);
  if (parsed.packages.length === 0) {
    return { ...empty, unparsed: parsed.unparsed.slice(0, 20), error: "No package could be read from that text: expected lines like xen-hypervisor-4.17.5-10.fc37.x86_64." };
  }
  const results = checkFixes(
    parsed.packages,
    detail.fixes.map((f) => ({ bulletin: f.bulletin, package: f.package, version: f.version, location: f.where })),
  );
  const order: Record<FixCheckStatus, number> = { missing: 0, "not-installed": 1, fixed: 2 };
  return {
    ran: true,
    error: null,
    packageCount: parsed.packages.length,
    unparsed: parsed.unparsed.slice(0, 20),
    results: results
      .map((r) => ({
        bulletin: r.fix.bulletin,
        package: r.fix.package,
        version: r.fix.version,
        where: r.fix.location,
        status: r.status,
        explanation: r.explanation,
        caveat: r.caveat,
      }))
      .sort((a, b) => order[a.status] - order[b.status] || b.bulletin - a.bulletin),
  };
}
