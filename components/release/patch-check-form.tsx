"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { PatchCheckState } from "@/app/releases/[r]/actions";
import { Badge } from "@/components/ui/badge";
import { textLink } from "@/components/ui/text-link";

const INITIAL: PatchCheckState = { ran: false, error: null, packageCount: 0, unparsed: [], results: [] };
const TONE = { missing: "bad", "not-installed": "neutral", fixed: "good" } as const;
const LABEL = { missing: "missing", "not-installed": "not installed", fixed: "fixed" } as const;

/** Works without JavaScript too: the form posts to the server action and the page comes back with the results. */
export function PatchCheckForm({ release, action }: { release: string; action: (state: PatchCheckState, form: FormData) => Promise<PatchCheckState> }) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const missing = state.results.filter((r) => r.status === "missing").length;
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-2">
        <label htmlFor="packages" className="block text-sm font-medium">
          Your dom0 package list for Qubes {release}
        </label>
        <p id="packages-help" className="text-sm text-zinc-600 dark:text-zinc-400">
          In a dom0 terminal run <code className="font-mono">rpm -qa</code> (or <code className="font-mono">dnf list --installed</code>) and paste the output. It is checked on this
          server and not stored.
        </p>
        <textarea
          id="packages"
          name="packages"
          rows={8}
          aria-describedby="packages-help"
          spellCheck={false}
          className="w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
          placeholder={"xen-hypervisor-4.17.5-10.fc37.x86_64\nkernel-6.6.48-1.qubes.fc37.x86_64\n…"}
        />
        <button type="submit" disabled={pending} className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900">
          {pending ? "Checking…" : "Check my packages"}
        </button>
      </form>

      <div aria-live="polite">
        {state.error && (
          <p role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
            {state.error}
          </p>
        )}
        {state.ran && !state.error && (
          <section aria-labelledby="check-results" className="space-y-3">
            <h3 id="check-results" className="text-base font-semibold">
              {missing === 0 ? "No fix is missing" : `${missing} ${missing === 1 ? "fix is" : "fixes are"} missing`}
              <span className="ml-2 text-sm font-normal text-zinc-600 dark:text-zinc-400">({state.packageCount} packages read)</span>
            </h3>
            <ResultList results={state.results.filter((r) => r.status === "missing")} />
            {(["not-installed", "fixed"] as const).map((status) => {
              const group = state.results.filter((r) => r.status === status);
              if (group.length === 0) return null;
              return (
                <details key={status} className="text-sm">
                  <summary className="cursor-pointer">
                    {group.length} {status === "fixed" ? "fixes already installed" : "fixes for packages not in your list"} (
                    {[...new Set(group.map((r) => r.package))].join(", ")})
                  </summary>
                  <div className="mt-2">
                    <ResultList results={group} />
                  </div>
                </details>
              );
            })}
            {state.unparsed.length > 0 && (
              <details className="text-sm">
                <summary>{state.unparsed.length} lines could not be read</summary>
                <ul className="mt-1 font-mono text-xs">
                  {state.unparsed.map((u) => (
                    <li key={u.line}>line {u.line}: {u.text}</li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        )}
      </div>
    </div>
  );
}

function ResultList({ results }: { results: PatchCheckState["results"] }) {
  if (results.length === 0) return null;
  return (
    <ul className="space-y-2">
      {results.map((r, i) => (
        <li key={i} className="rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={TONE[r.status]}>{LABEL[r.status]}</Badge>
            <span className="font-mono">
              {r.package} ≥ {r.version}
            </span>
            <span className="text-zinc-600 dark:text-zinc-400">({r.where})</span>
            <Link className={textLink} href={`/qsb/${r.bulletin}`}>
              QSB-{String(r.bulletin).padStart(3, "0")}
            </Link>
          </div>
          <p className="mt-1">{r.explanation}</p>
          {r.caveat && <p className="mt-1 text-zinc-600 dark:text-zinc-400">{r.caveat}</p>}
        </li>
      ))}
    </ul>
  );
}
