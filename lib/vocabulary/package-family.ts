// What a bulletin's package words mean as installed RPM packages: the one
// table of package families. A fix names a family ("Xen packages") or one
// package ("qubes-core-dom0"); the check compares the installed packages the
// family stands for.
//
// match:
//   "all": binary packages built from one source, always updated together;
//          every one installed must be at least the fixed version (an old
//          xen-libs beside a new xen-hypervisor is not fixed).
//   "any": install-only packages kept side by side (kernels); the fix is in
//          once one installed package is fixed (the answer then says to boot it).
//
// A word the table does not know is a package name as written (family
// "package": that one RPM).

export const FAMILY_IDS = [
  "xen",
  "kernel",
  "kernel-vm",
  "microcode_ctl",
  "linux-firmware",
  "amd-ucode-firmware",
  "qrexec",
  "lvm2",
  "dracut",
  "xscreensaver",
  "rpm",
  "qubes-utils",
  "package",
] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

export interface PackageFamily {
  id: Exclude<FamilyId, "package">;
  /** As the pages say it. */
  label: string;
  /** The package named in answers when none of the family is installed. */
  primary: string;
  /** The binary packages, exactly (no patterns: a pattern would catch packages with their own versions). */
  packages: readonly string[];
  match: "all" | "any";
  /** Why the set is what it is. */
  note: string;
}

export const PACKAGE_FAMILIES: readonly PackageFamily[] = [
  {
    id: "xen",
    label: "Xen packages",
    primary: "xen",
    packages: ["xen-hypervisor", "xen", "xen-libs", "xen-runtime", "xen-licenses", "xen-doc", "xen-devel", "xen-qubes-vm", "python3-xen", "python-xen", "xen-hvm"],
    match: "all",
    note: "built from the xen source; xen-hvm-stubdom-linux, -linux-full and -legacy are built from their own sources with their own versions and are never Xen packages here",
  },
  {
    id: "kernel",
    label: "dom0 Linux kernel packages",
    primary: "kernel",
    packages: ["kernel", "kernel-latest"],
    match: "any",
    note: "the kernels dom0 boots; \"Linux kernel packages\" means these unless the bulletin's text names the VM kernels",
  },
  {
    id: "kernel-vm",
    label: "VM kernel packages (kernel*-qubes-vm)",
    primary: "kernel-qubes-vm",
    packages: ["kernel-qubes-vm", "kernel-latest-qubes-vm"],
    match: "any",
    note: "installed in dom0, they provide the kernels qubes boot by default (\"kernel*-qubes-vm\")",
  },
  {
    id: "microcode_ctl",
    label: "Intel CPU microcode (microcode_ctl)",
    primary: "microcode_ctl",
    packages: ["microcode_ctl"],
    match: "all",
    note: "Intel microcode updates in dom0",
  },
  {
    id: "linux-firmware",
    label: "linux-firmware and its split packages",
    primary: "linux-firmware",
    packages: [
      "linux-firmware",
      "linux-firmware-whence",
      "amd-gpu-firmware",
      "amd-ucode-firmware",
      "atheros-firmware",
      "brcmfmac-firmware",
      "cirrus-audio-firmware",
      "dvb-firmware",
      "intel-audio-firmware",
      "intel-gpu-firmware",
      "intel-vsc-firmware",
      "iwlegacy-firmware",
      "iwlwifi-dvm-firmware",
      "iwlwifi-mld-firmware",
      "iwlwifi-mvm-firmware",
      "libertas-firmware",
      "liquidio-firmware",
      "mlxsw_spectrum-firmware",
      "mrvlprestera-firmware",
      "mt7xxx-firmware",
      "netronome-firmware",
      "nvidia-gpu-firmware",
      "nxpwireless-firmware",
      "qcom-firmware",
      "qed-firmware",
      "realtek-firmware",
      "tiwilink-firmware",
    ],
    match: "all",
    note: "Fedora 38 and later split linux-firmware into these packages of the same source and version; the older iwlNNNN-firmware packages keep their own versions and are not included",
  },
  {
    id: "amd-ucode-firmware",
    label: "AMD CPU microcode (amd-ucode-firmware)",
    primary: "amd-ucode-firmware",
    packages: ["amd-ucode-firmware"],
    match: "all",
    note: "a bulletin that names amd-ucode-firmware asks for that package alone",
  },
  {
    id: "qrexec",
    label: "qrexec packages",
    primary: "qubes-core-qrexec",
    packages: ["qubes-core-qrexec", "qubes-core-qrexec-libs", "qubes-core-qrexec-dom0", "qubes-core-qrexec-vm", "qubes-core-qrexec-vm-selinux", "qubes-core-qrexec-devel"],
    match: "all",
    note: "built from the qubes-core-qrexec source",
  },
  {
    id: "lvm2",
    label: "LVM2 packages",
    primary: "lvm2",
    packages: ["lvm2", "lvm2-libs"],
    match: "all",
    note: "device-mapper packages come from the same source with their own version numbers (1.02.x) and are not compared",
  },
  {
    id: "dracut",
    label: "dracut",
    primary: "dracut",
    packages: ["dracut", "dracut-config-generic", "dracut-config-rescue", "dracut-network", "dracut-squash", "dracut-caps", "dracut-live"],
    match: "all",
    note: "built from the dracut source",
  },
  {
    id: "xscreensaver",
    label: "xscreensaver",
    primary: "xscreensaver-base",
    packages: ["xscreensaver", "xscreensaver-base", "xscreensaver-extras", "xscreensaver-extras-base", "xscreensaver-gl-base", "xscreensaver-gl-extras"],
    match: "all",
    note: "dom0 usually has xscreensaver-base, not the xscreensaver meta package",
  },
  {
    id: "rpm",
    label: "rpm",
    primary: "rpm",
    packages: ["rpm", "rpm-libs", "rpm-build-libs", "rpm-sign-libs", "python2-rpm", "python3-rpm", "rpm-plugin-selinux", "rpm-plugin-systemd-inhibit"],
    match: "all",
    note: "built from the rpm source",
  },
  {
    id: "qubes-utils",
    label: "qubes-utils",
    primary: "qubes-utils",
    packages: ["qubes-utils", "qubes-utils-libs"],
    match: "all",
    note: "built from the qubes-linux-utils source",
  },
];

const BY_ID = new Map<string, PackageFamily>(PACKAGE_FAMILIES.map((f) => [f.id, f]));

export function getFamily(id: string): PackageFamily | null {
  return BY_ID.get(id) ?? null;
}

/** The family a stored value names; an unknown one reads as "package" (one RPM as written). */
export function toFamilyId(value: string): FamilyId {
  return (FAMILY_IDS as readonly string[]).includes(value) ? (value as FamilyId) : "package";
}

/** What a fix stands for: its family and the package it was named by. */
export interface PackageRef {
  family: FamilyId;
  /** The family's primary package, or the RPM name as written. */
  package: string;
}

/**
 * The words of a bulletin for a package (lower case, parentheticals and
 * "updated", "new", "packages" already removed) → what they name; null when
 * they are not a package name. `kernelMeans` says which kernels a bare
 * "kernel" means in this bulletin (see kernelFamiliesFromText); empty when
 * the word is an RPM name as written ("kernel-3.12.38-1"): the dom0 kernel.
 */
export function resolvePackageWords(words: string, kernelMeans: readonly ("kernel" | "kernel-vm")[] = ["kernel"]): PackageRef[] | null {
  const s = words.trim();
  if (/^(?:(?:dom0|qubes)\s+)?xen(?:\s+hypervisor)?$/.test(s)) return [{ family: "xen", package: "xen" }];
  if (/^kernel\*-qubes-vm$|^(?:vm|qube|domu)\s+kernels?$/.test(s)) return [{ family: "kernel-vm", package: "kernel-qubes-vm" }];
  if (/^dom0\s+(?:linux\s+)?kernels?$/.test(s)) return [{ family: "kernel", package: "kernel" }];
  if (s === "kernel" && kernelMeans.length === 0) return [{ family: "kernel", package: "kernel" }];
  if (/^(?:linux\s+)?kernels?$/.test(s)) return kernelMeans.map((family) => ({ family, package: family === "kernel" ? "kernel" : "kernel-qubes-vm" }));
  if (s === "qrexec") return [{ family: "qrexec", package: "qubes-core-qrexec" }];
  if (s === "lvm2") return [{ family: "lvm2", package: "lvm2" }];
  if (s === "libvchan") return [{ family: "package", package: "qubes-libvchan-xen" }];
  if (!/^[a-z0-9][a-z0-9._+-]*$/.test(s) || s.length > 80 || !/[a-z]/.test(s)) return null;
  const family = PACKAGE_FAMILIES.find((f) => f.primary === s || f.id === s);
  if (family) return [{ family: family.id, package: family.primary }];
  return [{ family: "package", package: s }];
}

/**
 * Which kernels a bare "Linux kernel packages" means in this bulletin, from
 * its own words: the VM kernels where it names kernel*-qubes-vm or the
 * kernels qubes get from dom0; the dom0 kernel where it says "dom0 kernel"
 * or names no VM kernel at all; both where it says both.
 */
export function kernelFamiliesFromText(text: string): ("kernel" | "kernel-vm")[] {
  const vm = /kernel\*?-(?:latest-)?qubes-vm|\bqube kernels\b|\bkernels? provided by dom0\b|\bdom0-provided kernel|(?<!in-)\bVM kernels?\b/i.test(text);
  const dom0 = /\bdom0 kernel/i.test(text);
  if (vm && dom0) return ["kernel", "kernel-vm"];
  if (vm) return ["kernel-vm"];
  return ["kernel"];
}

/** The installed packages a fix of this family and package is compared with. */
export function packagesOf(ref: PackageRef): { names: readonly string[]; match: "all" | "any" } {
  const family = getFamily(ref.family);
  if (family) return { names: family.packages, match: family.match };
  return { names: [ref.package], match: /^kernel(?:-latest)?(?:-qubes-vm)?$/.test(ref.package) ? "any" : "all" };
}

/** "Xen packages", "VM kernel packages (kernel*-qubes-vm)", or the RPM name. */
export function familyLabel(ref: PackageRef): string {
  return getFamily(ref.family)?.label ?? ref.package;
}

/**
 * The source a fix's packages are built from, for telling which later
 * bulletins vouch for a branch: the dom0 and VM kernels of one version come
 * from one Linux source, so a later VM-kernel fix on 5.15 vouches for the
 * dom0 kernel's 5.15 branch too.
 */
export function sourceOf(ref: PackageRef): string {
  if (ref.family === "kernel" || ref.family === "kernel-vm") return "linux";
  return ref.family === "package" ? `package:${ref.package}` : ref.family;
}
