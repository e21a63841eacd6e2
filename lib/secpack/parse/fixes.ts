// Package versions from the "Patching" / "User action required" / "Resolution"
// sections, in every format used since 2011:
//
//   2011-2013  prose: "qubes-gui-dom0 version 1.2.11", "xen 3.4.3-9 packages",
//              "Xen v4.1.2-4 packages", "Xen packages for Qubes Release 1
//              (version 4.1.2-9), as well as for ... Qubes R2 Beta 2 (version
//              4.1.2-27)", "(qubes-core-vm-* version 1.7.48)"
//   2014-2016  "* qubes-gui-dom0 version 2.1.23-1", "* qubes-gui-dom0-2.1.34-1",
//              "* New Dom0 kernel packages (kernel-3.12.38-1)",
//              "* xen packages, version 4.4.3-8 (R3.0)", "For Qubes R3.0:",
//              "Qubes OS 3.1 and 3.2:\n - Multiple Xen packages, version 4.6.1-20"
//   2017-2022  "For Qubes 3.2:" / "For Qubes OS 4.0:" / "## Qubes 4.0" /
//              "For Qubes 3.2, domUs:" then "- Xen packages, version 4.8.5-13",
//              "- Linux kernel packages, versions 5.9.14-1, 5.4.83-1",
//              "- qubes-core-vm (Fedora) / qubes-core-agent (Debian) 3.2.24",
//              "- qubes-core-admin-client, python3-qubesadmin version 4.0.26",
//              tables "| qubes-template-debian-8 | qubes-template-debian-8-4.0.1-2019... |"
//   2023+      "For Qubes 4.2, in dom0:\n - Xen packages, version 4.17.5-10\n
//              - amd-ucode-firmware version 20250708-1", "- dracut-059-4",
//              "For Qubes OS 4.2 and 4.3, in dom0:"
import { kernelFamiliesFromText, resolvePackageWords, type PackageRef } from "@/lib/vocabulary/package-family";
import { parseRelease, type StatedRelease } from "@/lib/vocabulary/release";
import { classifyWhere, type Distribution, type Where } from "@/lib/vocabulary/where";
import type { ParsedFix, ParseWarning } from "../types";
import { MAX_LINE, MAX_SENTENCE, collapse, type Section, type Sentence } from "./text";

/** Sections that carry package lists. */
export function isPatchSection(heading: string): boolean {
  return /^(?:\(proper\)\s*)?patching\b|alternative\s+patching|user\s+action|^resolution$|non-vulnerable.*packages|patching\s+approach|availability\s+of\s+patches/i.test(
    heading,
  );
}

// --- releases -----------------------------------------------------------------

/** "R3.0" → 3.0, "3.2" → 3.2, "R2" / "Release 2" → 2, "R2-beta3" → 2 (stage "beta 3"), "4" → 4.0 (lib/vocabulary/release). */
export function normRelease(token: string): StatedRelease | null {
  return parseRelease(token);
}

const REL_TOKEN = String.raw`(?:R|Release\s+)?\d{1,2}(?:\.\d{1,2})?(?:[-\s]?(?:beta|rc)[-\s]?\d*)?`;
const RELEASE_LINE = new RegExp(
  String.raw`^(?:#+\s*)?(?:for\s+)?qubes\s+(?:os\s+)?(${REL_TOKEN}(?:\s*(?:,|and|&|\/)\s*${REL_TOKEN})*)\s*(?:,\s*([^:]*?))?\s*(?::\s*(.*))?$`,
  "i",
);

interface ReleaseContext {
  releases: StatedRelease[];
  where: Where | null;
  distribution: Distribution | null;
  /** The line as written, kept beside each fix read under it. */
  line: string;
  /** The line said the release is not affected / needs nothing. */
  nothing: boolean;
}

/** A line that names the release(s), and maybe the location, of the packages listed under it. */
export function parseReleaseLine(line: string): ReleaseContext | null {
  const t = line.trim();
  if (t.length > 160) return null;
  const m = RELEASE_LINE.exec(t);
  if (!m) return null;
  const isHeading = t.startsWith("#");
  const hasColon = t.includes(":");
  if (!isHeading && !hasColon) return null;
  const tail = (m[3] ?? "").trim();
  if (tail && !/\b(?:not\s+affected|no\s+packages?|none|n\/a)\b/i.test(tail) && tail.length > 40) return null;
  const releases = (m[1] ?? "")
    .split(/\s*(?:,|\band\b|&|\/)\s*/i)
    .map((r) => normRelease(r))
    .filter((r): r is StatedRelease => r !== null)
    .filter((r, i, all) => all.findIndex((o) => o.name === r.name && o.stage === r.stage) === i);
  if (releases.length === 0) return null;
  const loc = (m[2] ?? "").trim();
  const place = loc ? classifyWhere(loc) : null;
  return {
    releases,
    where: place?.where ?? null,
    distribution: place?.distribution ?? null,
    line: t,
    nothing: /\b(?:not\s+affected|no\s+packages?)\b/i.test(tail),
  };
}

// --- package names and versions ------------------------------------------------

const VERSION = /^\d[0-9A-Za-z.+~_:]*(?:-[0-9A-Za-z.+~_]+)*$/;

function cleanVersion(v: string): string | null {
  const t = v.trim().replace(/[.,;:]+$/, "");
  return VERSION.test(t) && t.length <= 64 ? t : null;
}

function stripParens(s: string): string {
  // Non-nested parentheticals only; bounded by the caller's line length.
  return s.replace(/\([^()]*\)/g, " ").replace(/\[[^\]]*\]/g, " ");
}

const NAME_TOKEN = /^[a-z0-9][a-z0-9._+-]*(?:-\*|\*)?$/;
const VM_KERNEL_WORDS = /^kernel\*?-(?:latest-)?qubes-vm$/;

/**
 * A package as a bulletin words it, cleaned: "Xen packages" → xen, "Linux
 * kernel packages" → kernel, "Linux kernel packages (kernel*-qubes-vm)" →
 * kernel*-qubes-vm, "New Dom0 kernel packages" → dom0 kernel,
 * "qubes-core-vm-*" → qubes-core-vm; null when it is not a package name.
 * lib/vocabulary/package-family.ts says which packages the words stand for.
 */
export function normPackageName(raw: string): string | null {
  const parens = [...raw.matchAll(/\(([^()]*)\)/g)].map((m) => (m[1] ?? "").trim().toLowerCase());
  let s = collapse(stripParens(raw)).toLowerCase();
  s = s.replace(/^(?:the\s+)?(?:(?:updated|new|multiple|patched|fixed|all)\s+)+/, "");
  s = s.replace(/\s+(?:packages?|rpms?)$/, "").trim();
  if (s === "kernel*-qubes-vm") return s;
  if (/^(?:(?:linux|qubes)\s+)*kernels?$/.test(s)) return parens.some((p) => VM_KERNEL_WORDS.test(p)) ? "kernel*-qubes-vm" : "kernel";
  if (/^dom0\s+(?:linux\s+)?kernels?$/.test(s)) return "dom0 kernel";
  if (/^(?:(?:dom0|qubes)\s+)?xen(?:\s+hypervisor)?$/.test(s)) return "xen";
  if (!NAME_TOKEN.test(s) || s.length > 80) return null;
  s = s.replace(/-?\*$/, "");
  if (!/[a-z]/.test(s)) return null;
  return s;
}

/** A package named by an item, with the distribution the item gives it ("qubes-core-agent (Debian)"). */
export interface NamedPackage {
  words: string;
  distribution: Distribution | null;
  /** Read from an NVR ("kernel-3.12.38-1"): the RPM name as written, not a word of prose. */
  literal?: boolean;
}

/** Split on ",", "/" and "and" outside parentheses. */
function splitOutsideParens(raw: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? "";
    if (c === "(") depth++;
    if (c === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === "," || c === "/")) {
      parts.push(cur);
      cur = "";
      continue;
    }
    if (depth === 0 && /\s/.test(c) && /^\s*and\s/i.test(raw.slice(i))) {
      parts.push(cur);
      cur = "";
      i += /^\s*and/i.exec(raw.slice(i))?.[0].length ?? 0;
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => collapse(p)).filter(Boolean);
}

function splitNames(raw: string): NamedPackage[] | null {
  const parts = splitOutsideParens(raw);
  if (parts.length === 0) return null;
  const names: NamedPackage[] = [];
  for (const p of parts) {
    const words = normPackageName(p);
    if (!words) return null;
    const own = /\(([^()]*)\)/.exec(p);
    names.push({ words, distribution: own ? (classifyWhere(own[1] ?? "")?.distribution ?? null) : null });
  }
  return names;
}

/** "kernel-qubes-vm-3.12.40-3" → [kernel-qubes-vm, 3.12.40-3]; "dracut-059-4" → [dracut, 059-4]. */
export function splitNvr(token: string): { name: string; version: string } | null {
  const t = token.trim().replace(/[.,;:]+$/, "");
  if (t.length > 120 || !/^[A-Za-z0-9][A-Za-z0-9._+~-]*$/.test(t)) return null;
  const parts = t.split("-");
  let at = parts.findIndex((p, i) => i > 0 && /^\d+\.\d/.test(p));
  if (at < 0) at = parts.findIndex((p, i) => i > 0 && /^\d/.test(p));
  if (at < 1) return null;
  const name = normPackageName(parts.slice(0, at).join("-"));
  const version = cleanVersion(parts.slice(at).join("-"));
  if (!name || !version) return null;
  return { name, version };
}

interface Item {
  names: NamedPackage[];
  versions: string[];
  release: StatedRelease | null;
  /** names[i] goes with versions[i] (a list of NVRs) instead of every name with every version. */
  paired?: boolean;
}

const REL_PAREN = /\(\s*(?:qubes\s+(?:os\s+)?)?(R\d(?:\.\d)?|\d\.\d|Release\s+\d)\s*\)\s*$/i;

/** One list item ("Xen packages, version 4.8.5-13", "dracut-059-4", ...) → names × versions, or null. */
export function parseItem(text: string): Item | null {
  let t = collapse(text);
  if (!t || t.length > MAX_LINE) return null;
  let release: StatedRelease | null = null;
  const rel = REL_PAREN.exec(t);
  if (rel) {
    release = normRelease(rel[1] ?? "");
    t = t.slice(0, rel.index).trim();
  }

  // "New Xen packages (xen-4.4.3-11, xen-libs-4.4.3-11)", "(kernel-3.12.38-1)"
  const paren = /^([^()]*)\(([^()]*)\)\s*$/.exec(t);
  if (paren) {
    const tokens = (paren[2] ?? "").split(/\s*,\s*/);
    const nvrs = tokens.map(splitNvr);
    if (tokens.length > 0 && nvrs.every((x) => x !== null)) {
      const valid = nvrs.filter((x): x is { name: string; version: string } => x !== null);
      return { names: valid.map((x) => ({ words: x.name, distribution: null, literal: true })), versions: valid.map((x) => x.version), release, paired: true };
    }
  }

  // "<names>[,] version(s) <v>[, <v>...] [(...)]"
  const kw = /[\s,]versions?\s+/i.exec(t);
  if (kw) {
    const namePart = t.slice(0, kw.index).replace(/[\s,]+$/, "");
    let versionPart = t.slice(kw.index + kw[0].length);
    const cut = versionPart.indexOf("(");
    if (cut >= 0) versionPart = versionPart.slice(0, cut);
    const versions: string[] = [];
    for (const tok of versionPart.split(/\s*(?:,|\band\b)\s*/)) {
      if (!tok.trim()) continue;
      const v = cleanVersion(tok);
      if (!v) break;
      versions.push(v);
    }
    const names = splitNames(namePart);
    if (names && versions.length > 0) return { names, versions, release };
    return null;
  }

  // "<names> <version> [(...)]": "xscreensaver 5.45-5", "Xen packages 4.14.5-22",
  // "qubes-core-vm (Fedora) / qubes-core-agent (Debian) 3.2.24", "rpm 4.14.2.1 (plus ...)"
  let u = t;
  for (let k = 0; k < 3; k++) {
    const trailing = /\s*\([^()]*\)\s*$/.exec(u);
    if (!trailing) break;
    u = u.slice(0, trailing.index);
  }
  const lastSpace = u.lastIndexOf(" ");
  if (lastSpace > 0) {
    const v = cleanVersion(u.slice(lastSpace + 1).replace(/^v(?=\d)/, ""));
    const names = v ? splitNames(u.slice(0, lastSpace)) : null;
    if (v && names) return { names, versions: [v], release };
  }

  // A bare NVR: "qubes-gui-dom0-2.1.34-1", "dracut-050-62.git20200529"
  const nvr = u.includes(" ") ? null : splitNvr(u);
  if (nvr) return { names: [{ words: nvr.name, distribution: null, literal: true }], versions: [nvr.version], release };
  return null;
}

/** Each package of an item with its alternative versions (branches). */
function itemFixes(item: Item): { named: NamedPackage; versions: string[] }[] {
  if (!item.paired) return item.names.map((named) => ({ named, versions: [...new Set(item.versions)] }));
  // A list of NVRs: one package named twice lists two branches ("kernel-3.18.17-8, ..., kernel-3.19.8-101").
  const out: { named: NamedPackage; versions: string[] }[] = [];
  item.names.forEach((named, i) => {
    const version = item.versions[i] ?? "";
    const same = out.find((o) => o.named.words === named.words);
    if (same) {
      if (!same.versions.includes(version)) same.versions.push(version);
    } else out.push({ named, versions: [version] });
  });
  return out;
}

// --- free-form (2011-2013) ---------------------------------------------------------

const PROSE_VERSION = /(?<![A-Za-z0-9])(?:version|v)\s*(\d[0-9A-Za-z.+~_-]*[0-9A-Za-z])/gi;
const PROSE_NAME_VERSION_PACKAGES = /(?<![A-Za-z0-9-])([A-Za-z][A-Za-z0-9_+.-]*)\s+v?(\d+\.\d[0-9A-Za-z.+~_-]*[0-9A-Za-z])\s+packages?\b/gi;
const PROSE_PACKAGE_PHRASE = /(?<![A-Za-z0-9-])(xen|kernel|[a-z][a-z0-9_+.]*(?:-[a-z0-9_+.*]+)+)\s+(?:vm\s+)?packages?\b/gi;
const PROSE_RELEASE = /\bQubes\s+(?:OS\s+)?(?:Release\s+(\d)|R(\d(?:\.\d)?)|(\d\.\d)\b)(?:[\s-]+((?:beta|rc)[\s-]*\d*))?/gi;

interface Hit {
  at: number;
  end: number;
  name: string | null;
  version: string;
}

function proseHits(s: string): Hit[] {
  const hits: Hit[] = [];
  let m: RegExpExecArray | null;
  PROSE_NAME_VERSION_PACKAGES.lastIndex = 0;
  while ((m = PROSE_NAME_VERSION_PACKAGES.exec(s)) !== null) {
    const v = cleanVersion(m[2] ?? "");
    const name = normPackageName(m[1] ?? "");
    if (v && name) hits.push({ at: m.index, end: m.index + m[0].length, name, version: v });
  }
  const covered = hits.map((h) => [h.at, h.end] as const);
  PROSE_VERSION.lastIndex = 0;
  while ((m = PROSE_VERSION.exec(s)) !== null) {
    const at = m.index;
    const end = at + m[0].length;
    if (covered.some(([a, b]) => at < b && end > a)) continue;
    const v = cleanVersion(m[1] ?? "");
    if (!v || !/[.-]/.test(v)) continue;
    // The package named right before "version": "qubes-gui-dom0 version 1.2.11", "(qubes-core-vm-* version 1.7.48)"
    const before = s.slice(Math.max(0, at - 80), at);
    const tok = /([A-Za-z][A-Za-z0-9_+.*-]*)\s*\(?\s*$/.exec(before);
    let name: string | null = null;
    if (tok && (/[-_]/.test(tok[1] ?? "") || /^(?:xen|kernel)$/i.test(tok[1] ?? ""))) name = normPackageName(tok[1] ?? "");
    if (!name) {
      // ... else the last "<name> packages" phrase before it: "the patched Xen packages (version 4.1.2-6)"
      PROSE_PACKAGE_PHRASE.lastIndex = 0;
      let p: RegExpExecArray | null;
      const head = s.slice(0, at);
      while ((p = PROSE_PACKAGE_PHRASE.exec(head)) !== null) name = normPackageName(p[1] ?? "") ?? name;
    }
    hits.push({ at, end, name, version: v });
  }
  return hits.sort((a, b) => a.at - b.at);
}

function proseRelease(s: string, at: number): StatedRelease | null {
  let found: StatedRelease | null = null;
  PROSE_RELEASE.lastIndex = 0;
  let m: RegExpExecArray | null;
  const head = s.slice(0, at);
  while ((m = PROSE_RELEASE.exec(head)) !== null) found = normRelease(`${m[1] ?? m[2] ?? m[3] ?? ""} ${m[4] ?? ""}`);
  return found;
}

// --- the section walk ---------------------------------------------------------------

const BULLET = /^(\s*)(?:[-*•])\s+(.*)$/;

export interface FixResult {
  fixes: ParsedFix[];
  /** Release lines that name templates: they ask for a template update. */
  templateLines: string[];
}

/** Where a fix applies and in which distribution, with defaults filled in. */
interface Place {
  where: Where;
  distribution: Distribution | null;
}

export function parseFixes(
  lines: string[],
  sections: Section[],
  sentences: Sentence[],
  warnings: ParseWarning[],
): FixResult {
  const fixes: ParsedFix[] = [];
  const templateLines: string[] = [];
  const seen = new Set<string>();
  // What a bare "Linux kernel packages" means here, from the bulletin's own (unquoted) words.
  const kernelMeans = kernelFamiliesFromText(lines.filter((l) => l.length <= MAX_LINE && !l.trimStart().startsWith("|")).join("\n"));
  const emit = (
    release: StatedRelease | null,
    named: NamedPackage,
    versions: string[],
    place: Place,
    rawLine: string,
    releaseLine: string | null,
  ): number => {
    const refs: PackageRef[] | null = resolvePackageWords(named.words, named.literal ? [] : kernelMeans);
    if (!refs) return 0;
    let n = 0;
    for (const ref of refs) {
      const f: ParsedFix = {
        release: release?.name ?? null,
        releaseStage: release?.stage ?? null,
        family: ref.family,
        package: ref.package,
        versions,
        where: place.where,
        distribution: named.distribution ?? place.distribution,
        rawLine,
        releaseLine,
      };
      const key = JSON.stringify([f.release, f.releaseStage, f.family, f.package, f.versions, f.where, f.distribution]);
      if (seen.has(key)) continue;
      seen.add(key);
      // Two items of one package under one release line are alternatives too
      // ("Kernel packages, version 4.4.67-13" and "..., version 4.9.33-18").
      const sibling = releaseLine === null ? undefined : fixes.find(
        (o) => o.releaseLine === releaseLine && o.release === f.release && o.releaseStage === f.releaseStage && o.family === f.family &&
          o.package === f.package && o.where === f.where && o.distribution === f.distribution && o.rawLine !== rawLine,
      );
      if (sibling) {
        sibling.versions = [...new Set([...sibling.versions, ...versions])];
        sibling.rawLine = `${sibling.rawLine} / ${rawLine}`;
        continue;
      }
      fixes.push(f);
      n++;
    }
    return n;
  };

  const bySection = new Map<number, Sentence[]>();
  for (const s of sentences) {
    if (s.quote || s.section < 0) continue;
    const list = bySection.get(s.section);
    if (list) list.push(s);
    else bySection.set(s.section, [s]);
  }
  sections.forEach((section, k) => {
    if (!isPatchSection(section.heading)) return;
    const sectionSentences = bySection.get(k) ?? [];
    const defaultWhere: Where = sectionInstallLocation(sectionSentences) ?? "dom0";
    let ctx: ReleaseContext | null = null;
    let found = 0;
    let listed = 0;
    const contextPlace = (): Place => ({ where: ctx?.where ?? defaultWhere, distribution: ctx?.distribution ?? null });
    for (let i = section.start; i < section.end; i++) {
      const raw = lines[i] ?? "";
      if (raw.length > MAX_LINE) continue;
      const t = raw.trim();
      if (!t) continue;
      const rl = parseReleaseLine(t);
      if (rl) {
        ctx = rl;
        listed++;
        if (rl.where && rl.where !== "dom0") templateLines.push(t);
        continue;
      }
      // Tables of old → new template packages (QSB-046).
      if (t.startsWith("|")) {
        const cells = t.split("|").map((c) => c.trim()).filter((_, idx, arr) => idx > 0 && idx < arr.length - 1);
        const [oldName, newCell] = cells;
        if (cells.length === 2 && oldName && newCell && /^[a-z0-9][a-z0-9._+-]*$/.test(oldName) && newCell.startsWith(`${oldName}-`)) {
          const version = cleanVersion(newCell.slice(oldName.length + 1));
          if (version) {
            const releases: (StatedRelease | null)[] = ctx?.releases.length ? ctx.releases : [null];
            for (const release of releases) {
              found += emit(release, { words: oldName, distribution: null }, [version], contextPlace(), t, ctx?.line ?? null);
            }
          }
        }
        continue;
      }
      const b = BULLET.exec(raw);
      if (!b) continue;
      // Join wrapped continuation lines (more indented, not a new item); the
      // fix's rawLine is then the item's trimmed lines joined with a space.
      const indent = (b[1] ?? "").length;
      let text = b[2] ?? "";
      let rawLine = t;
      let j = i + 1;
      while (j < section.end && j <= i + 3) {
        const next = lines[j] ?? "";
        const nt = next.trim();
        if (!nt || next.length > MAX_LINE || BULLET.test(next) || parseReleaseLine(nt)) break;
        const nextIndent = next.length - next.trimStart().length;
        if (nextIndent <= indent) break;
        text += ` ${nt}`;
        rawLine += ` ${nt}`;
        j++;
      }
      const item = parseItem(text);
      if (!item) {
        if (ctx && !ctx.nothing && !/\b(?:no|not|none)\b/i.test(text) && i - section.start < 200) {
          warnings.push({ line: i + 1, message: `no package version could be read from the list item '${collapse(text).slice(0, 80)}'` });
        }
        continue;
      }
      i = j - 1;
      listed++;
      const releases: (StatedRelease | null)[] = item.release ? [item.release] : ctx?.releases.length ? ctx.releases : [null];
      // "- qubes-gui-agent version 4.2.17 (all templates)" narrows "in dom0 and templates";
      // "(Fedora templates and dom0)" names the distribution too.
      const own = /\(([^()]*)\)\s*$/.exec(text);
      const ownPlace = own && /template|dom0|fedora|debian|whonix/i.test(own[1] ?? "") ? classifyWhere(own[1] ?? "") : null;
      const place: Place = {
        where: ownPlace?.where ?? contextPlace().where,
        distribution: ownPlace?.distribution ?? contextPlace().distribution,
      };
      for (const release of releases) {
        for (const { named, versions } of itemFixes(item)) {
          found += emit(release, named, versions, place, collapse(rawLine), ctx?.line ?? null);
        }
      }
    }

    // Prose, when the section has no list (2011-2013).
    if (found === 0 && listed === 0) {
      for (const s of sectionSentences) {
        if (s.text.length > MAX_SENTENCE) continue;
        for (const h of proseHits(s.text)) {
          if (!h.name) continue;
          // The source line is the one holding the version (wrapped prose).
          let line = s.line;
          for (let j = s.line; j < Math.min(section.end, s.line + 12); j++) {
            if ((lines[j] ?? "").includes(h.version)) {
              line = j;
              break;
            }
          }
          found += emit(
            proseRelease(s.text, h.at),
            { words: h.name, distribution: null },
            [h.version],
            { where: defaultWhere, distribution: null },
            collapse(lines[line] ?? "").slice(0, MAX_LINE),
            null,
          );
        }
      }
    }
  });
  return { fixes, templateLines };
}

/** "The packages are to be installed in every template VM and standalone VM." → templates. */
function sectionInstallLocation(sentences: Sentence[]): Where | null {
  for (const s of sentences) {
    if (s.text.length > MAX_SENTENCE) continue;
    const m = /\binstall(?:ed)?\b((?:\s+[^\s.;]+){0,3}?)\s+(?:in|into|on)\s+([^.;]{1,120})/i.exec(s.text);
    if (!m) continue;
    // "in Dom0 via qubes-dom0-update" → only the place, not the tool.
    const place = (m[2] ?? "").split(/\s+(?:via|using|with|by|from|through)\s+/i)[0] ?? "";
    const where = classifyWhere(place)?.where;
    if (where) return where;
  }
  return null;
}
