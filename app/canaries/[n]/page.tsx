import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CanaryHistory } from "@/components/canary/canary-history";
import { CanaryStatusBadge } from "@/components/canary/canary-status-badge";
import { CanaryWatchCard } from "@/components/canary/canary-watch";
import { FreshnessProof } from "@/components/canary/freshness-proof";
import { SignatureBadge } from "@/components/signature/signature-badge";
import { formatFingerprint, SignaturePanel } from "@/components/signature/signature-panel";
import { AnnouncementLinks } from "@/components/site/announcement-links";
import { Card } from "@/components/ui/card";
import { TextDiff } from "@/components/ui/text-diff";
import { getEnv } from "@/lib/env";
import { canaryId, canaryLabel, canaryPath, parseCanaryNumber } from "@/lib/ids";
import { getCanaryAnnouncement } from "@/lib/queries/announcements";
import { getCanary, getCanaryWatch, listCanaries } from "@/lib/queries/canaries";
import { site } from "@/lib/site";
import { unifiedDiffLines } from "@/lib/text/line-diff";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ n: string }> };


async function load(n: string) {
  const number = parseCanaryNumber(n);
  return number === null ? null : getCanary(number);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const canary = await load((await params).n);
  if (!canary) return { title: "Canary not found" };
  return { title: `${canaryLabel(canary.number)}${canary.date ? ` of ${canary.date}` : ""}`, alternates: { canonical: canaryPath(canary.number) } };
}

const statementName = (n: number) => (n === 0 ? "the introduction" : `statement ${n}`);

export default async function CanaryPage({ params }: Props) {
  const canary = await load((await params).n);
  if (!canary) notFound();
  const [announcement, watch, all] = await Promise.all([getCanaryAnnouncement(canary.number), getCanaryWatch(), listCanaries()]);
  const master = getEnv().QUBES_MASTER_FINGERPRINT;
  const diff = canary.previous ? unifiedDiffLines(canary.previous.statementsText, canary.statementsText) : [];
  const isLatest = watch.latest?.number === canary.number;
  const flags = canary.warnings.filter((w) => w.kind === "audit");
  const parseProblems = canary.warnings.filter((w) => w.kind === "parse");
  // Bad on the current text, valid on an earlier one (the warning above says which and when).
  const signedEarlier = canary.signatures.flatMap((s) => (s.status === "bad" && s.signedCommit ? [{ file: s.file, signedCommit: s.signedCommit }] : []));
  return (
    <article className="space-y-5">
      <header>
        <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">{canary.id}</p>
        <h1 className="text-2xl font-semibold tracking-tight">
          Qubes {canaryLabel(canary.number)}
          {canary.date && <>, issued {canary.date}</>}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
          <SignatureBadge status={canary.signatureStatus} />
          <span>Signed by {canary.signers.join(", ") || "nobody"}</span>
          <a className={textLink} href={site.secpackFileUrl(canary.secpackCommit, canary.sourcePath)}>
            {canary.sourcePath} in qubes-secpack
          </a>
          <AnnouncementLinks announcements={announcement ? [announcement] : []} what="canary" />
        </div>
        <nav aria-label="Canaries" className="mt-2 flex gap-4 text-sm">
          {canary.previous && <Link className={textLink} href={canaryPath(canary.previous.number)}>← {canaryId(canary.previous.number)}</Link>}
          {canary.next && <Link className={textLink} href={canaryPath(canary.next.number)}>{canaryId(canary.next.number)} →</Link>}
          <Link className={textLink} href="/canaries">All canaries</Link>
        </nav>
      </header>

      {isLatest && <CanaryWatchCard watch={watch} />}

      <Card title="The promise of the next canary" id="promise">
        {canary.nextDue ? (
          <p className="text-sm">
            It promises the next canary in {canary.nextDueText ?? "a window"}: from <time dateTime={canary.nextDue.from}>{canary.nextDue.from}</time> to{" "}
            <time dateTime={canary.nextDue.until}>{canary.nextDue.until}</time>.{" "}
            {canary.next ? (
              <>
                The next, <Link className={textLink} href={canaryPath(canary.next.number)}>{canaryId(canary.next.number)}</Link>, came on {canary.next.date ?? "an unreadable date"}:{" "}
              </>
            ) : (
              <>No later canary is in our copy of the secpack; as of {watch.today}: </>
            )}
            <CanaryStatusBadge status={canary.status} days={canary.statusDays} arrived={canary.next !== null} />
          </p>
        ) : (
          <p className="text-sm">Its promise of the next canary could not be read; see its statements below.</p>
        )}
        {canary.arrival && canary.previous && (
          <p className="mt-2 text-sm">
            Against the window <Link className={textLink} href={canaryPath(canary.previous.number)}>{canaryId(canary.previous.number)}</Link> promised, this one came:{" "}
            <CanaryStatusBadge status={canary.arrival.status} days={canary.arrival.days} arrived />
          </p>
        )}
      </Card>

      {flags.length > 0 && (
        <Card title="Flagged" id="flags">
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="canary-flags">
            {flags.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
          {signedEarlier.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm" data-testid="canary-signed-earlier">
              {signedEarlier.map((s) => (
                <li key={s.file}>
                  The text {s.file} signs:{" "}
                  <a className={`font-mono ${textLink}`} href={site.secpackFileUrl(s.signedCommit, canary.sourcePath)}>
                    {canary.sourcePath} at {s.signedCommit.slice(0, 12)}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {canary.explainedBy && (
            <p className="mt-2 text-sm">
              The letters that came with <Link className={textLink} href={`${canaryPath(canary.explainedBy.number)}#letters`}>{canaryId(canary.explainedBy.number)}</Link> explain it:{" "}
              {canary.explainedBy.attachments.map((a) => a.fileName).join(", ")}.
            </p>
          )}
        </Card>
      )}

      <Card title="Statements" id="statements">
        {canary.preamble && <p className="text-sm">{canary.preamble}</p>}
        <ol className="mt-2 space-y-2 text-sm">
          {canary.statements.map((s) => (
            <li key={s.number} value={s.number} className="ml-5 list-decimal">
              {s.text}
            </li>
          ))}
        </ol>
        <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-zinc-600 dark:text-zinc-400">Bulletins stated</dt>
          <dd>
            {canary.statedBulletins ?? "unreadable"}
            {canary.countedBulletins !== null && (
              <>
                {" "}
                ({canary.countedBulletins === canary.statedBulletins ? "the same as" : "against"} the {canary.countedBulletins} this tracker has dated on or before {canary.date}
                )
              </>
            )}
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Master key fingerprint stated</dt>
          <dd className="font-mono text-xs">
            {canary.statedMasterFingerprint ? formatFingerprint(canary.statedMasterFingerprint) : "unreadable"}{" "}
            <span className="font-sans text-sm">{canary.statedMasterFingerprint === master ? "(the pinned one)" : "(NOT the pinned one)"}</span>
          </dd>
          <dt className="text-zinc-600 dark:text-zinc-400">Website&apos;s canary list</dt>
          <dd>{canary.inIndex ? `listed, dated ${canary.indexDate ?? "without a date"}` : "not listed (or the list was not read)"}</dd>
        </dl>
      </Card>

      <Card title="Special announcements" id="announcements">
        {canary.specialAnnouncements ? (
          <p className="whitespace-pre-wrap text-sm">{canary.specialAnnouncements}</p>
        ) : (
          <p className="text-sm">None.</p>
        )}
      </Card>

      {canary.previous && (
        <Card title={`Changes since ${canaryId(canary.previous.number)}`} id="diff">
          <ul className="mb-3 list-disc space-y-1 pl-5 text-sm">
            {canary.changes.signersAdded.map((s) => <li key={`+${s}`}>{s} signs for the first time.</li>)}
            {canary.changes.signersRemoved.map((s) => <li key={`-${s}`}>{s} no longer signs.</li>)}
            {canary.changes.statementsChanged.length > 0 ? (
              <li>
                The wording of {canary.changes.statementsChanged.map(statementName).join(", ")} changed
                {canary.specialAnnouncements ? ", with a special announcement (read it above for the explanation)." : ", and there is no special announcement."}
              </li>
            ) : (
              <li>The statements say the same, apart from the dates and counts that change every time.</li>
            )}
          </ul>
          {diff.length > 0 ? (
            <TextDiff lines={diff} label={`The statements of ${canaryId(canary.previous.number)} against ${canary.id}`} />
          ) : (
            <p className="text-sm">The statements are word for word the same.</p>
          )}
        </Card>
      )}

      <SignaturePanel status={canary.signatureStatus} signatures={canary.signatures} sourcePath={canary.sourcePath} masterFingerprint={master} what="canary" />

      {canary.attachments.length > 0 && (
        <section aria-labelledby="letters-title" id="letters" className="space-y-3">
          <h2 id="letters-title" className="text-base font-semibold">
            Letters that come with this canary
          </h2>
          {canary.attachments.map((a) => (
            <div key={a.fileName} className="space-y-2">
              <details className="rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
                <summary className="cursor-pointer font-medium">{a.fileName}</summary>
                <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-words font-mono text-[13px]">{a.rawText}</pre>
              </details>
              <SignaturePanel
                status={a.signatureStatus}
                signatures={a.signatures}
                sourcePath={a.sourcePath}
                masterFingerprint={master}
                what="letter"
                title={`Signatures of ${a.fileName}`}
                id={`signatures-${a.name}`}
              />
            </div>
          ))}
        </section>
      )}

      <FreshnessProof freshness={canary.freshness} date={canary.date} />

      <CanaryHistory canaries={all} current={canary.number} />

      {parseProblems.length > 0 && (
        <Card title="Import warnings" id="warnings">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {parseProblems.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        </Card>
      )}

      <section aria-labelledby="text-title">
        <h2 id="text-title" className="mb-2 text-base font-semibold">
          Full text
        </h2>
        <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-zinc-200 bg-white p-4 font-mono text-[13px] leading-relaxed dark:border-zinc-800 dark:bg-zinc-900">
          {canary.rawText}
        </pre>
        <p className="mt-2 break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">sha256 {canary.sha256}</p>
      </section>
    </article>
  );
}
