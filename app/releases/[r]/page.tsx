import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PatchCheckForm } from "@/components/release/patch-check-form";
import { SignatureBadge } from "@/components/signature/signature-badge";
import { Card } from "@/components/ui/card";
import { FEED_ALTERNATE_TYPES, FEED_MIME_TYPES, releaseFeedPaths } from "@/lib/feeds/urls";
import { getRelease } from "@/lib/queries/releases";
import { normalizeRelease } from "@/lib/secpack/releases";
import { checkPackageList } from "./actions";
import { textLink } from "@/components/ui/text-link";
import { count, NOUNS } from "@/lib/text/plural";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ r: string }> };

async function load(r: string) {
  const name = normalizeRelease(decodeURIComponentSafe(r));
  return name ? getRelease(name) : null;
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
  const title = `Qubes ${release.name} bulletins`;
  return {
    title: `Qubes ${release.name}`,
    alternates: {
      types: {
        [FEED_MIME_TYPES.rss]: [{ url: feeds.rss, title: `${title} (RSS)` }, ...(FEED_ALTERNATE_TYPES[FEED_MIME_TYPES.rss] ?? [])],
        [FEED_MIME_TYPES.atom]: [{ url: feeds.atom, title: `${title} (Atom)` }, ...(FEED_ALTERNATE_TYPES[FEED_MIME_TYPES.atom] ?? [])],
        [FEED_MIME_TYPES.json]: [{ url: feeds.json, title: `${title} (JSON Feed)` }, ...(FEED_ALTERNATE_TYPES[FEED_MIME_TYPES.json] ?? [])],
      },
    },
  };
}

export default async function ReleasePage({ params }: Props) {
  const release = await load((await params).r);
  if (!release) notFound();
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Qubes {release.name.startsWith("R") ? release.name : `OS ${release.name}`}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          {count(release.bulletins.length, NOUNS.bulletin)} {release.bulletins.length === 1 ? "names" : "name"} package versions for this release.{" "}
          Subscribe to them: <a className={textLink} href={releaseFeedPaths(release.name).rss}>RSS</a>,{" "}
          <a className={textLink} href={releaseFeedPaths(release.name).atom}>Atom</a>,{" "}
          <a className={textLink} href={releaseFeedPaths(release.name).json}>JSON Feed</a>.
        </p>
      </header>

      <Card title="Minimum package versions" id="minimum">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          The highest version any bulletin asks for: a system with at least these has every fix listed below.
        </p>
        <div className="overflow-x-auto">
          <table className="stack-table w-full text-left text-sm">
            <caption className="sr-only">Minimum package versions for Qubes {release.name}</caption>
            <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-2 pr-4">Package</th>
                <th scope="col" className="py-2 pr-4">Where</th>
                <th scope="col" className="py-2 pr-4">At least</th>
                <th scope="col" className="py-2">Since</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {release.minimumVersions.map((m) => (
                <tr key={`${m.package}-${m.where}`}>
                  <td className="stack-inline py-2 pr-4 font-mono font-semibold">{m.package}</td>
                  <td className="stack-inline py-2 pr-4">{m.where}</td>
                  <td data-label="At least" className="py-2 pr-4 font-mono">{m.version}</td>
                  <td data-label="Since" className="py-2"><Link className={textLink} href={`/qsb/${m.bulletin}`}>{m.bulletinId}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card title="Am I patched?" id="check">
        <PatchCheckForm release={release.name} action={checkPackageList.bind(null, release.name)} />
      </Card>

      <Card title="Bulletins" id="bulletins">
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {release.bulletins.map((b) => (
            <li key={b.number} className="py-2">
              <div className="flex flex-wrap items-baseline gap-2">
                <Link className={`${textLink} font-mono font-semibold`} href={`/qsb/${b.number}`}>{b.id}</Link>
                <span>{b.title}</span>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">{b.date}</span>
                <SignatureBadge status={b.signatureStatus} />
              </div>
              <ul className="mt-1 flex flex-wrap gap-x-4 text-sm">
                {b.fixes.map((f, i) => (
                  <li key={i} className="font-mono">
                    {f.package} {f.version} <span className="font-sans text-zinc-600 dark:text-zinc-400">({f.where})</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
