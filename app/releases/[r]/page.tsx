import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PatchCheckForm } from "@/components/release/patch-check-form";
import { SignatureBadge } from "@/components/signature/signature-badge";
import { Card } from "@/components/ui/card";
import { FEED_ALTERNATE_TYPES, FEED_MIME_TYPES, releaseFeedPaths } from "@/lib/feeds/urls";
import { bulletinId, bulletinPath, releasePath } from "@/lib/ids";
import { versionsText } from "@/lib/queries/fixes";
import { getRelease, RELEASE_PAGE_SIZE } from "@/lib/queries/releases";
import { hrefWith, intParam, type SearchParams } from "@/lib/search-params";
import { Pagination } from "@/components/ui/pagination";
import { MAX_INPUT_CHARS } from "@/lib/rpm/installed";
import { whereLabel } from "@/lib/vocabulary/where";
import { normalizeRelease } from "@/lib/vocabulary/release";
import { checkPackageList } from "./actions";
import { textLink } from "@/components/ui/text-link";
import { count, NOUNS } from "@/lib/text/plural";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ r: string }>; searchParams: Promise<SearchParams> };

/** "Asked for by" names this many bulletins, newest first; the rest are a link to the release's bulletin list. */
const ASKED_BY_SHOWN = 6;

async function load(r: string, page?: number) {
  const name = normalizeRelease(decodeURIComponentSafe(r));
  return name ? getRelease(name, page) : null;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const release = await load((await params).r);
  if (!release) return { title: "Release not found" };
  const feeds = releaseFeedPaths(release.name);
  const title = `${release.label} bulletins`;
  return {
    title: release.label,
    alternates: {
      types: {
        [FEED_MIME_TYPES.rss]: [{ url: feeds.rss, title: `${title} (RSS)` }, ...(FEED_ALTERNATE_TYPES[FEED_MIME_TYPES.rss] ?? [])],
        [FEED_MIME_TYPES.atom]: [{ url: feeds.atom, title: `${title} (Atom)` }, ...(FEED_ALTERNATE_TYPES[FEED_MIME_TYPES.atom] ?? [])],
        [FEED_MIME_TYPES.json]: [{ url: feeds.json, title: `${title} (JSON Feed)` }, ...(FEED_ALTERNATE_TYPES[FEED_MIME_TYPES.json] ?? [])],
      },
    },
  };
}

export default async function ReleasePage({ params, searchParams }: Props) {
  const release = await load((await params).r, intParam(await searchParams, "page"));
  if (!release) notFound();
  const listHref = hrefWith("/qsb", { release: release.name });
  const s = release.support;
  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{release.label}</h1>
        <p
          id="support"
          className={
            s.status === "supported" && !s.stale
              ? "text-sm text-zinc-700 dark:text-zinc-300"
              : "rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
          }
        >
          {s.sentence}
          {s.moveTo && (
            <>
              {" "}
              <Link className={textLink} href={releasePath(s.moveTo)}>
                See R{s.moveTo}
              </Link>
              .
            </>
          )}
          {release.dom0Fedora !== null && ` Its dom0 is Fedora ${release.dom0Fedora}.`}
        </p>
        <p className="text-zinc-600 dark:text-zinc-400">
          {count(release.bulletinCount, NOUNS.bulletin)} {release.bulletinCount === 1 ? "names" : "name"} package versions for this release (
          <Link className={textLink} href={listHref}>
            list them
          </Link>
          ). Subscribe to them: <a className={textLink} href={releaseFeedPaths(release.name).rss}>RSS</a>,{" "}
          <a className={textLink} href={releaseFeedPaths(release.name).atom}>Atom</a>,{" "}
          <a className={textLink} href={releaseFeedPaths(release.name).json}>JSON Feed</a>.
        </p>
      </header>

      <Card title="Am I patched?" id="check">
        <PatchCheckForm release={release.name} maxChars={MAX_INPUT_CHARS} action={checkPackageList.bind(null, release.name)} />
      </Card>

      <Card title="Minimum package versions" id="minimum">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Every bulletin&apos;s rule together: a system with one of these versions of each package (on its branch) has every fix listed below. Where a bulletin lists
          several branches, any one of them will do.
        </p>
        <div className="overflow-x-auto">
          <table className="stack-table w-full text-left text-sm">
            <caption className="sr-only">Minimum package versions for {release.label}</caption>
            <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-2 pr-4">Package</th>
                <th scope="col" className="py-2 pr-4">Where</th>
                <th scope="col" className="py-2 pr-4">At least (per branch)</th>
                <th scope="col" className="py-2">Asked for by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {release.minimumVersions.map((m) => (
                <tr key={`${m.family}-${m.package}-${m.where}-${m.distribution ?? ""}`} className="align-top">
                  <td className="stack-inline py-2 pr-4">
                    <span className="font-mono">{m.package}</span>
                    {m.packageLabel !== m.package && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{m.packageLabel}</span>}
                  </td>
                  <td className="stack-inline py-2 pr-4">{whereLabel(m.where, m.distribution)}</td>
                  <td data-label="At least" className="py-2 pr-4 font-mono">
                    {m.branches.map((b) => (
                      <span key={b.branch} className="block">
                        {b.version}
                        {m.branches.length > 1 && <span className="font-sans text-xs text-zinc-600 dark:text-zinc-400"> on {b.branch}</span>}
                      </span>
                    ))}
                    {m.branches.length === 0 && <span className="font-sans">a branch newer than {m.newerThan}</span>}
                    {m.branches.length > 1 && <span className="block font-sans text-xs text-zinc-600 dark:text-zinc-400">or any branch newer than {m.newerThan}</span>}
                  </td>
                  <td data-label="Asked for by" className="py-2">
                    <AskedBy numbers={[...new Set(m.branches.flatMap((b) => b.bulletins))].sort((a, b) => b - a)} listHref={listHref} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card title="Bulletins" id="bulletins">
        {release.pages > 1 && (
          <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
            Newest first, {RELEASE_PAGE_SIZE} a page; page {release.page} of {release.pages}.
          </p>
        )}
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {release.bulletins.map((b) => (
            <li key={b.number} className="py-2">
              <div className="flex flex-wrap items-baseline gap-2">
                <Link className={`${textLink} font-mono font-semibold`} href={bulletinPath(b.number)}>{b.id}</Link>
                <span>{b.title}</span>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">{b.date}</span>
                <SignatureBadge status={b.signatureStatus} />
              </div>
              <ul className="mt-1 space-y-0.5 text-sm">
                {b.fixes.map((f, i) => (
                  <li key={i}>
                    <span className="font-mono">{f.package}</span> {f.versions.length > 1 ? "branches " : ""}
                    <span className="font-mono">{versionsText(f.versions)}</span>{" "}
                    <span className="text-zinc-600 dark:text-zinc-400">({whereLabel(f.where, f.distribution)}{f.releaseStage ? `, ${f.releaseStage}` : ""})</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <Pagination page={release.page} pages={release.pages} href={(page) => `${hrefWith(releasePath(release.name), { page })}#bulletins`} />
      </Card>
    </div>
  );
}

function AskedBy({ numbers, listHref }: { numbers: number[]; listHref: string }) {
  const more = numbers.length - ASKED_BY_SHOWN;
  return (
    <>
      {numbers.slice(0, ASKED_BY_SHOWN).map((n, i) => (
        <span key={n}>
          {i > 0 && ", "}
          <Link className={textLink} href={bulletinPath(n)}>{bulletinId(n)}</Link>
        </span>
      ))}
      {more > 0 && (
        <>
          {" "}
          <Link className={textLink} href={listHref}>and {count(more, NOUNS.bulletin)} more</Link>
        </>
      )}
    </>
  );
}
