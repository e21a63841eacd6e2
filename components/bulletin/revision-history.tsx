import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { bulletinPath } from "@/lib/ids";
import type { BulletinHistory, RevisionDiff, RevisionView } from "@/lib/queries/history";
import { REVISION_PHASE_LABEL, type RevisionPhase } from "@/lib/secpack/history";
import { site } from "@/lib/site";
import { textLink } from "@/components/ui/text-link";

const PHASE_TONE: Record<RevisionPhase, BadgeTone> = {
  "before-publication": "neutral",
  publication: "good",
  "after-publication": "warn",
};

const PHASE_EXPLAIN: Record<RevisionPhase, string> = {
  "before-publication": "A draft: the commit came before the bulletin was first signed.",
  publication: "The commit that first signed the bulletin: its publication in the secpack.",
  "after-publication": "The commit came after the bulletin was published.",
};

/** A signature that is bad on the current text, and the earlier text it does sign (from the sync). */
export interface SignatureOnEarlierText {
  file: string;
  signer: string;
  signedCommit: string | null;
  revisionsChecked: number;
}

const short = (commit: string) => commit.slice(0, 12);

function revisionLabel(r: RevisionView): string {
  return `${r.day} ${short(r.commit)} ${r.subject.length > 50 ? `${r.subject.slice(0, 49)}…` : r.subject}`;
}

/** One end of the diff form: a revision of the text, by its short commit. */
function RevisionSelect({ name, label, texts, defaultValue }: { name: "from" | "to"; label: string; texts: RevisionView[]; defaultValue: string }) {
  return (
    <label className="flex w-full min-w-0 flex-col sm:w-auto">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={defaultValue} className="mt-1 w-full max-w-full rounded-md border border-zinc-300 bg-white px-2 py-1 sm:max-w-md dark:border-zinc-700 dark:bg-zinc-900">
        {texts.map((r) => (
          <option key={r.commit} value={short(r.commit)}>
            {revisionLabel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}

function EarlierSignatures({ bulletin, history, signatures }: { bulletin: number; history: BulletinHistory; signatures: SignatureOnEarlierText[] }) {
  if (signatures.length === 0) return null;
  return (
    <div className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950">
      <h3 className="font-semibold">Signatures that do not match the current text</h3>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {signatures.map((s) => {
          const at = history.revisions.findIndex((r) => r.commit === s.signedCommit);
          const signed = history.revisions[at];
          const changes = at > 0 ? history.revisions.slice(0, at).filter((r) => r.hasText) : [];
          const first = changes[changes.length - 1];
          return (
            <li key={s.file}>
              <span className="font-mono text-xs">{s.file}</span> ({s.signer}) is BAD on the current text.{" "}
              {signed ? (
                <>
                  It is valid on the text of revision{" "}
                  <a className={`font-mono ${textLink}`} href={site.secpackCommitUrl(signed.commit)}>
                    {short(signed.commit)}
                  </a>{" "}
                  of {signed.day} (“{signed.subject}”).
                  {first && (
                    <>
                      {" "}
                      The text changed after it in{" "}
                      <a className={`font-mono ${textLink}`} href={site.secpackCommitUrl(first.commit)}>
                        {short(first.commit)}
                      </a>{" "}
                      on {first.day} (“{first.subject}”) without a new signature by this signer:{" "}
                      <a className={textLink} href={`${bulletinPath(bulletin)}?from=${short(signed.commit)}&to=${short(history.revisions.find((r) => r.hasText)?.commit ?? first.commit)}#history`}>
                        see what changed
                      </a>
                      .
                    </>
                  )}
                </>
              ) : (
                <>It signs none of the {s.revisionsChecked} earlier text(s) of this bulletin either.</>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function DiffView({ diff }: { diff: RevisionDiff }) {
  if (!diff.ok) {
    return (
      <p role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
        {diff.error}
      </p>
    );
  }
  return (
    <div className="mt-3" id="diff">
      <h3 className="text-sm font-semibold">
        Changes from {short(diff.from.commit)} ({diff.from.day}) to {short(diff.to.commit)} ({diff.to.day}):{" "}
        {diff.hunks.length === 0 ? "the texts are the same" : `${diff.added} line(s) added, ${diff.removed} removed`}
      </h3>
      {diff.hunks.length > 0 && (
        <pre className="mt-2 overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs leading-5 dark:border-zinc-800 dark:bg-zinc-950" tabIndex={0} aria-label="Diff between the two revisions">
          {diff.hunks.map((h, i) => (
            <span key={i}>
              <span className="text-zinc-600 dark:text-zinc-400">{h.header}</span>
              {"\n"}
              {h.lines.map((line, j) => (
                <span
                  key={j}
                  className={
                    line.startsWith("+")
                      ? "block bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
                      : line.startsWith("-")
                        ? "block bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100"
                        : "block"
                  }
                >
                  {line}
                </span>
              ))}
            </span>
          ))}
        </pre>
      )}
    </div>
  );
}

/** The bulletin's revisions (commits touching its text or signatures) and a diff between two of them, chosen with a plain GET form. */
export function RevisionHistory({
  bulletin,
  history,
  diff,
  from,
  to,
  signatures,
}: {
  bulletin: number;
  history: BulletinHistory;
  diff: RevisionDiff | null;
  from: string | undefined;
  to: string | undefined;
  signatures: SignatureOnEarlierText[];
}) {
  if (!history.known) {
    return (
      <Card title="Revision history" id="history">
        <p className="text-sm">
          History unknown: the secpack was read from a plain folder, not a git repository, so the tracker cannot say which commits wrote this text, or
          whether it changed after publication.
        </p>
      </Card>
    );
  }
  const texts = history.revisions.filter((r) => r.hasText);
  const publication = texts.find((r) => r.phase !== "after-publication") ?? texts[texts.length - 1];
  const defaultFrom = from ?? (publication ? short(publication.commit) : "");
  const defaultTo = to ?? (texts[0] ? short(texts[0].commit) : "");
  const { updated } = history;
  return (
    <Card title="Revision history" id="history">
      <EarlierSignatures bulletin={bulletin} history={history} signatures={signatures} />
      <p className="mb-3 text-sm">
        {history.revisions.length} commit(s) of the secpack touched this bulletin’s text or its signature files.{" "}
        {updated.fromHistory
          ? `The text was changed after publication, last on ${updated.fromHistory}.`
          : "The text was not changed after publication."}
        {updated.fromChangelog && ` The changelog’s latest entry after publication is dated ${updated.fromChangelog}.`}
      </p>
      <div className="overflow-x-auto">
        <table className="stack-table w-full text-left text-sm">
          <caption className="sr-only">Commits that touched this bulletin, newest first</caption>
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th scope="col" className="py-1 pr-3">Date (UTC)</th>
              <th scope="col" className="py-1 pr-3">Commit</th>
              <th scope="col" className="py-1 pr-3">Author</th>
              <th scope="col" className="py-1 pr-3">Subject and files</th>
              <th scope="col" className="py-1 pr-3">When</th>
            </tr>
          </thead>
          <tbody>
            {history.revisions.map((r) => {
              const previous = texts[texts.indexOf(r) + 1];
              return (
                <tr key={r.commit} className="border-b border-zinc-100 align-top dark:border-zinc-800" data-commit={r.commit}>
                  <td className="stack-inline py-1 pr-3 font-mono tabular-nums">
                    <time dateTime={r.committedAt}>{r.day}</time>
                  </td>
                  <td className="stack-inline py-1 pr-3">
                    <a className={`font-mono ${textLink}`} href={site.secpackCommitUrl(r.commit)}>
                      {short(r.commit)}
                    </a>
                  </td>
                  <td data-label="Author" className="py-1 pr-3">{r.author}</td>
                  <td className="py-1 pr-3">
                    {r.subject}
                    <ul className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
                      {r.files.map((f) => (
                        <li key={f} className="break-all">{f}</li>
                      ))}
                    </ul>
                    {r.hasText && previous && (
                      <a className={`text-xs ${textLink}`} href={`${bulletinPath(bulletin)}?from=${short(previous.commit)}&to=${short(r.commit)}#history`}>
                        what this commit changed in the text
                      </a>
                    )}
                  </td>
                  <td data-label="When" className="py-1 pr-3">
                    <Badge tone={PHASE_TONE[r.phase]} title={PHASE_EXPLAIN[r.phase]}>
                      {REVISION_PHASE_LABEL[r.phase]}
                    </Badge>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {texts.length > 1 && (
        <form method="get" action={`${bulletinPath(bulletin)}#history`} className="mt-4 flex flex-wrap items-end gap-3 text-sm">
          <RevisionSelect name="from" label="Compare the text of" texts={texts} defaultValue={defaultFrom} />
          <RevisionSelect name="to" label="with the text of" texts={texts} defaultValue={defaultTo} />
          <button type="submit" className="rounded-md bg-zinc-900 px-3 py-1.5 font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900">
            Show the diff
          </button>
        </form>
      )}
      {diff && <DiffView diff={diff} />}
    </Card>
  );
}
