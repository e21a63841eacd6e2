// One test per row of the package-family table, and the words the bulletins use.
import assert from "node:assert/strict";
import test, { describe } from "node:test";
import { PACKAGE_FAMILIES, getFamily, kernelFamiliesFromText, packagesOf, resolvePackageWords } from "@/lib/vocabulary/package-family";

const names = (id: string) => getFamily(id)?.packages ?? [];

describe("the package family table", () => {
  test("every row is documented and has its primary package", () => {
    for (const f of PACKAGE_FAMILIES) {
      assert.ok(f.note.length > 10, f.id);
      assert.ok(f.packages.includes(f.primary), f.id);
    }
  });
  test("xen: the xen source's packages, never xen-hvm-stubdom-*", () => {
    for (const n of ["xen", "xen-hypervisor", "xen-libs", "xen-runtime", "xen-licenses", "python3-xen"]) assert.ok(names("xen").includes(n), n);
    assert.ok(!names("xen").some((n) => n.startsWith("xen-hvm-stubdom")));
    assert.ok(!names("xen").includes("qubes-libvchan-xen"));
    assert.equal(packagesOf({ family: "xen", package: "xen" }).match, "all");
  });
  test("kernel: the dom0 kernels, any one", () => {
    assert.deepEqual(names("kernel"), ["kernel", "kernel-latest"]);
    assert.equal(packagesOf({ family: "kernel", package: "kernel" }).match, "any");
  });
  test("kernel-vm: kernel*-qubes-vm", () => {
    assert.deepEqual(names("kernel-vm"), ["kernel-qubes-vm", "kernel-latest-qubes-vm"]);
    assert.deepEqual(resolvePackageWords("kernel*-qubes-vm"), [{ family: "kernel-vm", package: "kernel-qubes-vm" }]);
  });
  test("microcode_ctl", () => {
    assert.deepEqual(resolvePackageWords("microcode_ctl"), [{ family: "microcode_ctl", package: "microcode_ctl" }]);
  });
  test("linux-firmware with its split packages, not the old iwlNNNN-firmware", () => {
    for (const n of ["linux-firmware", "linux-firmware-whence", "amd-ucode-firmware", "amd-gpu-firmware", "intel-gpu-firmware"]) assert.ok(names("linux-firmware").includes(n), n);
    assert.ok(!names("linux-firmware").includes("iwl7260-firmware"));
  });
  test("amd-ucode-firmware on its own", () => {
    assert.deepEqual(resolvePackageWords("amd-ucode-firmware"), [{ family: "amd-ucode-firmware", package: "amd-ucode-firmware" }]);
  });
  test("qrexec packages", () => {
    assert.deepEqual(resolvePackageWords("qrexec"), [{ family: "qrexec", package: "qubes-core-qrexec" }]);
    assert.ok(names("qrexec").includes("qubes-core-qrexec-dom0"));
  });
  test("LVM2 packages, not device-mapper (its own versions)", () => {
    assert.deepEqual(names("lvm2"), ["lvm2", "lvm2-libs"]);
  });
  test("dracut", () => assert.ok(names("dracut").includes("dracut-config-rescue")));
  test("xscreensaver: dom0 has xscreensaver-base", () => {
    assert.deepEqual(resolvePackageWords("xscreensaver"), [{ family: "xscreensaver", package: "xscreensaver-base" }]);
  });
  test("rpm and its libraries", () => assert.ok(names("rpm").includes("rpm-libs")));
  test("qubes-utils", () => assert.deepEqual(names("qubes-utils"), ["qubes-utils", "qubes-utils-libs"]));
  test("qubes-* packages are the one RPM named", () => {
    assert.deepEqual(resolvePackageWords("qubes-core-dom0"), [{ family: "package", package: "qubes-core-dom0" }]);
    assert.deepEqual(packagesOf({ family: "package", package: "qubes-gui-agent" }), { names: ["qubes-gui-agent"], match: "all" });
  });
});

describe("which kernels a bare \"Linux kernel packages\" means", () => {
  test("from the bulletin's own words", () => {
    assert.deepEqual(kernelFamiliesFromText("a fix in the Linux PV block backend"), ["kernel"]);
    assert.deepEqual(kernelFamiliesFromText("(e.g., using the `kernel-latest-qubes-vm` package)"), ["kernel-vm"]);
    assert.deepEqual(kernelFamiliesFromText("new Dom0 kernel binaries. By default, qube kernels are provided by dom0."), ["kernel", "kernel-vm"]);
    assert.deepEqual(kernelFamiliesFromText("Users who are using in-VM kernels should note"), ["kernel"]);
    assert.deepEqual(resolvePackageWords("kernel", ["kernel-vm"]), [{ family: "kernel-vm", package: "kernel-qubes-vm" }]);
    assert.deepEqual(resolvePackageWords("kernel", []), [{ family: "kernel", package: "kernel" }]);
    assert.deepEqual(resolvePackageWords("dom0 kernel", ["kernel-vm"]), [{ family: "kernel", package: "kernel" }]);
  });
});
