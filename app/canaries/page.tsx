import type { Metadata } from "next";
import Link from "next/link";
import { CanaryStatusBadge } from "@/components/canary/canary-status-badge";
import { CanaryWatchCard } from "@/components/canary/canary-watch";
import { SignatureBadge } from "@/components/signature/signature-badge";
import { canaryFeedPaths, FEED_MIME_TYPES } from "@/lib/feeds/urls";
import { canaryPath } from "@/lib/ids";
import { getCanaryWatch, listCanaries } from "@/lib/queries/canaries";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Warrant canaries",
  alternates: {
    canonical: "/canaries",
    types: {
      [FEED_MIME_TYPES.rss]: [{ url: canaryFeedPaths().rss, title: "Qubes canaries (RSS)" }],
      [FEED_MIME_TYPES.atom]: [{ url: canaryFeedPaths().atom, title: "Qubes canaries (Atom)" }],
      [FEED_MIME_TYPES.json]: [{ url: canaryFeedPaths().json, title: "Qubes canaries (JSON Feed)" }],
    },
  },
};


export default async function CanariesPage() {
  const [canaries, watch] = await Promise.all([listCanaries(), getCanaryWatch()]);
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Warrant canaries</h1>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          Every few months the Qubes security team signs a statement that no warrant has been served on the project, and promises the next
          one. The Qubes page asks readers to take note &ldquo;if the canaries should suddenly cease, if one or more signers begin declining to
          sign them, or if the included statements change significantly without plausible explanation&rdquo;. This page watches for each of
          those. <a className={textLink} href={canaryFeedPaths().atom}>Subscribe (Atom)</a>
        </p>
      </header>

      <CanaryWatchCard watch={watch} showLink={false} />

      {canaries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No canary has been imported. The canaries are read from the qubes-secpack git repository (its canaries/ folder); a plain folder
          of QSBs/ and keys/ has none.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800" tabIndex={0} role="region" aria-label="Every canary">
          <table className="stack-table w-full text-left text-sm">
            <caption className="sr-only">Every Qubes warrant canary, newest first</caption>
            <thead className="bg-zinc-50 text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
              <tr>
                <th scope="col" className="px-3 py-2">Canary</th>
                <th scope="col" className="px-3 py-2">Issued</th>
                <th scope="col" className="px-3 py-2">Signatures</th>
                <th scope="col" className="px-3 py-2">Signers</th>
                <th scope="col" className="px-3 py-2">Came on time</th>
                <th scope="col" className="px-3 py-2">Against the previous one</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {canaries.map((c) => {
                const flags = c.warnings.filter((w) => w.kind === "audit").length;
                return (
                  <tr key={c.number} data-testid="canary-row">
                    <td className="stack-inline whitespace-nowrap px-3 py-2 font-mono">
                      <Link className={textLink} href={canaryPath(c.number)}>{c.id}</Link>
                    </td>
                    <td className="stack-inline whitespace-nowrap px-3 py-2 tabular-nums">{c.date ?? "unreadable"}</td>
                    <td data-label="Signatures" className="px-3 py-2"><SignatureBadge status={c.signatureStatus} /></td>
                    <td data-label="Signers" className="px-3 py-2">{c.signers.join(", ") || "none"}</td>
                    <td data-label="Came on time" className="px-3 py-2">
                      {c.arrival ? <CanaryStatusBadge status={c.arrival.status} days={c.arrival.days} arrived /> : <span className="text-zinc-600 dark:text-zinc-400">first</span>}
                    </td>
                    <td data-label="Against the previous one" className="px-3 py-2">
                      {[
                        ...c.changes.signersAdded.map((s) => `${s} starts signing`),
                        ...c.changes.signersRemoved.map((s) => `${s} stops signing`),
                        ...(c.changes.statementsChanged.length ? [`wording of ${c.changes.statementsChanged.map((n) => (n === 0 ? "the introduction" : `statement ${n}`)).join(", ")} changed`] : []),
                      ].join("; ") || "no change"}
                      {flags > 0 && <span className="ml-2 font-medium text-amber-800 dark:text-amber-300">({flags} flagged)</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
