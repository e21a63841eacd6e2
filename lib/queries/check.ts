// The check as the page, the API and the CLI run it: read the list, find
// the release, load that release's fixes and the bulletins' after-update
// steps, and answer (lib/rpm/answer.ts). One function, so all three give the
// same answer. The database reads happen here; the reading of the list and
// the answer (lib/rpm/check-text.ts) run in a worker thread
// (lib/rpm/check-pool.ts), so a 2 MB list does not slow other requests.
import { getDb } from "@/lib/db";
import type { BulletinActionRow, CheckAnswer } from "@/lib/rpm/answer";
import { withLaterBranches } from "@/lib/rpm/branches";
import type { RequiredFix } from "@/lib/rpm/check";
import { CheckBusyError, runCheckInPool } from "@/lib/rpm/check-pool";
import { MAX_INPUT_CHARS } from "@/lib/rpm/installed";
import { normalizeRelease } from "@/lib/vocabulary/release";
import { fixSourceKey, fixVersionsInclude, toFixView } from "./fixes";
import { listReleaseSupport, today } from "./releases";

export interface CheckError {
  /** 400 for bad input, 413 for too large, 503 when every check worker is busy and the queue is full. */
  status: 400 | 413 | 503;
  code: "empty" | "too_large" | "not_a_package_list" | "unknown_release" | "no_release" | "busy";
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

/** The fixes and after-update steps of the given releases, by release. */
async function loadFixes(names: string[]): Promise<{ fixes: Record<string, RequiredFix[]>; actions: Record<string, BulletinActionRow[]> }> {
  const db = getDb();
  const [fixRows, actionRows] = await Promise.all([
    db.fix.findMany({ where: { releaseName: { in: names } }, include: fixVersionsInclude, orderBy: [{ bulletinNumber: "desc" }, { id: "asc" }] }),
    db.bulletinAction.findMany({ where: { bulletin: { fixes: { some: { releaseName: { in: names } } } } }, select: { bulletinNumber: true, action: true } }),
  ]);
  const fixes: Record<string, RequiredFix[]> = {};
  const actions: Record<string, BulletinActionRow[]> = {};
  for (const name of names) {
    const own = fixRows.filter((f) => f.releaseName === name);
    const bulletins = new Set(own.map((f) => f.bulletinNumber));
    fixes[name] = withLaterBranches(own.map(toFixView), fixSourceKey);
    actions[name] = actionRows.filter((a) => bulletins.has(a.bulletinNumber)).map((a) => ({ bulletin: a.bulletinNumber, action: a.action }));
  }
  return { fixes, actions };
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
  // The list's release is known only once it is read (in the worker): without one asked, every release's fixes go along.
  const { fixes, actions } = await loadFixes(asked ? [asked] : releases.map((r) => r.name));
  try {
    const outcome = await runCheckInPool({ text, asked, releases, fixes, actions });
    return outcome.ok ? outcome : { ok: false, error: { status: 400, code: outcome.code, message: outcome.message } };
  } catch (error) {
    if (!(error instanceof CheckBusyError)) throw error;
    return {
      ok: false,
      error: { status: 503, code: "busy", message: `The check is busy right now (${error.message}): try again in a few seconds.` },
    };
  }
}
