import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { checkFixes, type RequiredFix } from "@/lib/rpm/check";
import { parseInstalledPackages } from "@/lib/rpm/installed";

const installed = (text: string) => {
  const { packages, unparsed } = parseInstalledPackages(text);
  assert.deepEqual(unparsed, []);
  return packages;
};
const fix = (bulletin: number, pkg: string, version: string, location = "dom0"): RequiredFix => ({
  bulletin,
  package: pkg,
  version,
  location,
});

// Qubes 4.2 dom0, `rpm -qa`.
const DOM0 = installed(
  [
    "xen-4.17.5-10.fc37.x86_64",
    "xen-hypervisor-4.17.5-10.fc37.x86_64",
    "xen-libs-4.17.5-10.fc37.x86_64",
    "xen-runtime-4.17.5-10.fc37.x86_64",
    "python3-xen-4.17.5-10.fc37.x86_64",
    "kernel-6.6.42-1.qubes.fc37.x86_64",
    "kernel-6.6.48-1.qubes.fc37.x86_64",
    "kernel-latest-6.10.8-1.qubes.fc37.x86_64",
    "kernel-qubes-vm-6.6.48-1.qubes.fc37.x86_64",
    "linux-firmware-20250708-1.fc37.noarch",
    "microcode_ctl-2.1-53.3.fc37.x86_64",
    "qubes-core-dom0-4.2.30-1.fc37.noarch",
    "qubes-gui-dom0-4.2.8-1.fc37.x86_64",
  ].join("\n"),
);

describe("checkFixes", () => {
  test("fixed", () => {
    const [r] = checkFixes(DOM0, [fix(100, "qubes-core-dom0", "4.2.30-1")]);
    assert.equal(r!.status, "fixed");
    assert.equal(r!.explanation, "qubes-core-dom0 4.2.30-1.fc37 is 4.2.30-1 or newer (QSB-100)");
    assert.deepEqual(r!.considered, [
      { name: "qubes-core-dom0", evr: "4.2.30-1.fc37", arch: "noarch", line: 12, satisfies: true },
    ]);
    assert.equal(r!.decidedBy, r!.considered[0]);
    assert.equal(r!.caveat, null);
  });

  test("missing", () => {
    const [r] = checkFixes(DOM0, [fix(110, "xen", "4.17.5-11")]);
    assert.equal(r!.status, "missing");
    assert.equal(r!.explanation, "xen-hypervisor 4.17.5-10.fc37 is older than 4.17.5-11 (QSB-110)");
    assert.deepEqual(
      r!.considered.map((c) => [c.name, c.evr, c.satisfies]),
      [["xen-hypervisor", "4.17.5-10.fc37", false]],
    );
  });

  test("not installed", () => {
    const [r] = checkFixes(DOM0, [fix(110, "amd-ucode-firmware", "20250708-1")]);
    assert.equal(r!.status, "not-installed");
    assert.equal(r!.explanation, "no package named amd-ucode-firmware in the list (QSB-110)");
    assert.deepEqual(r!.considered, []);
    assert.equal(r!.decidedBy, null);
  });

  test("not installed: xen and kernel name the packages looked for", () => {
    const [x, k] = checkFixes([], [fix(1, "xen", "4.17.5-11"), fix(2, "kernel", "6.6.50-1")]);
    assert.equal(x!.status, "not-installed");
    assert.equal(x!.explanation, "no Xen package (xen-hypervisor, xen, xen-libs) in the list (QSB-001)");
    assert.equal(k!.status, "not-installed");
    assert.equal(k!.explanation, "no dom0 kernel package (kernel, kernel-latest) in the list (QSB-002)");
  });

  test("dist tag: 13.fc25 satisfies 13, 12.fc25 does not", () => {
    const pkgs = installed("xen-hypervisor-4.8.5-13.fc25.x86_64");
    const [same, newer] = checkFixes(pkgs, [fix(50, "xen", "4.8.5-13"), fix(51, "xen", "4.8.5-14")]);
    assert.equal(same!.status, "fixed");
    assert.equal(same!.explanation, "xen-hypervisor 4.8.5-13.fc25 is 4.8.5-13 or newer (QSB-050)");
    assert.equal(newer!.status, "missing");
    const [older] = checkFixes(installed("xen-4.8.5-12.fc25.x86_64"), [fix(50, "xen", "4.8.5-13")]);
    assert.equal(older!.status, "missing");
  });

  test("release suffixes like .qubes1 compare as rpm does", () => {
    const pkgs = installed("microcode_ctl-2.1-34.qubes1.x86_64");
    const results = checkFixes(pkgs, [fix(40, "microcode_ctl", "2.1-33.qubes1"), fix(41, "microcode_ctl", "2.1-34.qubes1")]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fixed", "fixed"],
    );
    const [r] = checkFixes(pkgs, [fix(42, "microcode_ctl", "2.1-35")]);
    assert.equal(r!.status, "missing");
  });

  test("epoch: the installed epoch is ignored when the bulletin gives none", () => {
    // Qubes builds Xen with epoch 2001 and its kernels with epoch 1000.
    const pkgs = installed(
      [
        "xen-hypervisor-2001:4.17.5-10.fc37.x86_64",
        "xen-2001:4.17.5-10.fc37.x86_64",
        "kernel-1000:6.6.48-1.qubes.fc37.x86_64",
      ].join("\n"),
    );
    const [x, k] = checkFixes(pkgs, [fix(110, "xen", "4.17.5-11"), fix(111, "kernel", "6.6.48-1")]);
    assert.equal(x!.status, "missing");
    assert.equal(x!.explanation, "xen-hypervisor 4.17.5-10.fc37 is older than 4.17.5-11 (QSB-110)");
    assert.equal(x!.considered[0]!.evr, "2001:4.17.5-10.fc37");
    assert.equal(k!.status, "fixed");
  });

  test("epoch: an explicit epoch in the fix is compared", () => {
    const pkgs = installed("xen-hypervisor-2001:4.17.5-10.fc37.x86_64\nfoo-1:1.0-1.fc37.noarch");
    const results = checkFixes(pkgs, [
      fix(1, "xen", "2001:4.17.5-11"),
      fix(2, "xen", "2001:4.17.5-10"),
      fix(3, "xen", "2002:1.0-1"),
      fix(4, "foo", "0:9.0-1"),
      fix(5, "foo", "2:0.1-1"),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["missing", "fixed", "missing", "fixed", "missing"],
    );
    assert.equal(results[0]!.explanation, "xen-hypervisor 2001:4.17.5-10.fc37 is older than 2001:4.17.5-11 (QSB-001)");
  });

  test("xen: xen-hypervisor first, then xen, then xen-libs", () => {
    const [a] = checkFixes(installed("xen-libs-4.17.5-11.fc37.x86_64\nxen-4.17.5-10.fc37.x86_64"), [
      fix(1, "xen", "4.17.5-11"),
    ]);
    assert.equal(a!.status, "missing");
    assert.equal(a!.decidedBy!.name, "xen");
    const [b] = checkFixes(installed("xen-libs-4.17.5-11.fc37.x86_64\npython3-xen-4.17.5-9.fc37.x86_64"), [
      fix(1, "xen", "4.17.5-11"),
    ]);
    assert.equal(b!.status, "fixed");
    assert.equal(b!.decidedBy!.name, "xen-libs");
    const [c] = checkFixes(DOM0, [fix(1, "xen", "4.17.5-10")]);
    assert.equal(c!.status, "fixed");
    assert.deepEqual(
      c!.considered.map((p) => p.name),
      ["xen-hypervisor"],
    );
  });

  test("multiple kernels: any kernel at the fixed version counts, and says which", () => {
    const [r] = checkFixes(DOM0, [fix(105, "kernel", "6.6.45-1")]);
    assert.equal(r!.status, "fixed");
    assert.deepEqual(
      r!.considered.map((c) => [c.name, c.evr, c.satisfies]),
      [
        ["kernel-latest", "6.10.8-1.qubes.fc37", true],
        ["kernel", "6.6.48-1.qubes.fc37", true],
        ["kernel", "6.6.42-1.qubes.fc37", false],
      ],
    );
    assert.equal(r!.explanation, "kernel-latest 6.10.8-1.qubes.fc37 is 6.6.45-1 or newer (QSB-105)");
    assert.equal(
      r!.caveat,
      "Older kernels are installed too (kernel 6.6.42-1.qubes.fc37): the fix applies only while dom0 runs a fixed kernel; check with uname -r.",
    );
    // kernel-qubes-vm is the VMs' kernel, not a dom0 kernel.
    assert.ok(r!.considered.every((c) => c.name !== "kernel-qubes-vm"));
  });

  test("multiple kernels: missing when none is new enough", () => {
    const [r] = checkFixes(DOM0, [fix(106, "kernel", "6.11.1-1")]);
    assert.equal(r!.status, "missing");
    assert.equal(
      r!.explanation,
      "kernel-latest 6.10.8-1.qubes.fc37 (the newest of 3 installed kernels) is older than 6.11.1-1 (QSB-106)",
    );
    assert.ok(r!.considered.every((c) => !c.satisfies));
  });

  test("multiple kernels: all fixed still reminds to check the running one", () => {
    const [r] = checkFixes(DOM0, [fix(107, "kernel", "6.6.40-1")]);
    assert.equal(r!.status, "fixed");
    assert.match(r!.caveat ?? "", /uname -r/);
  });

  test("kernel-latest named on its own matches only kernel-latest", () => {
    const [r] = checkFixes(DOM0, [fix(108, "kernel-latest", "6.10.9-1")]);
    assert.equal(r!.status, "missing");
    assert.deepEqual(
      r!.considered.map((c) => c.name),
      ["kernel-latest"],
    );
  });

  test("several fixes of one package are each reported, in order", () => {
    const results = checkFixes(DOM0, [
      fix(90, "xen", "4.17.5-8"),
      fix(91, "linux-firmware", "20250708-1"),
      fix(92, "xen", "4.17.5-10"),
      fix(93, "xen", "4.17.5-12"),
    ]);
    assert.deepEqual(
      results.map((r) => [r.fix.bulletin, r.status]),
      [
        [90, "fixed"],
        [91, "fixed"],
        [92, "fixed"],
        [93, "missing"],
      ],
    );
  });

  test("a fix without release matches any release of that version", () => {
    const [r] = checkFixes(installed("qubes-core-qrexec-dom0-4.1.21-1.fc32.x86_64"), [
      fix(70, "qubes-core-qrexec-dom0", "4.1.21"),
    ]);
    assert.equal(r!.status, "fixed");
  });

  test("package names match case-insensitively", () => {
    const [r] = checkFixes(installed("NetworkManager-1.40.18-1.fc37.x86_64"), [fix(5, "networkmanager", "1.40.18-1")]);
    assert.equal(r!.status, "fixed");
  });

  test("fixes outside dom0 carry a caveat", () => {
    const [r] = checkFixes(DOM0, [fix(60, "qubes-core-agent", "4.2.30-1", "templates")]);
    assert.equal(r!.status, "not-installed");
    assert.match(r!.caveat ?? "", /for templates, not dom0/);
  });

  test("works from a dnf list paste too", () => {
    const pkgs = installed(
      [
        "Installed Packages",
        "kernel.x86_64                 1000:6.6.42-1.qubes.fc37    @anaconda",
        "kernel.x86_64                 1000:6.6.48-1.qubes.fc37    @qubes-dom0-cached",
        "xen-hypervisor.x86_64         2001:4.17.5-11.fc37         @qubes-dom0-cached",
        "amd-ucode-firmware.noarch     20250708-1.fc37             @qubes-dom0-cached",
      ].join("\n"),
    );
    const results = checkFixes(pkgs, [
      fix(110, "xen", "4.17.5-11"),
      fix(110, "kernel", "6.6.48-1"),
      fix(110, "amd-ucode-firmware", "20250708-1"),
      fix(111, "amd-ucode-firmware", "20250909-1"),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["fixed", "fixed", "fixed", "missing"],
    );
    assert.equal(results[1]!.decidedBy!.evr, "1000:6.6.48-1.qubes.fc37");
    assert.equal(
      results[3]!.explanation,
      "amd-ucode-firmware 20250708-1.fc37 is older than 20250909-1 (QSB-111)",
    );
  });
});
