// The whole answer of a check, as the page, the API and the CLI give it:
// the release (asked and detected), its support, what was read, the fixes
// missing, satisfied, not installed and template-side, an action plan and
// plain warnings. Pure: the caller loads the fixes and actions.
import { bulletinId } from "../ids";
import { plural } from "../text/plural";
import { releaseLabel, releaseSortKey, type ReleaseName } from "../vocabulary/release";
import { templateQueryCommand, type Distribution, type Where } from "../vocabulary/where";
import { checkFixes, type FixCheckResult, type RequiredFix } from "./check";
import type { DetectedRelease } from "./detect-release";
import type { ParsedPackageList, UnparsedLine } from "./installed";

export interface CheckSupport {
  status: "supported" | "unsupported" | "unknown";
  start: string | null;
  end: string | null;
  moveTo: string | null;
  /** The day the support data was read; null: never. */
  asOf: string | null;
  /** From an earlier sync (the last one could not read the supported-releases page), or unknown. */
  stale: boolean;
  sentence: string;
}

export interface CheckEntry {
  qsb: number;
  package: string;
  installed: string;
  fixedIn: string;
  where: Where;
  explanation: string;
}

export interface NotInstalledEntry {
  qsb: number;
  package: string;
  fixedIn: string;
  where: Where;
}

export interface TemplateEntry {
  qsb: number;
  package: string;
  fixedIn: string;
  distribution: Distribution | null;
  /** Inside a template: the command that shows what is installed. */
  command: string;
}

/** One package to update, with every bulletin that asks for it. */
export interface PlanItem {
  package: string;
  installed: string;
  fixedIn: string;
  bulletins: number[];
}

export interface CheckAnswer {
  release: ReleaseName;
  detectedRelease: ReleaseName | null;
  support: CheckSupport;
  packagesRead: number;
  unparsed: UnparsedLine[];
  /** "missing": something is; "nothing-missing": nothing is and the list can say so; "cannot-say": nothing shows as missing, but see the warnings. */
  verdict: "missing" | "nothing-missing" | "cannot-say";
  /** One line: "2 fixes are missing", "No fix is missing", "No fix is missing from what this list shows, but ..." */
  headline: string;
  missing: CheckEntry[];
  satisfied: CheckEntry[];
  notInstalled: NotInstalledEntry[];
  templates: TemplateEntry[];
  plan: PlanItem[];
  actions: string[];
  warnings: string[];
}

export interface BulletinActionRow {
  bulletin: number;
  action: string;
}

export interface AnswerInput {
  release: ReleaseName;
  detected: DetectedRelease;
  support: CheckSupport;
  parsed: ParsedPackageList;
  fixes: readonly RequiredFix[];
  actions: readonly BulletinActionRow[];
}


const ids = (numbers: readonly number[]) => numbers.map((n) => bulletinId(n)).join(", ");

const AFTER_UPDATE: Record<string, string> = {
  "restart-dom0": "Restart the computer, so that dom0 runs the new packages",
  "restart-vms": "Restart the qubes the bulletin names (such as sys-net, sys-firewall and other service qubes)",
  "reseal-aem": "If you use Anti Evil Maid, reseal your secret passphrase to the new PCR values",
};

/** A list without any of these is partial. */
const XEN_NAMES: ReadonlySet<string> = new Set(["xen", "xen-hypervisor", "xen-libs", "xen-runtime"]);
const DOM0_KERNEL_NAMES: ReadonlySet<string> = new Set(["kernel", "kernel-latest"]);
const hasAny = (parsed: ParsedPackageList, names: ReadonlySet<string>) => parsed.packages.some((p) => names.has(p.name.toLowerCase()));

export function answerCheck(input: AnswerInput): CheckAnswer {
  const { parsed, fixes, release, detected, support } = input;
  const results = checkFixes(parsed.packages, fixes);
  const entry = (r: FixCheckResult): CheckEntry => ({
    qsb: r.fix.bulletin,
    package: r.decidedBy?.name ?? r.fix.package,
    installed: r.decidedBy?.evr ?? "",
    fixedIn: r.fixedIn,
    where: r.fix.where,
    explanation: r.explanation,
  });
  const missing = results.filter((r) => r.status === "missing").map(entry);
  const satisfied = results.filter((r) => r.status === "fixed").map(entry);
  const notInstalled = results
    .filter((r) => r.status === "not-installed")
    .map((r) => ({ qsb: r.fix.bulletin, package: r.fix.package, fixedIn: r.fixedIn, where: r.fix.where }));
  const templates = fixes
    .filter((f) => f.where !== "dom0")
    .map((f) => ({
      qsb: f.bulletin,
      package: f.package,
      fixedIn: f.versions.join(" or "),
      distribution: f.distribution,
      command: templateQueryCommand(f.distribution, f.package),
    }));

  // The plan: missing fixes grouped by package, each with the highest version asked for.
  const plan = new Map<string, PlanItem>();
  for (const r of results.filter((x) => x.status === "missing")) {
    const name = r.decidedBy?.name ?? r.fix.package;
    const item = plan.get(name) ?? { package: name, installed: r.decidedBy?.evr ?? "", fixedIn: r.fixedIn, bulletins: [] };
    if (!item.bulletins.includes(r.fix.bulletin)) item.bulletins.push(r.fix.bulletin);
    // The newest bulletin's version is the one to reach (fixes only go up).
    if (r.fix.bulletin >= Math.max(...item.bulletins)) item.fixedIn = r.fixedIn;
    plan.set(name, item);
  }
  const planItems = [...plan.values()].map((p) => ({ ...p, bulletins: p.bulletins.sort((a, b) => b - a) }));

  const warnings: string[] = [];
  const askedOther = detected.release !== null && detected.release !== release;
  if (askedOther) {
    warnings.push(
      `This list looks like ${releaseLabel(detected.release)}, not ${releaseLabel(release)} (${detected.evidence}). The answer below compares it with ${releaseLabel(release)}'s fixes, which do not apply to it: check it against ${releaseLabel(detected.release)} instead.`,
    );
  } else if (detected.release === null && detected.evidence) {
    warnings.push(`The release could not be told from the list: ${detected.evidence}.`);
  }
  if (support.status !== "supported" || support.stale) warnings.push(support.sentence);
  const lacks: string[] = [];
  if (!hasAny(parsed, XEN_NAMES)) lacks.push("no Xen package");
  if (!hasAny(parsed, DOM0_KERNEL_NAMES)) lacks.push("no dom0 kernel");
  const partial = lacks.length > 0 || parsed.packages.length < 100;
  if (partial) {
    const why = [...lacks, ...(parsed.packages.length < 100 ? [`only ${plural(parsed.packages.length, "package", "packages")}, where a dom0 has hundreds`] : [])];
    warnings.push(
      `This list looks partial (${why.join(", ")}): a fix for a package that is not in it cannot be shown as missing. Paste the whole output of rpm -qa from dom0.`,
    );
  }
  if (parsed.unparsed.length > 0) warnings.push(`${plural(parsed.unparsed.length, "line", "lines")} could not be read as packages (listed under "unparsed").`);
  if (fixes.length === 0) warnings.push(`No bulletin names package versions for ${releaseLabel(release)} in the imported data, so nothing can be found missing.`);

  const n = missing.length;
  let verdict: CheckAnswer["verdict"];
  let headline: string;
  if (n > 0) {
    verdict = "missing";
    headline = askedOther
      ? `Wrong release: this list is from ${releaseLabel(detected.release)}, not ${releaseLabel(release)}; against ${releaseLabel(release)}'s fixes ${plural(n, "fix is", "fixes are")} missing`
      : `${plural(n, "fix is", "fixes are")} missing`;
  } else if (askedOther || partial || support.status !== "supported" || support.stale || fixes.length === 0) {
    verdict = "cannot-say";
    const reasons = [
      ...(askedOther ? ["the list is from another release"] : []),
      ...(partial ? ["the list looks partial"] : []),
      ...(support.status === "unsupported" ? ["the release is unsupported and gets no new fixes"] : support.status === "unknown" ? ["the release's support is not known"] : []),
      ...(support.stale && support.status === "supported" ? [`the release's support is from an earlier sync (${support.asOf ?? "date unknown"}) and may have changed since`] : []),
      ...(fixes.length === 0 ? ["no fixes are known for this release"] : []),
    ];
    headline = `No fix is missing from what this list shows, but that is not a clean bill of health: ${reasons.join("; ")}.`;
  } else {
    verdict = "nothing-missing";
    headline = "No fix is missing";
  }

  const actions: string[] = [];
  if (support.status === "unsupported" && support.moveTo) {
    actions.push(`Move to ${releaseLabel(support.moveTo)}: ${releaseLabel(release)} gets no more security fixes.`);
  }
  const dom0Missing = results.filter((r) => r.status === "missing");
  if (dom0Missing.length > 0) {
    actions.push(
      `Update dom0: sudo qubes-dom0-update (for fixes still in testing: sudo qubes-dom0-update --enablerepo=qubes-dom0-security-testing). It brings ${planItems
        .map((p) => `${p.package} ${p.fixedIn} (${ids(p.bulletins)})`)
        .join(", ")}.`,
    );
  }
  if (templates.length > 0) {
    const update = (releaseSortKey(release) ?? 0) >= 402 ? "sudo qubes-vm-update" : "sudo qubesctl --show-output --skip-dom0 --templates state.sls update.qubes-vm";
    const byBulletin = [...new Set(templates.map((t) => t.qsb))].sort((a, b) => b - a);
    actions.push(
      `Check inside your templates (a dom0 list cannot show them): ${templates
        .slice(0, 6)
        .map((t) => `${t.command} should show ${t.fixedIn} or newer (${bulletinId(t.qsb)})`)
        .join("; ")}${templates.length > 6 ? `; and ${plural(templates.length - 6, "more", "more")} from ${ids(byBulletin)}` : ""}. Update them from dom0 with ${update}.`,
    );
  }
  // Steps after updating, merged from every bulletin whose fix is missing.
  const involved = new Set(dom0Missing.map((r) => r.fix.bulletin));
  for (const kind of ["restart-dom0", "restart-vms", "reseal-aem"]) {
    const from = [...new Set(input.actions.filter((a) => a.action === kind && involved.has(a.bulletin)).map((a) => a.bulletin))].sort((a, b) => b - a);
    if (from.length > 0) actions.push(`After updating: ${AFTER_UPDATE[kind]} (${ids(from)}).`);
  }
  if (dom0Missing.some((r) => r.fix.family === "kernel" || r.fix.family === "kernel-vm")) {
    actions.push("After updating: check that the fixed kernel is the one running (uname -r in dom0, and in a qube for the VM kernels).");
  }

  return {
    release,
    detectedRelease: detected.release,
    support,
    packagesRead: parsed.packages.length,
    unparsed: parsed.unparsed,
    verdict,
    headline,
    missing,
    satisfied,
    notInstalled,
    templates,
    plan: planItems,
    actions,
    warnings,
  };
}
