import Link from "next/link";
import { Card } from "@/components/ui/card";
import { canaryId, canaryPath } from "@/lib/ids";
import type { CanarySummary } from "@/lib/queries/canaries";
import { CanaryStatusBadge } from "./canary-status-badge";
import { textLink } from "@/components/ui/text-link";


/** Who signed which canaries (runs of consecutive numbers), and the canaries around this one. */
export function signerRuns(canaries: CanarySummary[]): { signer: string; runs: [number, number][] }[] {
  const ordered = [...canaries].sort((a, b) => a.number - b.number);
  const signers = [...new Set(ordered.flatMap((c) => c.signers))];
  return signers.map((signer) => {
    const runs: [number, number][] = [];
    for (const c of ordered) {
      if (!c.signers.includes(signer)) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === c.number - 1) last[1] = c.number;
      else runs.push([c.number, c.number]);
    }
    return { signer, runs };
  });
}

export function CanaryHistory({ canaries, current }: { canaries: CanarySummary[]; current: number }) {
  const around = [...canaries].sort((a, b) => a.number - b.number).filter((c) => Math.abs(c.number - current) <= 2);
  return (
    <Card title="History" id="history">
      <h3 className="text-sm font-semibold">Signers over the canaries</h3>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm" data-testid="signer-history">
        {signerRuns(canaries).map(({ signer, runs }) => (
          <li key={signer}>
            <span className="font-medium">{signer}</span>: {runs.map(([a, b]) => (a === b ? canaryId(a) : `${canaryId(a)} to ${canaryId(b)}`)).join(", ")}
          </li>
        ))}
      </ul>
      <h3 className="mt-3 text-sm font-semibold">Around this canary</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {around.map((c) => (
          <li key={c.number} className="flex flex-wrap items-center gap-2">
            {c.number === current ? (
              <span className="font-mono font-semibold" aria-current="page">{c.id}</span>
            ) : (
              <Link className={`${textLink} font-mono`} href={canaryPath(c.number)}>{c.id}</Link>
            )}
            <time dateTime={c.date ?? undefined}>{c.date ?? "date unreadable"}</time>
            {c.arrival && <CanaryStatusBadge status={c.arrival.status} days={c.arrival.days} arrived />}
            <span className="text-zinc-600 dark:text-zinc-400">{c.signers.join(", ")}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
