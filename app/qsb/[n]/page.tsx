import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BulletinSummary } from "@/components/bulletin/bulletin-summary";
import { BulletinText } from "@/components/bulletin/bulletin-text";
import { FixTable } from "@/components/bulletin/fix-table";
import { RevisionHistory } from "@/components/bulletin/revision-history";
import { UpdatedDate } from "@/components/bulletin/updated-date";
import { RelationChains } from "@/components/bulletin/relation-chain";
import { SignatureBadge } from "@/components/signature/signature-badge";
import { AnnouncementLinks } from "@/components/site/announcement-links";
import { LinkedIdGroups } from "@/components/site/linked-id-groups";
import { SignaturePanel } from "@/components/signature/signature-panel";
import { Card } from "@/components/ui/card";
import { getEnv } from "@/lib/env";
import { FEED_ALTERNATE_TYPES } from "@/lib/feeds/urls";
import { bulletinId, parseBulletinNumber } from "@/lib/ids";
import { listBulletinAnnouncements } from "@/lib/queries/announcements";
import { getBulletin, getRelationChains } from "@/lib/queries/bulletins";
import { getBulletinHistory, getRevisionDiff } from "@/lib/queries/history";
import { listReleaseSupport } from "@/lib/queries/releases";
import { param, type SearchParams } from "@/lib/search-params";
import { site } from "@/lib/site";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ n: string }>; searchParams: Promise<SearchParams> };

const ACTION_WORDS: Record<string, string> = {
  "restart-dom0": "Restart the system (dom0) after updating",
  "reseal-aem": "Reseal your Anti Evil Maid secret",
  "restart-vms": "Restart the affected qubes",
  "update-templates": "Update your templates",
};

async function load(n: string) {
  const number = parseBulletinNumber(n);
  return number === null ? null : getBulletin(number);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const bulletin = await load((await params).n);
  if (!bulletin) return { title: "Bulletin not found" };
  return {
    title: `${bulletin.id}: ${bulletin.title ?? "Qubes Security Bulletin"}`,
    alternates: { types: FEED_ALTERNATE_TYPES, canonical: `/qsb/${bulletin.number}` },
  };
}

export default async function BulletinPage({ params, searchParams }: Props) {
  const bulletin = await load((await params).n);
  if (!bulletin) notFound();
  const query = await searchParams;
  const [from, to] = [param(query, "from"), param(query, "to")];
  const [chains, releases, history] = await Promise.all([
    getRelationChains(bulletin.number),
    listReleaseSupport(),
    getBulletinHistory(bulletin.number, bulletin.date, bulletin.changelog.map((c) => c.date)),
  ]);
  const diff = from !== undefined || to !== undefined ? await getRevisionDiff(bulletin.number, history, from ?? "", to ?? "") : null;
  const support = Object.fromEntries(releases.map((r) => [r.name, r.support]));
  const covers = bulletin.advisories.filter((a) => a.relation === "covers");
  const mentions = bulletin.advisories.filter((a) => a.relation !== "covers");
  return (
    <article className="space-y-5">
      <header>
        <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">{bulletin.id}</p>
        <h1 className="text-2xl font-semibold tracking-tight">{bulletin.title ?? "Untitled bulletin"}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
          <time dateTime={bulletin.date ?? undefined}>{bulletin.date ?? "date unknown"}</time>
          <UpdatedDate updated={history.updated} detail />
          <SignatureBadge status={bulletin.signatureStatus} />
          <a className={textLink} href={site.secpackFileUrl(bulletin.secpackCommit, bulletin.sourcePath)}>
            {bulletin.sourcePath} in qubes-secpack
          </a>
          <AnnouncementLinks announcements={await listBulletinAnnouncements(bulletin.number)} what="bulletin" />
        </div>
      </header>

      <BulletinSummary bulletin={bulletin} />

      <div className="grid gap-5 md:grid-cols-2">
        <Card title="Xen advisories" id="advisories">
          {bulletin.advisories.length === 0 ? (
            <p className="text-sm">This bulletin names no Xen Security Advisory.</p>
          ) : (
            <LinkedIdGroups
              groups={[
                { label: "Covers", items: covers.map((a) => ({ href: `/xsa/${a.xsa}`, id: `XSA-${a.xsa}`, title: a.title, note: a.source === "tracker" ? "per the tracker only" : undefined })) },
                { label: "Mentions for context", items: mentions.map((a) => ({ href: `/xsa/${a.xsa}`, id: `XSA-${a.xsa}`, title: a.title })) },
              ]}
            />
          )}
        </Card>
        <Card title="Related bulletins" id="bulletins">
          {bulletin.bulletins.length === 0 && bulletin.referencedBy.length === 0 ? (
            <p className="text-sm">No other bulletin is named here or names this one.</p>
          ) : (
            <LinkedIdGroups
              groups={[
                { label: "Refers to", items: bulletin.bulletins.map((b) => ({ href: `/qsb/${b.qsb}`, id: bulletinId(b.qsb), title: b.title })) },
                { label: "Referred to by", items: bulletin.referencedBy.map((b) => ({ href: `/qsb/${b.qsb}`, id: bulletinId(b.qsb), title: b.title })) },
              ]}
            />
          )}
        </Card>
      </div>

      {chains.length > 0 && (
        <Card title="Relation chain" id="chain">
          <RelationChains chains={chains} />
        </Card>
      )}

      <Card title="Fixes" id="fixes">
        {bulletin.fixes.length > 0 ? (
          <FixTable fixes={bulletin.fixes} support={support} caption={`Package versions that fix ${bulletin.id}`} />
        ) : (
          <p className="text-sm">The text states no package versions; read it below.</p>
        )}
        {bulletin.actions.length > 0 && (
          <div className="mt-4">
            <h3 className="text-sm font-semibold">After updating</h3>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
              {bulletin.actions.map((a) => (
                <li key={a.action}>
                  <span className="font-medium">{ACTION_WORDS[a.action] ?? a.action}.</span>{" "}
                  <span className="text-zinc-600 dark:text-zinc-400">“{a.detail}”</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <SignaturePanel
        status={bulletin.signatureStatus}
        signatures={bulletin.signatures}
        sourcePath={bulletin.sourcePath}
        masterFingerprint={getEnv().QUBES_MASTER_FINGERPRINT}
      />

      <RevisionHistory
        bulletin={bulletin.number}
        history={history}
        diff={diff}
        from={from}
        to={to}
        signatures={bulletin.signatures
          .filter((s) => s.status === "bad" && s.revisionsChecked !== null)
          .map((s) => ({ file: s.file, signer: s.signerUserId ?? s.signer, signedCommit: s.signedCommit, revisionsChecked: s.revisionsChecked ?? 0 }))}
      />

      {bulletin.changelog.length > 0 && (
        <Card title="Changelog" id="changelog">
          <ul className="space-y-1 text-sm">
            {bulletin.changelog.map((c, i) => (
              <li key={i}>
                {c.date && <time className="mr-2 font-mono tabular-nums">{c.date}</time>}
                {c.text}
              </li>
            ))}
          </ul>
        </Card>
      )}

      {bulletin.references.length > 0 && (
        <Card title="References" id="references">
          <ol className="space-y-1 text-sm">
            {bulletin.references.map((r) => (
              <li key={r.label} id={`ref-${r.label}`} className="break-all">
                [{r.label}]{" "}
                <a className={textLink} href={r.url} rel="noreferrer noopener">
                  {r.url}
                </a>
              </li>
            ))}
          </ol>
        </Card>
      )}

      {bulletin.warnings.length > 0 && (
        <Card title="Import warnings" id="warnings">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {bulletin.warnings.map((w, i) => (
              <li key={i}>
                <span className="font-medium">{w.kind}:</span> {w.message}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <section aria-labelledby="text-title">
        <h2 id="text-title" className="mb-2 text-base font-semibold">
          Full text
        </h2>
        <BulletinText text={bulletin.rawText} references={bulletin.references} />
        <p className="mt-2 break-all font-mono text-xs text-zinc-600 dark:text-zinc-400">sha256 {bulletin.sha256}</p>
      </section>
    </article>
  );
}
