import { BulletinList } from "@/components/bulletin/bulletin-list";
import { listBulletins } from "@/lib/queries/bulletins";
import { getSyncStatus } from "@/lib/queries/sync-runs";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [bulletins, status] = await Promise.all([listBulletins({ limit: 20 }), getSyncStatus()]);
  return (
    <div className="space-y-6">
      <section aria-labelledby="intro">
        <h1 id="intro" className="text-2xl font-semibold tracking-tight">
          Qubes Security Bulletins
        </h1>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          Every bulletin, the Xen advisories it covers, the package versions that fix it, and whether its signatures verify.
        </p>
      </section>
      {status.lastFailure && (
        <div role="alert" className="rounded-lg border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-semibold">The last sync failed ({status.lastFailure.finishedAt.slice(0, 16).replace("T", " ")} UTC)</p>
          <p className="mt-1 font-mono text-xs break-words">{status.lastFailure.error}</p>
          <p className="mt-2">
            Sync from a local copy: <code className="font-mono">npm run sync -- --secpack &lt;qubes-secpack folder&gt; --xsa-tracker &lt;sec-xsa.yml&gt; --qsb-index &lt;sec-qsb.yml&gt; --xen-index none</code>
          </p>
        </div>
      )}
      <section aria-labelledby="latest">
        <h2 id="latest" className="mb-3 text-lg font-semibold">
          Latest bulletins
        </h2>
        {bulletins.length > 0 ? (
          <BulletinList bulletins={bulletins} />
        ) : (
          <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            No bulletins yet. Run <code className="font-mono">npm run sync</code> (see the README) to import them.
          </p>
        )}
      </section>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {status.lastOk
          ? `Last synced ${status.lastOk.finishedAt.slice(0, 16).replace("T", " ")} UTC${status.lastOk.secpackCommit ? `, qubes-secpack commit ${status.lastOk.secpackCommit.slice(0, 12)}` : ""}.`
          : "Never synced."}
      </p>
    </div>
  );
}
