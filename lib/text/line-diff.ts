// A line diff of two texts as unified-diff lines ("+added", "-removed",
// " context"), for showing what changed as text (jsdiff).
import { structuredPatch } from "diff";

/** The hunks' lines, each hunk headed by its "@@ -a,b +c,d @@" line; empty when the texts are equal. */
export function unifiedDiffLines(before: string, after: string, context = 2): string[] {
  const patch = structuredPatch("before", "after", before, after, "", "", { context });
  return patch.hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]);
}
