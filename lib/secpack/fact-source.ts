// Where a fact about an XSA (its title, a CVE ID) came from: Xen's own XSA
// index, or a bulletin text that quotes it. Xen's index takes precedence
// where it was imported; the bulletins fill in where it was not.
export const FACT_SOURCES = ["xen-index", "bulletin"] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export const FACT_SOURCE_LABELS: Record<FactSource, string> = {
  "xen-index": "Xen's XSA index",
  bulletin: "a bulletin's text",
};

export function isFactSource(value: string | null | undefined): value is FactSource {
  return FACT_SOURCES.some((s) => s === value);
}
