import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { siteUrl } from "@/lib/env";
import { osvId } from "@/lib/feeds/osv";
import {
  FEED_FORMATS,
  FEED_FORMAT_NAMES,
  OSV_ALL_PATH,
  absolute,
  advisoryFeedPaths,
  bulletinFeedPaths,
  canaryFeedPaths,
  osvPath,
  releaseFeedPaths,
  type FeedPaths,
} from "@/lib/feeds/urls";
import { listFeedReleases } from "@/lib/queries/feeds";
import { listBulletins } from "@/lib/queries/bulletins";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subscribe" };

const linkClass = `break-all font-mono text-sm ${textLink}`;

function FeedAddresses({ urls, label }: { urls: FeedPaths; label: string }) {
  return (
    <ul className="space-y-1" aria-label={label}>
      {FEED_FORMATS.map((format) => (
        <li key={format} className="flex flex-wrap items-baseline gap-x-3">
          <span className="w-28 shrink-0 text-sm text-zinc-600 dark:text-zinc-400">{FEED_FORMAT_NAMES[format]}</span>
          <a className={linkClass} href={urls[format]}>
            {urls[format]}
          </a>
        </li>
      ))}
    </ul>
  );
}

export default async function SubscribePage() {
  const base = siteUrl();
  const [releases, [newest]] = await Promise.all([listFeedReleases(), listBulletins({ limit: 1 })]);
  const example = newest ? osvId(newest.number) : "QSB-054";
  return (
    <div className="space-y-5">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Subscribe</h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          Follow new and revised bulletins in a feed reader, or feed them to your own tools. Every address below is a feed: paste it
          into your reader. A revised bulletin (a new changelog entry) shows as an update of its entry, not as a new one.
        </p>
      </header>

      <Card title="All bulletins" id="bulletins">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Every Qubes Security Bulletin, newest first, with the Xen advisories it covers, the fixed package versions per release and its
          signature status.
        </p>
        <FeedAddresses urls={absolute(base, bulletinFeedPaths())} label="Feeds of all bulletins" />
      </Card>

      <Card title="Bulletins per release" id="releases">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Only the bulletins that name fixed package versions for one Qubes release, with those versions.
        </p>
        {releases.length === 0 ? (
          <p className="text-sm">No release has been imported yet.</p>
        ) : (
          <div className="space-y-4">
            {releases.map((release) => (
              <section key={release} aria-labelledby={`release-${release}`}>
                <h3 id={`release-${release}`} className="mb-1 font-medium">
                  Qubes {release}
                </h3>
                <FeedAddresses urls={absolute(base, releaseFeedPaths(release))} label={`Feeds for Qubes ${release}`} />
              </section>
            ))}
          </div>
        )}
      </Card>

      <Card title="Xen advisories affecting Qubes" id="xsa">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          The XSAs the Qubes XSA tracker marks as affecting Qubes OS, newest first, with the bulletins covering them.
        </p>
        <FeedAddresses urls={absolute(base, advisoryFeedPaths())} label="Feeds of XSAs affecting Qubes" />
      </Card>

      <Card title="Warrant canaries" id="canaries">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Every Qubes warrant canary, newest first, with its signature status, signers and changes against the one before; and an entry when the next canary is
          overdue.
        </p>
        <FeedAddresses urls={absolute(base, canaryFeedPaths())} label="Feeds of the warrant canaries" />
      </Card>

      <Card title="OSV export" id="osv">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          The bulletins in the{" "}
          <a className={textLink} href="https://ossf.github.io/osv-schema/">
            OSV format
          </a>{" "}
          for vulnerability tooling: one record per bulletin (ID <code className="font-mono">QSB-NNN</code>, ecosystem{" "}
          <code className="font-mono">Qubes OS:&lt;release&gt;</code>), covered XSAs and CVEs as <code className="font-mono">upstream</code>.
        </p>
        <ul className="space-y-1">
          <li className="flex flex-wrap items-baseline gap-x-3">
            <span className="w-28 shrink-0 text-sm text-zinc-600 dark:text-zinc-400">All records</span>
            <a className={linkClass} href={`${base}${OSV_ALL_PATH}`}>
              {`${base}${OSV_ALL_PATH}`}
            </a>
          </li>
          <li className="flex flex-wrap items-baseline gap-x-3">
            <span className="w-28 shrink-0 text-sm text-zinc-600 dark:text-zinc-400">One bulletin</span>
            <span className="font-mono text-sm break-all">
              {`${base}/api/osv/QSB-NNN.json`}, e.g.{" "}
              <a className={linkClass} href={`${base}${osvPath(example)}`}>
                {`${base}${osvPath(example)}`}
              </a>
            </span>
          </li>
        </ul>
      </Card>

      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Feeds answer conditional requests (ETag, Last-Modified) with 304 Not Modified, so polling costs little. Entry IDs never change, even
        if this site moves to another address.
      </p>
    </div>
  );
}
