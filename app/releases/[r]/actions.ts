"use server";

import { runCheck, type CheckOutcome } from "@/lib/queries/check";

export interface PatchCheckState {
  ran: boolean;
  /** The pasted text, kept so that the form shows it again. */
  text: string;
  outcome: CheckOutcome | null;
}

/** The form's check: the same runCheck as POST /api/check and `npm run check`. */
export async function checkPackageList(release: string, _previous: PatchCheckState, form: FormData): Promise<PatchCheckState> {
  const value = form.get("packages");
  const text = typeof value === "string" ? value : "";
  const outcome = await runCheck({ text, release });
  // A list over the limit is not echoed back whole into the page.
  const kept = outcome.ok || outcome.error.code !== "too_large" ? text : "";
  return { ran: true, text: kept, outcome };
}
