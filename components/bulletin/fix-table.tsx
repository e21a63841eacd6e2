import Link from "next/link";
import { textLink } from "@/components/ui/text-link";

export interface FixRow {
  release: string | null;
  package: string;
  version: string;
  where: string;
}

export function FixTable({ fixes, caption }: { fixes: FixRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="stack-table w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-4">Release</th>
            <th scope="col" className="py-2 pr-4">Where</th>
            <th scope="col" className="py-2 pr-4">Package</th>
            <th scope="col" className="py-2">Fixed in version</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {fixes.map((f, i) => (
            <tr key={i}>
              <td className="stack-inline py-2 pr-4">
                {f.release ? (
                  <Link href={`/releases/${f.release}`} className={textLink}>
                    {f.release.startsWith("R") ? f.release : `Qubes ${f.release}`}
                  </Link>
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">not stated</span>
                )}
              </td>
              <td className="stack-inline py-2 pr-4">{f.where}</td>
              <td data-label="Package" className="py-2 pr-4 font-mono">{f.package}</td>
              <td data-label="Fixed in" className="py-2 font-mono">{f.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
