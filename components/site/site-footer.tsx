import { getEnv } from "@/lib/env";
import { describeProvenance, getSourceProvenance } from "@/lib/queries/source";
import { formatAge, getFreshness, refreshDay } from "@/lib/queries/sync-runs";
import { site } from "@/lib/site";
import { RefreshTime } from "./refresh-time";

export async function SiteFooter() {
  const interval = getEnv().SYNC_INTERVAL;
  const [provenance, freshness] = await Promise.all([getSourceProvenance(interval).catch(() => null), getFreshness(interval).catch(() => null)]);
  return (
    <footer className="mt-12 border-t border-zinc-200 py-6 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <div className="mx-auto max-w-5xl space-y-2 px-4">
        {freshness && (
          <p data-testid="freshness-line" className="break-words">
            {freshness.lastRefreshedAt
              ? <>Data last refreshed <RefreshTime day={refreshDay(freshness.lastRefreshedAt) ?? ""} />{interval > 0 ? <>; the sync runs every {formatAge(interval)}.</> : <>; the scheduled sync is off.</>}</>
              : <>The data has not been synced yet.</>}
          </p>
        )}
        {freshness?.warning && (
          <p data-testid="stale-warning" role="alert" className="break-words rounded border border-amber-400 bg-amber-50 p-2 text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
            {freshness.warning}
          </p>
        )}
        {provenance && (
          <p data-testid="data-line" className="break-words">
            Data: {describeProvenance(provenance)}{" "}
            {/* A JSON document, not a page: a plain link, never a client-side navigation. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a className="underline" href="/api/source">
              Provenance (JSON)
            </a>
          </p>
        )}
        <p>
          Data from the{" "}
          <a className="underline" href={site.secpackRepository}>
            Qubes Security Pack
          </a>
          , the Qubes website&apos;s XSA tracker and QSB index, Xen&apos;s XSA index, and the{" "}
          <a className="underline" href={site.newsUrl}>
            Qubes news
          </a>{" "}
          (why an XSA does not affect Qubes). Signatures are verified against the Qubes Master Signing Key.
        </p>
      </div>
    </footer>
  );
}
