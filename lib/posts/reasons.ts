// The one rule that puts a reason ("DoS only", "no oxenstored", "affects only
// Arm systems" ...) in a category. It reads the reason as the post wrote it
// and tries the categories in this order; the first that matches wins:
//
// 1. dos-only: the text says the impact is denial of service ("DoS",
//    "denial-of-service", "denial of service"), even where it adds why.
// 2. other-architecture: the text names another architecture (Arm, ARM,
//    32-bit ARM, aarch64, PowerPC, RISC-V): Qubes OS runs on x86-64 only.
// 3. in-vm-only: the attack stays inside one VM ("in-VM", "in-guest",
//    "internal to domUs", "inside VMs").
// 4. unused-feature: the text names a Xen feature that Qubes OS does not use,
//    disables or does not build; the feature is named from FEATURES below.
// 5. qubes-configuration: the Qubes configuration or build limits the impact
//    (domain IDs never reused, the default configuration is safe, an
//    unaffected Xen version shipped, HVM support always built).
// 6. other: none of the above. Counted as such, never guessed.
import type { ReasonCategory } from "./vocabulary";

export interface CategorizedReason {
  category: ReasonCategory;
  /** For unused-feature: the feature, by its usual name ("oxenstored", "XAPI"). */
  feature: string | null;
}

const DOS_ONLY = /\bDoS\b|denial[\s-]+of[\s-]+service/i;
const OTHER_ARCHITECTURE = /\b(arm|arm32|arm64|aarch64|powerpc|ppc64|risc-?v)\b/i;
const IN_VM_ONLY = /\bin-(vm|guest)\b|\binternal to (the )?dom(u|ain)s?\b|\binside (the )?(vms?|guests?)\b.*\bonly\b/i;

/** A feature Qubes OS does not use, and the words that name it. The first match names it. */
const FEATURES: readonly { feature: string; pattern: RegExp }[] = [
  { feature: "oxenstored", pattern: /\boxenstored\b/i },
  { feature: "XAPI", pattern: /\bxapi\b/i },
  { feature: "shadow paging", pattern: /\bshadow (paging|mode)\b/i },
  { feature: "grant table v2", pattern: /\b(grant[\s-]tables?|gnttab)\s*v2\b/i },
  { feature: "PCI hot plug", pattern: /\bhot[\s-]?(plug|unplug)\b/i },
  { feature: "SMT", pattern: /\bSMT\b|hyper-?threading/i },
  { feature: "pygrub", pattern: /\bpygrub\b/i },
  { feature: "BIGMEM", pattern: /\bBIGMEM\b/ },
  { feature: "32-bit PV guests", pattern: /\b32-bit PV\b/i },
  { feature: "Viridian extensions", pattern: /\bviridian\b/i },
  { feature: "IOMMU quarantine modes other than basic", pattern: /\bquarantine mode\b/i },
  { feature: "PV guests", pattern: /\buses (only )?PVH\/HVM\b/i },
];

const QUBES_CONFIGURATION =
  /\bdomid\b|default configuration|\bunaffected version\b|\baffected Xen version\b|\baffects only (xen )?versions?\b|\bonly xen \d|\baffects only builds\b|\bcurrently uses \d/i;

export function categorizeReason(reason: string): CategorizedReason {
  const text = reason.replace(/\s+/g, " ");
  if (DOS_ONLY.test(text)) return { category: "dos-only", feature: null };
  if (OTHER_ARCHITECTURE.test(text)) return { category: "other-architecture", feature: null };
  if (IN_VM_ONLY.test(text)) return { category: "in-vm-only", feature: null };
  const feature = FEATURES.find((f) => f.pattern.test(text));
  if (feature) return { category: "unused-feature", feature: feature.feature };
  if (QUBES_CONFIGURATION.test(text)) return { category: "qubes-configuration", feature: null };
  return { category: "other", feature: null };
}
