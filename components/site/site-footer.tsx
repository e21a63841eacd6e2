import { Fragment, type ReactNode } from "react";
import { getEnv } from "@/lib/env";
import { getFooterData } from "@/lib/queries/footer";
import { describeProvenance } from "@/lib/queries/source";
import { formatAge, refreshDay } from "@/lib/queries/sync-runs";
import { site } from "@/lib/site";
import { RefreshTime } from "./refresh-time";
import { DATA_SOURCE_LABELS, DATA_SOURCE_MISSING, DATA_SOURCES, splitSources, type DataSourceId, type ImportedSources } from "@/lib/vocabulary/data-source";

/** A source's name as the footer shows it: linked where it has a home page. */
function sourceName(id: DataSourceId): ReactNode {
  if (id === "secpack") {
    return (
      <>
        the{" "}
        <a className="underline" href={site.secpackRepository}>
          Qubes Security Pack
        </a>
      </>
    );
  }
  if (id === "news") {
    return (
      <>
        the{" "}
        <a className="underline" href={site.newsUrl}>
          Qubes news
        </a>{" "}
        (why an XSA does not affect Qubes)
      </>
    );
  }
  return DATA_SOURCE_LABELS[id];
}

/** "a, b and c" with React nodes. */
function joined(items: ReactNode[]): ReactNode {
  return items.map((item, i) => (
    <Fragment key={i}>
      {i > 0 && (i === items.length - 1 ? " and " : ", ")}
      {item}
    </Fragment>
  ));
}

const NOTHING_IMPORTED: ImportedSources = Object.fromEntries(DATA_SOURCES.map((s) => [s, false])) as ImportedSources;

export async function SiteFooter() {
  const interval = getEnv().SYNC_INTERVAL;
  // One read for the three lines (kept until the next sync run); a database that cannot answer leaves the lines out.
  const data = await getFooterData(interval).catch(() => null);
  const provenance = data?.provenance ?? null;
  const freshness = data?.freshness ?? null;
  const sources = data?.sources ?? NOTHING_IMPORTED;
  const { imported, missing } = splitSources(sources);
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
        <p data-testid="sources-line">
          {imported.length > 0 ? <>Data from {joined(imported.map(sourceName))}.</> : "No data has been imported yet."}{" "}
          {imported.includes("secpack") && "Signatures are verified against the Qubes Master Signing Key."}
        </p>
        {imported.length > 0 && missing.length > 0 && (
          <p data-testid="sources-missing">
            Not imported: {joined(missing.map((id) => `${DATA_SOURCE_LABELS[id]} (so ${DATA_SOURCE_MISSING[id]})`))}.
          </p>
        )}
      </div>
    </footer>
  );
}
