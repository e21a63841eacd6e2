import Link from "next/link";
import type { RelationChain } from "@/lib/queries/bulletins";

/** Each chain drawn as boxes joined by labelled arrows; wraps on narrow screens. */
export function RelationChains({ chains }: { chains: RelationChain[] }) {
  return (
    <ol className="space-y-3" aria-label="Relation chains">
      {chains.map((chain, i) => (
        <li key={i} className="flex flex-wrap items-center gap-2 text-sm">
          {chain.nodes.map((node, j) => (
            <span key={`${node.id}-${j}`} className="flex items-center gap-2">
              {j > 0 && (
                <span className="flex items-center gap-1 text-zinc-600 dark:text-zinc-400">
                  <span className="text-xs italic">{chain.edges[j - 1]}</span>
                  <span aria-hidden="true">→</span>
                </span>
              )}
              <Link
                href={node.href}
                className={`rounded-md border px-2 py-1 font-mono font-semibold hover:underline ${
                  node.kind === "bulletin"
                    ? "border-blue-300 bg-blue-50 text-blue-900 dark:border-blue-700 dark:bg-blue-950 dark:text-blue-100"
                    : "border-violet-300 bg-violet-50 text-violet-900 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-100"
                }`}
              >
                {node.id}
              </Link>
            </span>
          ))}
        </li>
      ))}
    </ol>
  );
}
