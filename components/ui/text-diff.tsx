/** Unified-diff lines ("+added", "-removed", " context", "@@ hunk @@") as text, marked for screen readers and colour. */
export function TextDiff({ lines, label }: { lines: string[]; label: string }) {
  return (
    <pre aria-label={label} tabIndex={0} className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-zinc-800">
      {lines.map((line, i) => {
        const kind = line.startsWith("@@") ? "hunk" : line[0] === "+" ? "added" : line[0] === "-" ? "removed" : "context";
        const className =
          kind === "added"
            ? "block bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
            : kind === "removed"
              ? "block bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100"
              : kind === "hunk"
                ? "block text-zinc-600 dark:text-zinc-400"
                : "block";
        return (
          <span key={i} className={className}>
            {kind === "added" ? <ins className="no-underline">{line}</ins> : kind === "removed" ? <del className="no-underline">{line}</del> : line}
            {"\n"}
          </span>
        );
      })}
    </pre>
  );
}
