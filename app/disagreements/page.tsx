import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { advisoryId, bulletinId } from "@/lib/ids";
import { listDisagreementsPage } from "@/lib/queries/stats";
import { hrefWith, intParam, type SearchParams } from "@/lib/search-params";
import { textLink } from "@/components/ui/text-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Where the sources disagree" };

export default async function DisagreementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const result = await listDisagreementsPage(intParam(await searchParams, "page"));
  const from = result.total ? result.skip + 1 : 0;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Where the sources disagree</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Where the bulletins&apos; texts, the Qubes XSA tracker and the QSB index say different things. Both facts are kept; the bulletin and advisory pages show them too.
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {result.total === 0 ? "The sources agree." : `${from}–${result.skip + result.items.length} of ${result.total}`}
      </p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {result.items.map((d, i) => (
          <li key={result.skip + i}>
            {d.message}
            {d.bulletinNumber !== null && <> (<Link className={textLink} href={`/qsb/${d.bulletinNumber}`}>{bulletinId(d.bulletinNumber)}</Link>)</>}
            {d.advisoryNumber !== null && <> (<Link className={textLink} href={`/xsa/${d.advisoryNumber}`}>{advisoryId(d.advisoryNumber)}</Link>)</>}
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pages={result.pages} href={(page) => hrefWith("/disagreements", { page })} />
    </div>
  );
}
