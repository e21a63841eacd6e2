import type { Metadata } from "next";
import Link from "next/link";
import { ReleaseBadges } from "@/components/release/release-badges";
import { SignatureBadge } from "@/components/signature/signature-badge";
import { FilterForm } from "@/components/ui/filter-form";
import { Pagination } from "@/components/ui/pagination";
import { UpdatedDate } from "@/components/bulletin/updated-date";
import { listBulletinsPage, listBulletinYears } from "@/lib/queries/bulletins";
import { listReleaseSupport } from "@/lib/queries/releases";
import { hrefWith, intParam, oneOf, param, rejectedFilters, type SearchParams } from "@/lib/search-params";
import { NOUNS } from "@/lib/text/plural";
import { FilterStatus } from "@/components/ui/filter-status";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "All bulletins" };

const SIGNATURE_STATUSES = ["verified", "failed", "unverified", "unsigned"] as const;

export default async function BulletinsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const [years, releases] = await Promise.all([listBulletinYears(), listReleaseSupport()]);
  const filters = {
    year: intParam(params, "year", 2000, 2100),
    release: releases.find((r) => r.name === param(params, "release"))?.name,
    signature: oneOf(params, "signature", SIGNATURE_STATUSES),
    xen: oneOf(params, "xen", ["yes", "no"] as const),
  };
  const result = await listBulletinsPage({ ...filters, page: intParam(params, "page") });
  const rejected = rejectedFilters(params, [
    { name: "year", label: "Year", value: filters.year },
    { name: "release", label: "Release", value: filters.release },
    { name: "signature", label: "Signature status", value: filters.signature },
    { name: "xen", label: "“Covers a Xen advisory” answer", value: filters.xen },
    { name: "page", label: "Page number", value: intParam(params, "page") },
  ]);
  const active = Object.values(filters).some((v) => v !== undefined);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">All bulletins</h1>
      <FilterForm
        action="/qsb"
        fields={[
          { name: "year", label: "Year", value: filters.year?.toString(), options: years.map((y) => ({ value: String(y), label: String(y) })) },
          { name: "release", label: "Release", value: filters.release, options: releases.map((r) => ({ value: r.name, label: r.name })) },
          { name: "signature", label: "Signature", value: filters.signature, options: SIGNATURE_STATUSES.map((s) => ({ value: s, label: s })) },
          { name: "xen", label: "Covers a Xen advisory", value: filters.xen, options: [{ value: "yes", label: "yes" }, { value: "no", label: "no" }] },
        ]}
      />
      <FilterStatus total={result.total} noun={NOUNS.bulletin} active={active} rejected={rejected} clearHref="/qsb" />
      {result.total > 0 && (
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="stack-table w-full text-left text-sm">
          <caption className="sr-only">Qubes Security Bulletins, newest first</caption>
          <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-3 py-2">Bulletin</th>
              <th scope="col" className="px-3 py-2">Date</th>
              <th scope="col" className="px-3 py-2">Title</th>
              <th scope="col" className="px-3 py-2">Releases</th>
              <th scope="col" className="px-3 py-2">Covers</th>
              <th scope="col" className="px-3 py-2">Signature</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {result.items.map((b) => (
              <tr key={b.number}>
                <td className="stack-inline px-3 py-2 font-mono">
                  <Link className={textLink} href={`/qsb/${b.number}`}>{b.id}</Link>
                </td>
                <td className="stack-inline whitespace-nowrap px-3 py-2 tabular-nums">
                  {b.date ?? "—"}
                  <div><UpdatedDate updated={b.updated} /></div>
                </td>
                <td className="px-3 py-2">{b.title ?? "(untitled)"}</td>
                <td data-label="Releases" className="px-3 py-2"><ReleaseBadges releases={b.releases} /></td>
                <td data-label="Covers" className="px-3 py-2 font-mono text-xs">
                  {b.covers.map((x, i) => (
                    <span key={x}>
                      {i > 0 && ", "}
                      <Link className={textLink} href={`/xsa/${x}`}>XSA-{x}</Link>
                    </span>
                  ))}
                </td>
                <td data-label="Signature" className="px-3 py-2"><SignatureBadge status={b.signatureStatus} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      )}
      <Pagination page={result.page} pages={result.pages} href={(page) => hrefWith("/qsb", { ...filters, page })} />
    </div>
  );
}
