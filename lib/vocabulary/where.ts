// Where a fix is installed, and in which template distributions. One typed
// value with its label, used by the importer, the pages, the API and the feeds.
//
// - "dom0": the package is installed in dom0 (`sudo qubes-dom0-update`);
//   VM kernels (kernel-qubes-vm) live here too, since dom0 provides them.
// - "templates": inside templates (and standalones); bulletins also say
//   "domUs", "VMs" or "qubes" for this.
// - "dom0+templates": both.
// The distribution narrows the template side: "Fedora templates", "Debian
// templates", "qubes-core-vm (Fedora) / qubes-core-agent (Debian)".

export const WHERE_VALUES = ["dom0", "templates", "dom0+templates"] as const;
export type Where = (typeof WHERE_VALUES)[number];

export const DISTRIBUTIONS = ["fedora", "debian", "whonix"] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

const WHERE_LABELS: Record<Where, string> = {
  dom0: "dom0",
  templates: "templates",
  "dom0+templates": "dom0 and templates",
};

const DISTRIBUTION_LABELS: Record<Distribution, string> = { fedora: "Fedora", debian: "Debian", whonix: "Whonix" };

export function isWhere(value: string): value is Where {
  return (WHERE_VALUES as readonly string[]).includes(value);
}

/** Where a stored value says; an unknown value (an older database) reads as dom0 + templates, the cautious side. */
export function toWhere(value: string): Where {
  if (isWhere(value)) return value;
  if (value === "vms") return "templates";
  return "dom0+templates";
}

export function toDistribution(value: string | null): Distribution | null {
  return value !== null && (DISTRIBUTIONS as readonly string[]).includes(value) ? (value as Distribution) : null;
}

/** Touches dom0: a dom0 package list can answer for it. */
export const inDom0 = (where: Where): boolean => where !== "templates";
/** Touches templates: the answer sends the reader inside them. */
export const inTemplates = (where: Where): boolean => where !== "dom0";

/** "dom0", "templates", "dom0 and templates"; with a distribution: "Fedora templates", "dom0 and Fedora templates". */
export function whereLabel(where: Where, distribution: Distribution | null = null): string {
  if (!distribution || where === "dom0") return WHERE_LABELS[where];
  const d = `${DISTRIBUTION_LABELS[distribution]} templates`;
  return where === "templates" ? d : `dom0 and ${d}`;
}

export const distributionLabel = (d: Distribution | null): string => (d ? DISTRIBUTION_LABELS[d] : "every distribution");

/**
 * A phrase of a bulletin → where and which distribution: "in dom0" → dom0;
 * "in templates and standalones" → templates; "domUs" → templates;
 * "Fedora templates and dom0" → dom0+templates, fedora; "(Debian)" → debian
 * only. Null when the phrase names no place.
 */
export function classifyWhere(phrase: string): { where: Where | null; distribution: Distribution | null } | null {
  const p = phrase.toLowerCase();
  const dom0 = /\bdom0\b/.test(p);
  const templates = /\btemplate/.test(p) || /\b(?:domus?|vms?|appvms?|qubes|standalones?|standalonevms?)\b/.test(p);
  const distribution = (/\bfedora\b/.test(p) ? "fedora" : /\bdebian\b/.test(p) ? "debian" : /\bwhonix\b/.test(p) ? "whonix" : null);
  const where: Where | null = dom0 && templates ? "dom0+templates" : templates ? "templates" : dom0 ? "dom0" : null;
  if (!where && !distribution) return null;
  return { where, distribution };
}

/**
 * The templates a bulletin's place phrase narrows the template side to:
 * "in dom0 and the template(s) of any GUI qube(s)" → "the templates of GUI
 * qubes". Null when it names every template (or no phrase was kept).
 */
export function templateScope(phrase: string | null | undefined): string | null {
  if (!phrase) return null;
  const m = /\btemplates?(?:\(s\))?\s+of\s+(?:any|your|the)?\s*([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+qubes?(?:\(s\))?/i.exec(phrase);
  return m ? `the templates of ${m[1]} qubes` : null;
}

/** Inside a template of this distribution: the command that shows a package's installed version. */
export function templateQueryCommand(distribution: Distribution | null, pkg: string): string {
  if (distribution === "debian" || distribution === "whonix") return `dpkg-query -W ${pkg}`;
  if (distribution === "fedora") return `rpm -q ${pkg}`;
  return `rpm -q ${pkg} (Fedora) or dpkg-query -W ${pkg} (Debian)`;
}
