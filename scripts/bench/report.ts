// Pure helpers of the benchmark's report: medians, ratios, the table, verdicts.

export function median(values: number[]): number {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A plain-text table, numbers right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === "number" ? format(cell) : cell)))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? "").length)));
  const line = (row: (string | number)[]) =>
    row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return "-";
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export interface Verdict {
  target: string;
  met: boolean | null;
  detail: string;
}

export function verdictLine(v: Verdict): string {
  const mark = v.met === null ? "NOT MEASURED" : v.met ? "met" : "NOT MET";
  return `${mark.padEnd(12)} ${v.target}: ${v.detail}`;
}

/**
 * A wrk Lua script (LuaJIT, Lua 5.1) asking a new query on every request,
 * from words of the real texts: each word, then pairs of words; each thread
 * starts at its own offset (plus the run's), so no two requests repeat.
 */
export function uniqueSearchScript(words: string[], offset: number): string {
  const list = words.map((w) => JSON.stringify(w)).join(",");
  return `local words = {${list}}
local n = #words
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  i = ${offset} + id * 100003
end
request = function()
  i = i + 1
  local k = i % (n * n + n)
  local q
  if k < n then q = words[k + 1] else q = words[math.floor(k / n) % n + 1] .. "+" .. words[k % n + 1] end
  return wrk.format("GET", "/search?q=" .. q)
end
`;
}
