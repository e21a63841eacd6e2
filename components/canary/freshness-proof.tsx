import { Card } from "@/components/ui/card";
import type { CanaryFreshness } from "@/lib/canary/parse-canary";

/** The canary's proof of freshness: its timestamp, the news headlines it quotes, the Bitcoin block hash. */
export function FreshnessProof({ freshness, date }: { freshness: CanaryFreshness; date: string | null }) {
  return (
    <Card title="Proof of freshness" id="freshness">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Headlines and a block hash that did not exist before the canary&apos;s date show it was not written in advance. They prove a
        &ldquo;not before&rdquo;, never a &ldquo;not after&rdquo;; check a few headlines against the news of {date ?? "that day"}, and the block at{" "}
        a block explorer.
      </p>
      <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-zinc-600 dark:text-zinc-400">Timestamp</dt>
        <dd>{freshness.timestamp ? `${freshness.timestamp.replace("T", " ").replace("Z", "")} UTC` : "none given"}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Bitcoin block hash</dt>
        <dd className="font-mono text-xs break-all">{freshness.blockHash ?? "none given"}</dd>
      </dl>
      {freshness.headlines.length > 0 ? (
        <div className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-2">
          {freshness.headlines.map((g, i) => (
            <section key={i} aria-label={`Headlines from ${g.source}`} className="min-w-0 [overflow-wrap:anywhere]">
              <h3 className="text-sm font-medium">{g.source}</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
                {g.headlines.map((h, j) => (
                  <li key={j}>{h}</li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : (
        <p className="mt-3 text-sm">No headlines could be read from it.</p>
      )}
    </Card>
  );
}
