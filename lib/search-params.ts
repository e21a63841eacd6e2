// Reading and writing the filters kept in a page's URL.
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The query parameters each page reads, and nothing else: the front server's
 * cache key (lib/server/cache-key.ts) drops every other one. A page that
 * reads a new parameter must list it here.
 */
export const PAGE_PARAMS = {
  bulletins: ["year", "release", "signature", "xen", "page"],
  advisories: ["affected", "year", "category", "page"],
  search: ["q", "page"],
  disagreements: ["page"],
  release: ["page"],
  /** A bulletin page: the two revisions whose texts it compares. */
  bulletin: ["from", "to"],
} as const satisfies Record<string, readonly string[]>;

export function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() ? first.trim().slice(0, 200) : undefined;
}

export function intParam(params: SearchParams, name: string, min = 1, max = 100_000): number | undefined {
  const value = param(params, name);
  if (!value || !/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

export function oneOf<T extends string>(params: SearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = param(params, name);
  return allowed.find((a) => a === value);
}

/** A URL with the given filters, leaving out empty ones (and page 1). */
export function hrefWith(path: string, filters: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The filters whose value in the URL was given but not understood (a year of
 * "abc", a signature status that does not exist): they are not applied, and
 * the page says so rather than silently showing everything.
 */
export function rejectedFilters(params: SearchParams, fields: { name: string; label: string; value: string | number | undefined }[]): { label: string; value: string }[] {
  return fields.flatMap((f) => {
    const given = param(params, f.name);
    return given !== undefined && f.value === undefined ? [{ label: f.label, value: given }] : [];
  });
}
