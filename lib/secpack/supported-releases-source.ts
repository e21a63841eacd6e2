// The Qubes documentation's supported-releases page as a sync source
// (`--supported-releases <file or URL | none>`): each release's support
// window and dom0 Fedora version, written onto the Release rows. Read in
// full at fetch time like every source, so a missing or unreadable one stops
// the sync before any write; "none" skips it (support is then "unknown",
// and the pages and the check say so).
import { releaseSortKey } from "@/lib/vocabulary/release";
import { parseSupportedReleases, type SupportedRelease } from "./parse-supported-releases";
import { readSource } from "./source";
import { defineSource } from "./sync-source";

export const SUPPORTED_RELEASES_SOURCE_NAME = "supported-releases";

export function supportedReleasesSource(location: string | null) {
  return defineSource<{ text: string; location: string } | null, { releases: SupportedRelease[]; warnings: string[] }, { releases: SupportedRelease[]; warnings: string[] }, SupportedRelease[]>({
    name: SUPPORTED_RELEASES_SOURCE_NAME,
    async fetch() {
      if (location === null) {
        return { data: null, states: [{ name: SUPPORTED_RELEASES_SOURCE_NAME, location: "none", sha256: "none", commit: null }] };
      }
      const file = await readSource(location, "supported releases page");
      return {
        data: { text: file.bytes.toString("utf8"), location: file.location },
        states: [{ name: SUPPORTED_RELEASES_SOURCE_NAME, location: file.location, sha256: file.sha256, commit: null }],
      };
    },
    parse: (data) => (data ? parseSupportedReleases(data.text, data.location) : { releases: [], warnings: [] }),
    verify: (parsed) => Promise.resolve(parsed),
    build: (parsed) => ({
      records: parsed.releases,
      warnings: parsed.warnings.map((message) => ({ kind: "source" as const, bulletinNumber: null, advisoryNumber: null, file: null, line: null, message })),
      counts: {
        releases: parsed.releases.length,
        supported: parsed.releases.filter((r) => r.status === "supported").length,
        unsupported: parsed.releases.filter((r) => r.status === "unsupported").length,
      },
    }),
    // The Release table is emptied and rewritten by the core store step.
    clear: () => Promise.resolve(),
    async store(tx, releases) {
      for (const r of releases) {
        const data = { supportStart: r.start, supportEnd: r.end, supportStatus: r.status, dom0Fedora: r.dom0Fedora };
        await tx.release.upsert({ where: { name: r.name }, create: { name: r.name, sortKey: releaseSortKey(r.name) ?? 0, ...data }, update: data });
      }
    },
  });
}
