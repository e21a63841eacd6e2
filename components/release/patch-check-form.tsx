"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import type { PatchCheckState } from "@/app/releases/[r]/actions";
import { Badge } from "@/components/ui/badge";
import { textLink } from "@/components/ui/text-link";
import { bulletinId, bulletinPath } from "@/lib/ids";
import type { CheckAnswer, CheckEntry } from "@/lib/rpm/answer";
import { plural } from "@/lib/text/plural";

const INITIAL: PatchCheckState = { ran: false, text: "", outcome: null };

/** Works without JavaScript too: the form posts to the server action and the page comes back with the answer. */
export function PatchCheckForm({
  release,
  maxChars,
  action,
}: {
  release: string;
  maxChars: number;
  action: (state: PatchCheckState, form: FormData) => Promise<PatchCheckState>;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const answer = state.outcome?.ok ? state.outcome.answer : null;
  const error = tooBig ?? (state.outcome && !state.outcome.ok ? state.outcome.error.message : null);
  return (
    <div className="space-y-4">
      <form
        action={formAction}
        className="space-y-2"
        onSubmit={(e) => {
          const text = (e.currentTarget.elements.namedItem("packages") as HTMLTextAreaElement | null)?.value ?? "";
          if (text.length > maxChars) {
            e.preventDefault();
            setTooBig(`The list is ${(text.length / 1024 / 1024).toFixed(1)} MB; a check takes at most ${maxChars / 1024 / 1024} MB. A dom0's rpm -qa is about 50 KB: paste just that.`);
          } else setTooBig(null);
        }}
      >
        <label htmlFor="packages" className="block text-sm font-medium">
          Your dom0 package list for Qubes OS R{release}
        </label>
        <p id="packages-help" className="text-sm text-zinc-600 dark:text-zinc-400">
          In a dom0 terminal run <code className="font-mono">rpm -qa</code> (or <code className="font-mono">dnf list --installed</code>) and paste the whole output (at most{" "}
          {maxChars / 1024 / 1024} MB). It is checked on this server and not stored. Scripts can use <code className="font-mono">POST /api/check</code>.
        </p>
        <textarea
          id="packages"
          name="packages"
          rows={8}
          aria-describedby="packages-help"
          spellCheck={false}
          defaultValue={state.text}
          key={state.ran ? `ran-${state.text.length}` : "initial"}
          className="w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
          placeholder={"xen-hypervisor-4.17.5-10.fc37.x86_64\nkernel-6.6.48-1.qubes.fc37.x86_64\n…"}
        />
        <button type="submit" disabled={pending} className="rounded-md bg-zinc-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900">
          {pending ? "Checking…" : "Check my packages"}
        </button>
      </form>

      <div aria-live="polite">
        {error && (
          <p role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
            {error}
          </p>
        )}
        {answer && !tooBig && <CheckAnswerView answer={answer} />}
      </div>
    </div>
  );
}

function CheckAnswerView({ answer }: { answer: CheckAnswer }) {
  const tone = answer.verdict === "missing" ? "text-red-800 dark:text-red-300" : answer.verdict === "cannot-say" ? "text-amber-800 dark:text-amber-300" : "text-green-800 dark:text-green-300";
  return (
    <section aria-labelledby="check-results" className="space-y-3" data-verdict={answer.verdict}>
      <h3 id="check-results" className={`text-base font-semibold ${tone}`}>
        {answer.headline}
      </h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {plural(answer.packagesRead, "package", "packages")} read
        {answer.unparsed.length > 0 ? `, ${plural(answer.unparsed.length, "line", "lines")} not readable` : ""}; compared with the fixes for Qubes OS R{answer.release}
        {answer.detectedRelease ? ` (the list shows R${answer.detectedRelease})` : " (the list does not show its release)"}.
      </p>
      {answer.warnings.length > 0 && (
        <ul className="space-y-1 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100" aria-label="Warnings">
          {answer.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {answer.plan.length > 0 && (
        <div>
          <h4 className="text-sm font-semibold">What to update</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {answer.plan.map((p) => (
              <li key={p.package} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
                <Badge tone="bad">missing</Badge> <span className="font-mono">{p.package}</span> {p.installed} → <span className="font-mono">{p.fixedIn}</span> or newer, for{" "}
                {p.bulletins.map((b, i) => (
                  <span key={b}>
                    {i > 0 && ", "}
                    <Link className={textLink} href={bulletinPath(b)}>
                      {bulletinId(b)}
                    </Link>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {answer.actions.length > 0 && (
        <div>
          <h4 className="text-sm font-semibold">Steps</h4>
          <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
            {answer.actions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
        </div>
      )}
      <EntryGroup title={`${plural(answer.missing.length, "missing fix", "missing fixes")} in detail`} entries={answer.missing} />
      <EntryGroup title={`${plural(answer.satisfied.length, "fix", "fixes")} already installed`} entries={answer.satisfied} />
      {answer.notInstalled.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">{plural(answer.notInstalled.length, "fix is", "fixes are")} for packages not in your list</summary>
          <ul className="mt-1 space-y-1">
            {answer.notInstalled.map((e, i) => (
              <li key={i}>
                <span className="font-mono">{e.package}</span> {e.fixedIn} ({bulletinId(e.qsb)})
              </li>
            ))}
          </ul>
        </details>
      )}
      {answer.templates.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">{plural(answer.templates.length, "fix is", "fixes are")} for templates: check inside them</summary>
          <ul className="mt-1 space-y-1">
            {answer.templates.map((e, i) => (
              <li key={i}>
                <span className="font-mono">{e.package}</span> {e.fixedIn} ({bulletinId(e.qsb)}
                {e.distribution ? `, ${e.distribution} templates` : ""}
                {e.scope ? `, only ${e.scope}` : ""}): <code className="font-mono">{e.command}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {answer.unparsed.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">{plural(answer.unparsed.length, "line", "lines")} could not be read</summary>
          <ul className="mt-1 font-mono text-xs">
            {answer.unparsed.slice(0, 50).map((u) => (
              <li key={u.line}>
                line {u.line}: {u.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function EntryGroup({ title, entries }: { title: string; entries: CheckEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">{title}</summary>
      <ul className="mt-1 space-y-1">
        {entries.map((e, i) => (
          <li key={i}>
            {e.explanation}
          </li>
        ))}
      </ul>
    </details>
  );
}
