import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnnouncementCard } from "@/components/advisory/announcement-card";
import { ReasonCategoryBadge } from "@/components/advisory/reason-category-badge";
import { VerdictBadge } from "@/components/advisory/verdict-badge";
import { LinkedIdGroups } from "@/components/site/linked-id-groups";
import { Card } from "@/components/ui/card";
import { FEED_ALTERNATE_TYPES } from "@/lib/feeds/urls";
import { advisoryId, advisoryPath, bulletinId, bulletinPath, parseAdvisoryNumber } from "@/lib/ids";
import { AdvisoryFixes } from "@/components/advisory/advisory-fixes";
import { advisoryCaveats, listAdvisoryFixes } from "@/lib/queries/advisory-fixes";
import { getAdvisory, type FactOrigin } from "@/lib/queries/advisories";
import { getImportedSources } from "@/lib/queries/source";
import { DATA_SOURCE_LABELS, listWords } from "@/lib/vocabulary/data-source";
import { getAdvisoryAnnouncement } from "@/lib/queries/announcements";
import { site } from "@/lib/site";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ n: string }> };

const RELATION_WORDS: Record<string, string> = {
  "follows-up": "follows up",
  "followed-up-by": "is followed up by",
};

async function load(n: string) {
  const number = parseAdvisoryNumber(n);
  return number === null ? null : getAdvisory(number);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const advisory = await load((await params).n);
  if (!advisory) return { title: "Advisory not found" };
  return { title: `${advisory.id}${advisory.title ? `: ${advisory.title}` : ""}`, alternates: { types: FEED_ALTERNATE_TYPES, canonical: advisoryPath(advisory.number) } };
}

export default async function AdvisoryPage({ params }: Props) {
  const advisory = await load((await params).n);
  if (!advisory) notFound();
  const [announcement, fixes, sources] = await Promise.all([getAdvisoryAnnouncement(advisory.number), listAdvisoryFixes(advisory.number), getImportedSources()]);
  const covering = advisory.bulletins.filter((b) => b.relation === "covers");
  const caveats = advisoryCaveats(advisory.qubesAffected, fixes, covering.length);
  const factSources = [
    ...(advisory.inTracker ? [DATA_SOURCE_LABELS["xsa-tracker"]] : []),
    ...(advisory.inXenIndex ? [DATA_SOURCE_LABELS["xen-index"]] : []),
    ...(advisory.bulletins.length > 0 ? ["the bulletins that name it"] : []),
    ...(announcement ? [DATA_SOURCE_LABELS.news] : []),
  ];
  const mentioning = advisory.bulletins.filter((b) => b.relation !== "covers");
  return (
    <article className="space-y-5">
      <header>
        <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">Xen Security Advisory</p>
        <h1 className="text-2xl font-semibold tracking-tight">
          {advisory.id}
          {advisory.title && <span className="font-normal">: {advisory.title}</span>}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
          <time dateTime={advisory.date ?? undefined}>{advisory.date ?? "date unknown"}</time>
          <VerdictBadge verdict={advisory.qubesAffected} />
          {announcement?.verdict === "not-affected" && announcement.category && <ReasonCategoryBadge category={announcement.category} feature={announcement.feature} />}
          <a className={textLink} href={site.xenAdvisoryUrl(advisory.number)}>
            {advisory.id} on xenbits
          </a>
        </div>
      </header>

      <Card title="Qubes verdict" id="verdict">
        <p className="text-sm">
          {advisory.qubesAffected === "yes" && "The Qubes XSA tracker says this advisory affects Qubes OS."}
          {advisory.qubesAffected === "no" && "The Qubes XSA tracker says this advisory does not affect Qubes OS."}
          {advisory.qubesAffected === "unused" && "The Xen Project did not use (or withdrew) this number."}
          {advisory.qubesAffected === "unknown" && "The Qubes XSA tracker has no entry for this number."}
          {advisory.trackerQsb && ` The tracker names QSB ${advisory.trackerQsb} as its bulletin.`}
        </p>
        {caveats.length > 0 && (
          <div className="mt-3">
            <h3 className="text-sm font-semibold">What this means</h3>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" data-testid="caveats">
              {caveats.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      {(fixes.length > 0 || advisory.qubesAffected === "yes") && (
        <Card title="Fixed versions" id="fixes">
          {fixes.length === 0 ? (
            <p className="text-sm">{covering.length === 0 ? "No imported bulletin covers it, so no fixed versions are known here." : "Its bulletins list no package versions."}</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
                From the {covering.length === 1 ? "bulletin" : "bulletins"} covering it; a bulletin&apos;s versions fix everything it covers, this advisory among them.
              </p>
              <AdvisoryFixes groups={fixes} />
            </>
          )}
        </Card>
      )}

      <AnnouncementCard announcement={announcement} trackerVerdict={advisory.qubesAffected} />

      <div className="grid gap-5 md:grid-cols-2">
        <Card title="Bulletins" id="bulletins">
          {advisory.bulletins.length === 0 ? (
            <p className="text-sm">No Qubes Security Bulletin names this advisory.</p>
          ) : (
            <LinkedIdGroups
              groups={[
                { label: "Covered by", items: covering.map((b) => ({ href: bulletinPath(b.qsb), id: b.id, title: b.title })) },
                { label: "Mentioned by", items: mentioning.map((b) => ({ href: bulletinPath(b.qsb), id: b.id, title: b.title })) },
              ]}
            />
          )}
        </Card>
        <Card title="Related advisories" id="related">
          {advisory.related.length === 0 ? (
            <p className="text-sm">None found in the bulletins&apos; texts.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {advisory.related.map((r) => (
                <li key={`${r.xsa}-${r.relation}`}>
                  {advisory.id} {RELATION_WORDS[r.relation] ?? r.relation}{" "}
                  <Link className={`${textLink} font-mono`} href={advisoryPath(r.xsa)}>{advisoryId(r.xsa)}</Link>{" "}
                  <span className="text-zinc-600 dark:text-zinc-400">
                    (per <Link className={textLink} href={bulletinPath(r.via)}>{bulletinId(r.via)}</Link>: “{r.evidence}”)
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title="CVEs" id="cves">
        {advisory.cveOrigins.length === 0 ? (
          <p className="text-sm">
            {advisory.inXenIndex
              ? "Xen's index lists no CVE for it, and no bulletin quotes one."
              : sources["xen-index"]
                ? "Not known here: Xen's XSA index, as imported, does not list this advisory, and no bulletin quotes a CVE for it."
                : "Not known here: Xen's XSA index was not imported, and no bulletin quotes a CVE for it."}
          </p>
        ) : (
          <ul className="space-y-1 text-sm">
            {advisory.cveOrigins.map((c) => (
              <li key={c.cve}>
                <Link className={`${textLink} font-mono`} href={`/search?q=${c.cve}`}>{c.cve}</Link>{" "}
                <span className="text-zinc-600 dark:text-zinc-400">(<FactOriginText origin={c} />)</span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      {advisory.warnings.length > 0 && (
        <Card title="Where the sources disagree" id="audit">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {advisory.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Card>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="advisory-sources">
        {factSources.length > 0 ? `What this page says comes from ${listWords(factSources)}.` : "No source here says anything of this number."}
        {advisory.titleOrigin && (
          <>
            {" "}The title is from <FactOriginText origin={advisory.titleOrigin} />.
          </>
        )}
        {!sources["xen-index"] && " Xen's XSA index was not imported: titles and CVE IDs are only those the bulletins quote."}
      </p>
    </article>
  );
}

/** "Xen's XSA index", or "quoted by QSB-115, line 12" with the bulletin linked. */
function FactOriginText({ origin }: { origin: FactOrigin }) {
  if (origin.source === "xen-index" || origin.bulletinNumber === null) return <>{DATA_SOURCE_LABELS["xen-index"]}</>;
  return (
    <>
      quoted by{" "}
      <Link className={textLink} href={bulletinPath(origin.bulletinNumber)}>
        {bulletinId(origin.bulletinNumber)}
      </Link>
      {origin.line !== null && `, line ${origin.line}`}
    </>
  );
}
