// The CPU-heavy part of a check, as one pure function of plain data: read
// the pasted list, find its release, and answer from the fixes the caller
// loaded. lib/queries/check.ts runs it in a worker thread (check-pool.ts), so
// a 2 MB list does not hold up the server's other requests.
import { releaseLabel, type ReleaseName } from "../vocabulary/release";
import { answerCheck, type BulletinActionRow, type CheckAnswer, type CheckSupport } from "./answer";
import type { RequiredFix } from "./check";
import { detectRelease } from "./detect-release";
import { parseInstalledPackages } from "./installed";

export interface CheckTextInput {
  text: string;
  /** The release asked for (already checked to be known), or null: the list's own. */
  asked: ReleaseName | null;
  releases: { name: ReleaseName; dom0Fedora: number | null; support: CheckSupport }[];
  /** The fixes (and after-update steps) per release: the asked one only, or every release when none was asked. */
  fixes: Record<string, RequiredFix[]>;
  actions: Record<string, BulletinActionRow[]>;
}

export type CheckTextOutcome =
  | { ok: true; answer: CheckAnswer }
  | { ok: false; code: "not_a_package_list" | "no_release"; message: string };

export function checkText(input: CheckTextInput): CheckTextOutcome {
  const { releases } = input;
  const parsed = parseInstalledPackages(input.text);
  if (parsed.packages.length === 0) {
    return {
      ok: false,
      code: "not_a_package_list",
      message: `No package could be read from the text (${parsed.unparsed.length} lines tried): expected lines like xen-hypervisor-4.17.5-10.fc37.x86_64 from rpm -qa.`,
    };
  }
  const detected = detectRelease(parsed.packages, releases);
  const release = input.asked ?? detected.release;
  const known = releases.find((r) => r.name === release);
  if (!release || !known) {
    return {
      ok: false,
      code: "no_release",
      message: `The list does not show its release${detected.evidence ? ` (${detected.evidence})` : " (no qubes-release package, no .fcNN dist tags)"}: say which it is${detected.release ? `; ${releaseLabel(detected.release)} is not known here` : ""}.`,
    };
  }
  const answer = answerCheck({
    release,
    detected,
    support: known.support,
    parsed,
    fixes: input.fixes[release] ?? [],
    actions: input.actions[release] ?? [],
  });
  return { ok: true, answer };
}
