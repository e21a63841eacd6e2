// The check as the page, the API and the CLI run it: read the list, find
// the release, load that release's fixes and the bulletins' after-update
// steps, and answer (lib/rpm/answer.ts). One function, so all three give the
// same answer.
import { getDb } from "@/lib/db";
import { answerCheck, type CheckAnswer } from "@/lib/rpm/answer";
import { withLaterBranches } from "@/lib/rpm/branches";
import { detectRelease } from "@/lib/rpm/detect-release";
import { MAX_INPUT_CHARS, parseInstalledPackages } from "@/lib/rpm/installed";
import { normalizeRelease, releaseLabel } from "@/lib/vocabulary/release";
import { fixSourceKey, fixVersionsInclude, toFixView } from "./fixes";
import { listReleaseSupport, today } from "./releases";

export interface CheckError {
  /** 400 for bad input, 413 for too large. */
  status: 400 | 413;
  code: "empty" | "too_large" | "not_a_package_list" | "unknown_release" | "no_release";
  message: string;
}

export type CheckOutcome = { ok: true; answer: CheckAnswer } | { ok: false; error: CheckError };

export const MAX_CHECK_MB = MAX_INPUT_CHARS / 1024 / 1024;

export function tooLarge(size: number): CheckError {
  return {
    status: 413,
    code: "too_large",
    message: `The list is ${(size / 1024 / 1024).toFixed(1)} MB; a check takes at most ${MAX_CHECK_MB} MB. A dom0's rpm -qa is about 50 KB: paste just that.`,
  };
}

export async function runCheck(input: { text: string; release?: string | null }, day: string = today()): Promise<CheckOutcome> {
  const text = input.text;
  if (text.length > MAX_INPUT_CHARS) return { ok: false, error: tooLarge(text.length) };
  if (!text.trim()) {
    return { ok: false, error: { status: 400, code: "empty", message: "The list is empty: send the output of rpm -qa (or dnf list --installed) from dom0." } };
  }
  const releases = await listReleaseSupport(day);
  let asked: string | null = null;
  if (input.release !== undefined && input.release !== null && input.release.trim() !== "") {
    asked = normalizeRelease(input.release);
    if (!asked || !releases.some((r) => r.name === asked)) {
      return {
        ok: false,
        error: {
          status: 400,
          code: "unknown_release",
          message: `There is no Qubes release '${input.release.slice(0, 40)}' here; known releases: ${releases.map((r) => r.name).join(", ") || "none (no sync has run)"}.`,
        },
      };
    }
  }
  const parsed = parseInstalledPackages(text);
  if (parsed.packages.length === 0) {
    return {
      ok: false,
      error: {
        status: 400,
        code: "not_a_package_list",
        message: `No package could be read from the text (${parsed.unparsed.length} lines tried): expected lines like xen-hypervisor-4.17.5-10.fc37.x86_64 from rpm -qa.`,
      },
    };
  }
  const detected = detectRelease(parsed.packages, releases);
  const release = asked ?? detected.release;
  if (!release || !releases.some((r) => r.name === release)) {
    return {
      ok: false,
      error: {
        status: 400,
        code: "no_release",
        message: `The list does not show its release${detected.evidence ? ` (${detected.evidence})` : " (no qubes-release package, no .fcNN dist tags)"}: say which it is${detected.release ? `; ${releaseLabel(detected.release)} is not known here` : ""}.`,
      },
    };
  }
  const db = getDb();
  const [fixRows, actionRows] = await Promise.all([
    db.fix.findMany({ where: { releaseName: release }, include: fixVersionsInclude, orderBy: [{ bulletinNumber: "desc" }, { id: "asc" }] }),
    db.bulletinAction.findMany({ where: { bulletin: { fixes: { some: { releaseName: release } } } }, select: { bulletinNumber: true, action: true } }),
  ]);
  const support = releases.find((r) => r.name === release)!.support;
  const answer = answerCheck({
    release,
    detected,
    support,
    parsed,
    fixes: withLaterBranches(fixRows.map(toFixView), fixSourceKey),
    actions: actionRows.map((a) => ({ bulletin: a.bulletinNumber, action: a.action })),
  });
  return { ok: true, answer };
}
