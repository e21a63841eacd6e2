// The sources the tracker imports, with the words the pages use for each and
// what a reader cannot learn when one was not imported. One list for the
// footer, the XSA pages and the search's "not known here" message.
export const DATA_SOURCES = ["secpack", "xsa-tracker", "qsb-index", "xen-index", "supported-releases", "news"] as const;
export type DataSourceId = (typeof DATA_SOURCES)[number];

export const DATA_SOURCE_LABELS: Record<DataSourceId, string> = {
  secpack: "the Qubes Security Pack",
  "xsa-tracker": "the Qubes website's XSA tracker",
  "qsb-index": "the Qubes website's QSB index",
  "xen-index": "Xen's XSA index",
  "supported-releases": "the Qubes documentation's supported-releases page",
  news: "the Qubes news",
};

/** What the pages cannot say when the source was not imported. */
export const DATA_SOURCE_MISSING: Record<DataSourceId, string> = {
  secpack: "there are no bulletins",
  "xsa-tracker": "there is no Qubes verdict on any XSA",
  "qsb-index": "bulletin dates and titles come from their texts only",
  "xen-index": "XSA titles and CVE IDs are only those the bulletins quote",
  "supported-releases": "whether a release is still supported is not known",
  news: "no reason is given for an XSA that does not affect Qubes",
};

/** Which sources the stored data was imported from. */
export type ImportedSources = Record<DataSourceId, boolean>;

/** The sources in DATA_SOURCES order, split into imported and not. */
export function splitSources(sources: ImportedSources): { imported: DataSourceId[]; missing: DataSourceId[] } {
  return { imported: DATA_SOURCES.filter((s) => sources[s]), missing: DATA_SOURCES.filter((s) => !sources[s]) };
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
