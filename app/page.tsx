import Link from "next/link";
import { NotAffectedChart } from "@/components/advisory/not-affected-chart";
import { TrackerStats } from "@/components/advisory/tracker-stats";
import { BulletinList } from "@/components/bulletin/bulletin-list";
import { CanaryWatchCard } from "@/components/canary/canary-watch";
import { BarChart } from "@/components/ui/bar-chart";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { getEnv } from "@/lib/env";
import { releaseCheckPath } from "@/lib/ids";
import { listNotAffectedByYear } from "@/lib/queries/announcements";
import { listBulletins } from "@/lib/queries/bulletins";
import { getCanaryWatch } from "@/lib/queries/canaries";
import { listReleaseSupport } from "@/lib/queries/releases";
import { getDashboardStats } from "@/lib/queries/stats";
import { describeProvenance, getSourceProvenance } from "@/lib/queries/source";
import { getSyncStatus, refreshDay } from "@/lib/queries/sync-runs";
import { RefreshTime } from "@/components/site/refresh-time";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";

const formatTime = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export default async function HomePage() {
  const [bulletins, status, stats, notAffected, releases, provenance, canaryWatch] = await Promise.all([
    listBulletins({ limit: 10 }),
    getSyncStatus(),
    getDashboardStats(),
    listNotAffectedByYear(),
    listReleaseSupport(),
    getSourceProvenance(getEnv().SYNC_INTERVAL),
    getCanaryWatch(),
  ]);
  const current = releases.find((r) => r.support.status === "supported") ?? releases[0];
  const signatureCount = Object.values(stats.signatures).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-6">
      <section aria-labelledby="intro">
        <h1 id="intro" className="text-2xl font-semibold tracking-tight">
          Qubes Security Bulletins
        </h1>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          Every bulletin, the Xen advisories it covers, the package versions that fix it on each release, and whether its signatures verify
          against the Qubes Master Signing Key.
        </p>
        {current && (
          <p className="mt-2" id="check-link">
            <Link className={`${textLink} font-medium`} href={releaseCheckPath(current.name)}>
              Am I patched? Check your dom0 package list against Qubes OS R{current.name} →
            </Link>{" "}
            <Link className={`${textLink} text-sm`} href="/releases">
              (other releases)
            </Link>
          </p>
        )}
      </section>

      {status.lastFailure && (
        <div role="alert" className="rounded-lg border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-semibold">The last sync failed ({formatTime(status.lastFailure.finishedAt)})</p>
          <p className="mt-1 break-words font-mono text-xs">{status.lastFailure.error}</p>
          <p className="mt-2">
            Sync from a local copy:{" "}
            <code className="font-mono">npm run sync -- --secpack &lt;qubes-secpack folder&gt; --xsa-tracker &lt;sec-xsa.yml&gt; --qsb-index &lt;sec-qsb.yml&gt; --xen-index none --supported-releases &lt;supported-releases.rst&gt;</code>
          </p>
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="latest">
          <div className="mb-3 flex items-baseline justify-between">
            <h2 id="latest" className="text-lg font-semibold">Latest bulletins</h2>
            <Link className={`${textLink} text-sm`} href="/qsb">All {stats.bulletins} →</Link>
          </div>
          {bulletins.length > 0 ? (
            <BulletinList bulletins={bulletins} />
          ) : (
            <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              No bulletins yet. Run <code className="font-mono">npm run sync</code> (see the README) to import them.
            </p>
          )}
        </section>

        <div className="space-y-6">
          <CanaryWatchCard watch={canaryWatch} />
          <Card title="Signature health" id="signature-health">
            <dl className="grid grid-cols-2 gap-3">
              <Stat label="Bulletins verified" value={`${stats.bulletinSignatureStatus.verified ?? 0} / ${stats.bulletins}`} />
              <Stat label="Valid signatures" value={`${stats.signatures.valid ?? 0} / ${signatureCount}`} />
            </dl>
            <ul className="mt-3 space-y-1 text-sm">
              {(stats.bulletinSignatureStatus.failed ?? 0) > 0 && (
                <li className="font-semibold text-red-700 dark:text-red-400">
                  {stats.bulletinSignatureStatus.failed} bulletins have a BAD signature: <Link className="underline" href="/qsb?signature=failed">see them</Link>
                </li>
              )}
              {(stats.bulletinSignatureStatus.unverified ?? 0) > 0 && (
                <li>{stats.bulletinSignatureStatus.unverified} bulletins have no valid signature: <Link className={textLink} href="/qsb?signature=unverified">see them</Link></li>
              )}
              {(stats.bulletinSignatureStatus.unsigned ?? 0) > 0 && <li>{stats.bulletinSignatureStatus.unsigned} bulletins are unsigned.</li>}
              {stats.weakHashSignatures > 0 && <li>{stats.weakHashSignatures} signatures use SHA-1, a weak hash (gpg still accepts them).</li>}
            </ul>
          </Card>
          <Card title="Bulletins per year" id="per-year">
            <BarChart label="Bulletins per year" data={stats.bulletinsPerYear.map((y) => ({ key: String(y.year), value: y.count }))} />
          </Card>
        </div>
      </div>

      <Card title="Xen Security Advisories" id="tracker" actions={<Link className={`${textLink} text-sm`} href="/xsa">The tracker →</Link>}>
        <TrackerStats stats={stats} />
        <h3 className="mb-2 mt-4 text-sm font-semibold">Why Qubes is not affected, per year</h3>
        <NotAffectedChart {...notAffected} />
      </Card>

      <Card title="Where the sources disagree" id="disagreements">
        {stats.bulletins === 0 ? (
          <p className="text-sm">Nothing has been imported yet.</p>
        ) : stats.disagreementCount === 0 ? (
          <p className="text-sm">The secpack texts, the XSA tracker and the QSB index agree.</p>
        ) : (
          <>
            <p className="text-sm">
              {stats.disagreementCount} disagreements between the bulletins&apos; texts, the Qubes XSA tracker and the QSB index (both facts are kept).
              {stats.disagreementCount > stats.disagreements.length && <> The first {stats.disagreements.length}:</>}
            </p>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
              {stats.disagreements.map((d, i) => (
                <li key={i}>{d.message}</li>
              ))}
            </ul>
            {stats.disagreementCount > stats.disagreements.length && (
              <p className="mt-2 text-sm">
                <Link className={textLink} href="/disagreements">All {stats.disagreementCount} disagreements →</Link>
              </p>
            )}
          </>
        )}
      </Card>

      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {status.lastOk
          ? <>Last synced <RefreshTime day={refreshDay(status.lastOk.finishedAt) ?? ""} />{provenance ? <>. {describeProvenance(provenance)}</> : status.lastOk.secpackCommit ? <>, qubes-secpack commit <code className="font-mono">{status.lastOk.secpackCommit.slice(0, 12)}</code>.</> : <> from {status.lastOk.secpackSource}.</>}</>
          : "Never synced."}
      </p>
      {provenance && provenance.changedSince.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">
            {provenance.changedSince.length} file{provenance.changedSince.length === 1 ? "" : "s"} changed since the last commit a valid signed tag vouches for
          </summary>
          <ul className="mt-2 list-disc pl-5 font-mono">
            {provenance.changedSince.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
