import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnnouncementCard } from "@/components/advisory/announcement-card";
import { ReasonCategoryBadge } from "@/components/advisory/reason-category-badge";
import { VerdictBadge } from "@/components/advisory/verdict-badge";
import { LinkedIdGroups } from "@/components/site/linked-id-groups";
import { Card } from "@/components/ui/card";
import { FEED_ALTERNATE_TYPES } from "@/lib/feeds/urls";
import { parseAdvisoryNumber } from "@/lib/ids";
import { getAdvisory } from "@/lib/queries/advisories";
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
  return { title: `${advisory.id}${advisory.title ? `: ${advisory.title}` : ""}`, alternates: { types: FEED_ALTERNATE_TYPES, canonical: `/xsa/${advisory.number}` } };
}

export default async function AdvisoryPage({ params }: Props) {
  const advisory = await load((await params).n);
  if (!advisory) notFound();
  const announcement = await getAdvisoryAnnouncement(advisory.number);
  const covering = advisory.bulletins.filter((b) => b.relation === "covers");
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
      </Card>

      <AnnouncementCard announcement={announcement} trackerVerdict={advisory.qubesAffected} />

      <div className="grid gap-5 md:grid-cols-2">
        <Card title="Bulletins" id="bulletins">
          {advisory.bulletins.length === 0 ? (
            <p className="text-sm">No Qubes Security Bulletin names this advisory.</p>
          ) : (
            <LinkedIdGroups
              groups={[
                { label: "Covered by", items: covering.map((b) => ({ href: `/qsb/${b.qsb}`, id: b.id, title: b.title })) },
                { label: "Mentioned by", items: mentioning.map((b) => ({ href: `/qsb/${b.qsb}`, id: b.id, title: b.title })) },
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
                  <Link className={`${textLink} font-mono`} href={`/xsa/${r.xsa}`}>XSA-{r.xsa}</Link>{" "}
                  <span className="text-zinc-600 dark:text-zinc-400">
                    (per <Link className={textLink} href={`/qsb/${r.via}`}>QSB-{String(r.via).padStart(3, "0")}</Link>: “{r.evidence}”)
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card title="CVEs" id="cves">
        {advisory.cves.length === 0 ? (
          <p className="text-sm">{advisory.inXenIndex ? "Xen's index lists no CVE for it." : "Not known here (Xen's XSA index was not imported)."}</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {advisory.cves.map((cve) => (
              <li key={cve} className="font-mono">
                <Link className={textLink} href={`/search?q=${cve}`}>{cve}</Link>
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
    </article>
  );
}
