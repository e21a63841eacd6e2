import type { Metadata } from "next";
import Link from "next/link";
import { NotAffectedChart } from "@/components/advisory/not-affected-chart";
import { ReasonCategoryBadge } from "@/components/advisory/reason-category-badge";
import { TrackerStats } from "@/components/advisory/tracker-stats";
import { VerdictBadge } from "@/components/advisory/verdict-badge";
import { FilterForm } from "@/components/ui/filter-form";
import { Pagination } from "@/components/ui/pagination";
import { listAdvisoriesPage, listAdvisoryYears } from "@/lib/queries/advisories";
import { listNotAffectedByYear } from "@/lib/queries/announcements";
import { getDashboardStats } from "@/lib/queries/stats";
import { REASON_CATEGORIES, REASON_CATEGORY_LABELS } from "@/lib/posts/vocabulary";
import { plainMarkdown } from "@/lib/text/plain-markdown";
import { hrefWith, intParam, oneOf, rejectedFilters, type SearchParams } from "@/lib/search-params";
import { NOUNS } from "@/lib/text/plural";
import { FilterStatus } from "@/components/ui/filter-status";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "XSA tracker" };

const VERDICTS = ["yes", "no", "unused", "unknown"] as const;
const VERDICT_LABELS: Record<string, string> = { yes: "affected", no: "not affected", unused: "unused", unknown: "not in the tracker" };

export default async function AdvisoriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const filters = {
    verdict: oneOf(params, "affected", VERDICTS),
    year: intParam(params, "year", 2000, 2100),
    category: oneOf(params, "category", REASON_CATEGORIES),
  };
  const [result, years, stats, chart] = await Promise.all([
    listAdvisoriesPage({ ...filters, page: intParam(params, "page") }),
    listAdvisoryYears(),
    getDashboardStats(),
    listNotAffectedByYear(),
  ]);
  const rejected = rejectedFilters(params, [
    { name: "affected", label: "“Is Qubes affected?” answer", value: filters.verdict },
    { name: "year", label: "Year", value: filters.year },
    { name: "page", label: "Page number", value: intParam(params, "page") },
  ]);
  const active = Object.values(filters).some((v) => v !== undefined);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">XSA tracker</h1>
      <p className="text-zinc-600 dark:text-zinc-400">Every Xen Security Advisory, whether it affects Qubes OS, and the bulletin that covers it.</p>
      <TrackerStats stats={stats} />
      <section aria-labelledby="not-affected-heading" className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="not-affected-heading" className="mb-2 text-sm font-semibold">Why Qubes is not affected, per year</h2>
        <NotAffectedChart {...chart} />
      </section>
      <FilterForm
        action="/xsa"
        fields={[
          { name: "affected", label: "Is Qubes affected?", value: filters.verdict, options: VERDICTS.map((v) => ({ value: v, label: VERDICT_LABELS[v] ?? v })) },
          { name: "year", label: "Year", value: filters.year?.toString(), options: years.map((y) => ({ value: String(y), label: String(y) })) },
          { name: "category", label: "Why not affected", value: filters.category, options: REASON_CATEGORIES.map((c) => ({ value: c, label: REASON_CATEGORY_LABELS[c] })) },
        ]}
      />
      <FilterStatus total={result.total} noun={NOUNS.advisory} active={active} rejected={rejected} clearHref="/xsa" />
      {result.total > 0 && (
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="stack-table w-full text-left text-sm">
          <caption className="sr-only">Xen Security Advisories, newest first</caption>
          <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-3 py-2">Advisory</th>
              <th scope="col" className="px-3 py-2">Date</th>
              <th scope="col" className="px-3 py-2">Title</th>
              <th scope="col" className="px-3 py-2">Is Qubes affected?</th>
              <th scope="col" className="px-3 py-2">Bulletin</th>
              <th scope="col" className="px-3 py-2">Why not affected</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {result.items.map((a) => (
              <tr key={a.number}>
                <td className="stack-inline px-3 py-2 font-mono">
                  <Link className={textLink} href={`/xsa/${a.number}`}>{a.id}</Link>
                </td>
                <td className="stack-inline whitespace-nowrap px-3 py-2 tabular-nums">{a.date ?? "—"}</td>
                <td className="px-3 py-2">{a.title ?? <span className="text-zinc-500">—</span>}</td>
                <td data-label="Is Qubes affected?" className="px-3 py-2"><VerdictBadge verdict={a.qubesAffected} /></td>
                <td data-label="Bulletin" className="px-3 py-2 font-mono">
                  {a.coveredBy.map((q, i) => (
                    <span key={q}>
                      {i > 0 && ", "}
                      <Link className={textLink} href={`/qsb/${q}`}>QSB-{String(q).padStart(3, "0")}</Link>
                    </span>
                  ))}
                </td>
                <td className="min-w-48 px-3 py-2">
                  {a.notAffected?.category && <ReasonCategoryBadge category={a.notAffected.category} />}
                  {a.notAffected?.reason && <span className="mt-1 block whitespace-pre-line text-xs text-zinc-700 dark:text-zinc-300">{shorten(plainMarkdown(a.notAffected.reason))}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      )}
      <Pagination page={result.page} pages={result.pages} href={(page) => hrefWith("/xsa", { affected: filters.verdict, year: filters.year, category: filters.category, page })} />
    </div>
  );
}

/** A long reason is cut in the table; the XSA's page has it whole. */
function shorten(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, "")}…`;
}
