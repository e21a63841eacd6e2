import assert from "node:assert/strict";
import test, { describe } from "node:test";
import {
  MAX_ECHO_CHARS,
  MAX_INPUT_CHARS,
  MAX_INPUT_LINES,
  parseInstalledPackages,
  type InstalledPackage,
} from "@/lib/rpm/installed";

const find = (pkgs: InstalledPackage[], name: string) => pkgs.filter((p) => p.name === name);

// `rpm -qa` in a Qubes 4.2 dom0 (Fedora 37), pasted with a prompt, a blank
// line, indentation and Windows line endings.
const RPM_QA = [
  "[user@dom0 ~]$ rpm -qa | sort", //  1
  "amd-ucode-firmware-20250708-1.fc37.noarch", //  2
  "bash-5.2.15-3.fc37.x86_64", //  3
  "gpg-pubkey-3a6a4d5c-5b2a0c6c", //  4
  "kernel-6.6.42-1.qubes.fc37.x86_64", //  5
  "kernel-6.6.48-1.qubes.fc37.x86_64", //  6
  "kernel-latest-6.10.8-1.qubes.fc37.x86_64", //  7
  "kernel-qubes-vm-6.6.48-1.qubes.fc37.x86_64", //  8
  "", //  9
  "libstdc++-12.3.1-1.fc37.x86_64", // 10
  "linux-firmware-20250708-1.fc37.noarch", // 11
  "linux-firmware-whence-20250708-1.fc37.noarch", // 12
  "microcode_ctl-2.1-53.3.fc37.x86_64", // 13
  "python3-xen-4.17.5-10.fc37.x86_64", // 14
  "qubes-core-admin-client-4.2.15-1.fc37.noarch", // 15
  "qubes-core-dom0-4.2.30-1.fc37.noarch", // 16
  "qubes-core-dom0-linux-4.2.21-1.fc37.x86_64", // 17
  "qubes-core-qrexec-dom0-4.2.20-1.fc37.x86_64", // 18
  "qubes-gui-dom0-4.2.8-1.fc37.x86_64", // 19
  "qubes-template-debian-12-xfce-4.2.0-202407251440.noarch", // 20
  "  xen-4.17.5-10.fc37.x86_64  ", // 21
  "xen-hypervisor-4.17.5-10.fc37.x86_64", // 22
  "xen-libs-4.17.5-10.fc37.x86_64", // 23
  "xen-licenses-4.17.5-10.fc37.x86_64", // 24
  "xen-runtime-4.17.5-10.fc37.x86_64", // 25
  "glibc-2.36-18.fc37.i686", // 26
  "[user@dom0 ~]$ ", // 27
].join("\r\n");

// rpm -qa --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\n' (and
// the %{EPOCH} variant, which prints "(none)"), Qubes 4.2 dom0.
const RPM_QA_EPOCH = [
  "xen-2001:4.17.5-10.fc37.x86_64",
  "xen-hypervisor-2001:4.17.5-10.fc37.x86_64",
  "xen-libs-2001:4.17.5-10.fc37.x86_64",
  "xen-runtime-2001:4.17.5-10.fc37.x86_64",
  "xen-licenses-2001:4.17.5-10.fc37.x86_64",
  "python3-xen-2001:4.17.5-10.fc37.x86_64",
  "kernel-1000:6.6.42-1.qubes.fc37.x86_64",
  "kernel-1000:6.6.48-1.qubes.fc37.x86_64",
  "kernel-latest-1000:6.10.8-1.qubes.fc37.x86_64",
  "microcode_ctl-2:2.1-53.3.fc37.x86_64",
  "amd-ucode-firmware-0:20250708-1.fc37.noarch",
  "linux-firmware-0:20250708-1.fc37.noarch",
  "qubes-core-dom0-0:4.2.30-1.fc37.noarch",
  "qubes-gui-dom0-0:4.2.8-1.fc37.x86_64",
  "bash-(none):5.2.15-3.fc37.x86_64",
  "gpg-pubkey-(none):3a6a4d5c-5b2a0c6c.(none)",
  "2:vim-minimal-9.1.158-1.fc37.x86_64",
].join("\n");

// `dnf list installed` (dnf4), Qubes 4.2 dom0, with wrapped long names, a
// repository column wrapped on its own, and the "Available Packages" part.
const DNF4 = `Last metadata expiration check: 0:12:03 ago on Tue 10 Sep 2024 10:00:00 AM CEST.
Installed Packages
amd-ucode-firmware.noarch                    20250708-1.fc37             @qubes-dom0-cached
bash.x86_64                                  5.2.15-3.fc37               @anaconda
kernel.x86_64                                1000:6.6.42-1.qubes.fc37    @anaconda
kernel.x86_64                                1000:6.6.48-1.qubes.fc37    @qubes-dom0-cached
kernel-latest.x86_64                         1000:6.10.8-1.qubes.fc37    @qubes-dom0-cached
linux-firmware.noarch                        20250708-1.fc37             @qubes-dom0-cached
microcode_ctl.x86_64                         2:2.1-53.3.fc37             @qubes-dom0-cached
python3-qubesadmin.noarch                    4.2.15-1.fc37               @qubes-dom0-cached
qubes-core-admin-client.noarch               4.2.15-1.fc37               @qubes-dom0-cached
qubes-core-dom0.noarch                       4.2.30-1.fc37               @qubes-dom0-cached
qubes-core-dom0-linux-kernel-install.x86_64
                                             4.2.21-1.fc37               @qubes-dom0-cached
qubes-core-qrexec-dom0.x86_64                4.2.20-1.fc37               @System
qubes-gui-dom0.x86_64                        4.2.8-1.fc37                @qubes-dom0-cached
qubes-template-debian-12-xfce.noarch
                                             4.2.0-202407251440          @qubes-templates-itl
python3-xen.x86_64                           2001:4.17.5-10.fc37         @qubes-dom0-cached
xen.x86_64                                   2001:4.17.5-10.fc37         @qubes-dom0-cached
xen-hypervisor.x86_64                        2001:4.17.5-10.fc37         @qubes-dom0-cached
xen-libs.x86_64                              2001:4.17.5-10.fc37         @qubes-dom0-cached
xen-licenses.x86_64                          2001:4.17.5-10.fc37         @qubes-dom0-cached
xen-runtime.x86_64                           2001:4.17.5-10.fc37         @qubes-dom0-cached
qubes-release-notes-and-a-very-long-name.noarch 4.2-1.fc37
                                                                         @qubes-dom0-cached
Available Packages
xen.x86_64                                   2001:4.17.5-11.fc37         qubes-dom0-current
kernel.x86_64                                1000:6.6.50-1.qubes.fc37    qubes-dom0-current
`;

// `dnf list --installed` (dnf5), Qubes 4.3 dom0 (Fedora 41).
const DNF5 = `Updating and loading repositories:
Repositories loaded.
Installed packages
amd-ucode-firmware.noarch                        20250708-1.fc41                qubes-dom0-cached
bash.x86_64                                      5.2.32-1.fc41                  anaconda
kernel.x86_64                                    1000:6.12.40-1.qubes.fc41      anaconda
kernel.x86_64                                    1000:6.12.47-1.qubes.fc41      qubes-dom0-cached
kernel-latest.x86_64                             1000:6.16.7-1.qubes.fc41       qubes-dom0-cached
linux-firmware.noarch                            20250708-1.fc41                qubes-dom0-cached
microcode_ctl.x86_64                             2:2.1-61.fc41                  qubes-dom0-cached
qubes-core-dom0.noarch                           4.3.20-1.fc41                  qubes-dom0-cached
qubes-core-dom0-linux.x86_64                     4.3.9-1.fc41                   qubes-dom0-cached
qubes-gui-dom0.x86_64                            4.3.12-1.fc41                  qubes-dom0-cached
qubes-template-fedora-42-xfce.noarch
                                                 4.3.0-202508101200             qubes-templates-itl
python3-xen.x86_64                               2001:4.19.3-3.fc41             qubes-dom0-cached
xen.x86_64                                       2001:4.19.3-3.fc41             qubes-dom0-cached
xen-hypervisor.x86_64                            2001:4.19.3-3.fc41             qubes-dom0-cached
xen-libs.x86_64                                  2001:4.19.3-3.fc41             qubes-dom0-cached
xen-licenses.x86_64                              2001:4.19.3-3.fc41             qubes-dom0-cached
xen-runtime.x86_64                               2001:4.19.3-3.fc41             qubes-dom0-cached
gpg-pubkey.noarch                                1234abcd-5678ef90              <unknown>
`;

describe("parseInstalledPackages: rpm -qa", () => {
  const { packages, unparsed } = parseInstalledPackages(RPM_QA);

  test("reads every package line", () => {
    assert.equal(packages.length, 24);
    assert.deepEqual(
      unparsed.map((u) => u.line),
      [1, 27],
    );
    assert.equal(unparsed[0]!.text, "[user@dom0 ~]$ rpm -qa | sort");
  });

  test("splits NEVRA from the right", () => {
    assert.deepEqual(find(packages, "xen-hypervisor"), [
      { name: "xen-hypervisor", epoch: 0, version: "4.17.5", release: "10.fc37", arch: "x86_64", line: 22 },
    ]);
    assert.deepEqual(find(packages, "amd-ucode-firmware"), [
      { name: "amd-ucode-firmware", epoch: 0, version: "20250708", release: "1.fc37", arch: "noarch", line: 2 },
    ]);
    assert.deepEqual(find(packages, "qubes-template-debian-12-xfce"), [
      {
        name: "qubes-template-debian-12-xfce",
        epoch: 0,
        version: "4.2.0",
        release: "202407251440",
        arch: "noarch",
        line: 20,
      },
    ]);
    assert.equal(find(packages, "libstdc++")[0]?.version, "12.3.1");
    assert.equal(find(packages, "glibc")[0]?.arch, "i686");
    assert.equal(find(packages, "microcode_ctl")[0]?.release, "53.3.fc37");
  });

  test("several kernels, kernel-latest and the VM kernel stay apart", () => {
    assert.deepEqual(
      find(packages, "kernel").map((p) => `${p.version}-${p.release}@${p.line}`),
      ["6.6.42-1.qubes.fc37@5", "6.6.48-1.qubes.fc37@6"],
    );
    assert.equal(find(packages, "kernel-latest")[0]?.version, "6.10.8");
    assert.equal(find(packages, "kernel-qubes-vm")[0]?.version, "6.6.48");
  });

  test("leading/trailing spaces, CRLF and blank lines", () => {
    assert.deepEqual(find(packages, "xen")[0], {
      name: "xen",
      epoch: 0,
      version: "4.17.5",
      release: "10.fc37",
      arch: "x86_64",
      line: 21,
    });
    assert.ok(packages.every((p) => !/\s/.test(p.name + p.version + p.release + (p.arch ?? ""))));
  });

  test("gpg-pubkey has no arch", () => {
    assert.deepEqual(find(packages, "gpg-pubkey"), [
      { name: "gpg-pubkey", epoch: 0, version: "3a6a4d5c", release: "5b2a0c6c", arch: null, line: 4 },
    ]);
  });

  test("LF, CRLF and CR line endings give the same result", () => {
    const lf = parseInstalledPackages(RPM_QA.replace(/\r\n/g, "\n"));
    const cr = parseInstalledPackages(RPM_QA.replace(/\r\n/g, "\r"));
    assert.deepEqual(lf, { packages, unparsed });
    assert.deepEqual(cr, { packages, unparsed });
  });
});

describe("parseInstalledPackages: rpm -qa with epochs", () => {
  const { packages, unparsed } = parseInstalledPackages(RPM_QA_EPOCH);

  test("reads %{EPOCHNUM} and %{EPOCH} forms", () => {
    assert.deepEqual(unparsed, []);
    assert.equal(packages.length, 17);
    assert.deepEqual(find(packages, "xen-hypervisor"), [
      { name: "xen-hypervisor", epoch: 2001, version: "4.17.5", release: "10.fc37", arch: "x86_64", line: 2 },
    ]);
    assert.deepEqual(
      find(packages, "kernel").map((p) => [p.epoch, p.version, p.release]),
      [
        [1000, "6.6.42", "1.qubes.fc37"],
        [1000, "6.6.48", "1.qubes.fc37"],
      ],
    );
    assert.equal(find(packages, "microcode_ctl")[0]?.epoch, 2);
    assert.equal(find(packages, "amd-ucode-firmware")[0]?.epoch, 0);
    assert.deepEqual(find(packages, "bash")[0], {
      name: "bash",
      epoch: 0,
      version: "5.2.15",
      release: "3.fc37",
      arch: "x86_64",
      line: 15,
    });
    // %{ARCH} of gpg-pubkey is "(none)".
    assert.deepEqual(find(packages, "gpg-pubkey")[0], {
      name: "gpg-pubkey",
      epoch: 0,
      version: "3a6a4d5c",
      release: "5b2a0c6c",
      arch: null,
      line: 16,
    });
  });

  test("epoch:name-version-release.arch (ENVRA)", () => {
    assert.deepEqual(find(packages, "vim-minimal")[0], {
      name: "vim-minimal",
      epoch: 2,
      version: "9.1.158",
      release: "1.fc37",
      arch: "x86_64",
      line: 17,
    });
  });
});

describe("parseInstalledPackages: dnf list installed (dnf4)", () => {
  const { packages, unparsed } = parseInstalledPackages(DNF4);

  test("reads the installed section, skipping headers", () => {
    assert.equal(packages.length, 21);
    assert.deepEqual(unparsed, [
      {
        line: 27,
        text: '"Available Packages" section skipped: the packages listed under it are not installed',
      },
    ]);
    // Nothing from "Available Packages" is taken as installed.
    assert.deepEqual(
      find(packages, "xen").map((p) => p.release),
      ["10.fc37"],
    );
  });

  test("columns: name.arch, epoch:version-release, repo", () => {
    assert.deepEqual(find(packages, "xen-hypervisor"), [
      { name: "xen-hypervisor", epoch: 2001, version: "4.17.5", release: "10.fc37", arch: "x86_64", line: 21 },
    ]);
    assert.deepEqual(
      find(packages, "kernel").map((p) => [p.epoch, p.version, p.release, p.line]),
      [
        [1000, "6.6.42", "1.qubes.fc37", 5],
        [1000, "6.6.48", "1.qubes.fc37", 6],
      ],
    );
    assert.equal(find(packages, "microcode_ctl")[0]?.epoch, 2);
    assert.equal(find(packages, "qubes-core-qrexec-dom0")[0]?.version, "4.2.20");
  });

  test("wrapped lines: the package is numbered by its name line", () => {
    assert.deepEqual(find(packages, "qubes-core-dom0-linux-kernel-install"), [
      {
        name: "qubes-core-dom0-linux-kernel-install",
        epoch: 0,
        version: "4.2.21",
        release: "1.fc37",
        arch: "x86_64",
        line: 13,
      },
    ]);
    assert.equal(find(packages, "qubes-template-debian-12-xfce")[0]?.line, 17);
    assert.equal(find(packages, "python3-xen")[0]?.line, 19);
  });

  test("a repository wrapped onto its own line is not a package", () => {
    assert.deepEqual(find(packages, "qubes-release-notes-and-a-very-long-name"), [
      {
        name: "qubes-release-notes-and-a-very-long-name",
        epoch: 0,
        version: "4.2",
        release: "1.fc37",
        arch: "noarch",
        line: 25,
      },
    ]);
    assert.equal(find(packages, "qubes").length, 0);
  });

  test("dnf list --installed -q (no header) reads the same", () => {
    const quiet = DNF4.split("\n").slice(2, 26).join("\n");
    const r = parseInstalledPackages(quiet);
    assert.equal(r.packages.length, 21);
    assert.deepEqual(r.unparsed, []);
  });

  test("a name line whose version line never comes is reported", () => {
    const r = parseInstalledPackages("python3-qubesadmin.noarch\nInstalled Packages\n");
    assert.deepEqual(r.packages, []);
    assert.deepEqual(r.unparsed, [{ line: 1, text: "python3-qubesadmin.noarch" }]);
  });
});

describe("parseInstalledPackages: dnf list --installed (dnf5)", () => {
  const { packages, unparsed } = parseInstalledPackages(DNF5);

  test("reads every package", () => {
    assert.deepEqual(unparsed, []);
    assert.equal(packages.length, 18);
    assert.deepEqual(find(packages, "xen-hypervisor"), [
      { name: "xen-hypervisor", epoch: 2001, version: "4.19.3", release: "3.fc41", arch: "x86_64", line: 18 },
    ]);
    assert.deepEqual(find(packages, "kernel-latest")[0], {
      name: "kernel-latest",
      epoch: 1000,
      version: "6.16.7",
      release: "1.qubes.fc41",
      arch: "x86_64",
      line: 8,
    });
    assert.equal(find(packages, "qubes-template-fedora-42-xfce")[0]?.line, 14);
    assert.equal(find(packages, "gpg-pubkey")[0]?.version, "1234abcd");
  });
});

describe("parseInstalledPackages: other shapes", () => {
  test("empty and blank input", () => {
    assert.deepEqual(parseInstalledPackages(""), { packages: [], unparsed: [] });
    assert.deepEqual(parseInstalledPackages(" \n\r\n\t\n"), { packages: [], unparsed: [] });
  });

  test("dnf repoquery --installed (name-epoch:version-release.arch)", () => {
    const r = parseInstalledPackages("bash-0:5.2.15-3.fc37.x86_64\nxen-libs-2001:4.17.5-10.fc37.x86_64\n");
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.epoch, p.version, p.release, p.arch]),
      [
        ["bash", 0, "5.2.15", "3.fc37", "x86_64"],
        ["xen-libs", 2001, "4.17.5", "10.fc37", "x86_64"],
      ],
    );
  });

  test("NVR without arch", () => {
    const r = parseInstalledPackages("xen-hypervisor-4.17.5-10.fc37");
    assert.deepEqual(r.packages, [
      { name: "xen-hypervisor", epoch: 0, version: "4.17.5", release: "10.fc37", arch: null, line: 1 },
    ]);
  });

  test("rpm -qa --last (NEVRA then date)", () => {
    const r = parseInstalledPackages(
      "xen-hypervisor-4.17.5-10.fc37.x86_64          Tue 10 Sep 2024 10:01:02 AM CEST\n" +
        "kernel-6.6.48-1.qubes.fc37.x86_64             Mon 09 Sep 2024 09:00:00 AM CEST\n",
    );
    assert.deepEqual(
      r.packages.map((p) => `${p.name} ${p.version}-${p.release}`),
      ["xen-hypervisor 4.17.5-10.fc37", "kernel 6.6.48-1.qubes.fc37"],
    );
    assert.deepEqual(r.unparsed, []);
  });

  test("a list joined with spaces", () => {
    const r = parseInstalledPackages("xen-4.17.5-10.fc37.x86_64 xen-libs-4.17.5-10.fc37.x86_64  kernel-6.6.48-1.fc37.x86_64");
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.line]),
      [
        ["xen", 1],
        ["xen-libs", 1],
        ["kernel", 1],
      ],
    );
  });

  test("lines it cannot read go to unparsed with their line number", () => {
    const r = parseInstalledPackages(
      [
        "xen-4.17.5-10.fc37.x86_64",
        "package xen-hypervisor is not installed",
        "hello",
        "xen",
        "xen.x86_64",
        "foo-bar.x86_64",
        "name-without-digits-here.noarch",
        "kernel-6.6.48-1.fc37.x86_64",
      ].join("\n"),
    );
    assert.deepEqual(
      r.packages.map((p) => p.line),
      [1, 8],
    );
    assert.deepEqual(
      r.unparsed.map((u) => u.line),
      [2, 3, 4, 5, 6, 7],
    );
  });

  test("long unreadable lines are echoed shortened", () => {
    const r = parseInstalledPackages("x".repeat(10_000));
    assert.equal(r.unparsed.length, 1);
    assert.equal(r.unparsed[0]!.text.length, MAX_ECHO_CHARS + 1);
    assert.ok(r.unparsed[0]!.text.endsWith("…"));
  });
});

describe("parseInstalledPackages: hostile input", () => {
  test("2 MB+ of garbage finishes fast and reports the cut", () => {
    let seed = 7;
    const chars = "abz09.-_:~^ \t\r\n@()+*";
    const parts: string[] = [];
    let size = 0;
    while (size < MAX_INPUT_CHARS + 500_000) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const c = chars[seed % chars.length]!;
      parts.push(c);
      size++;
    }
    const text = parts.join("");
    const started = performance.now();
    const r = parseInstalledPackages(text);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
    const last = r.unparsed.at(-1)!;
    assert.match(last.text, /^input cut/);
  });

  test("one 3 MB line: nothing read, the cut reported on line 1", () => {
    const started = performance.now();
    const r = parseInstalledPackages("a-1-".repeat(750_000));
    assert.ok(performance.now() - started < 3000);
    assert.deepEqual(r.packages, []);
    assert.equal(r.unparsed.length, 1);
    assert.equal(r.unparsed[0]!.line, 1);
    assert.match(r.unparsed[0]!.text, /^input cut/);
  });

  test("2 MB of one long space-separated line is linear", () => {
    const text = "xen-4.17.5-10.fc37.x86_64 ".repeat(Math.floor((MAX_INPUT_CHARS - 1) / 26)) + "\n";
    const started = performance.now();
    const r = parseInstalledPackages(text);
    assert.ok(performance.now() - started < 3000);
    assert.equal(r.packages.length, Math.floor((MAX_INPUT_CHARS - 1) / 26));
    assert.deepEqual(r.unparsed, []);
  });

  test("more than 50,000 lines: the first 50,000 are read", () => {
    const text = "xen-4.17.5-10.fc37.x86_64\n".repeat(MAX_INPUT_LINES + 10);
    const r = parseInstalledPackages(text);
    assert.equal(r.packages.length, MAX_INPUT_LINES);
    assert.equal(r.unparsed.length, 1);
    assert.equal(r.unparsed[0]!.line, MAX_INPUT_LINES + 1);
    assert.match(r.unparsed[0]!.text, /^input cut/);
  });

  test("exactly 50,000 lines is not a cut", () => {
    const r = parseInstalledPackages("xen-4.17.5-10.fc37.x86_64\n".repeat(MAX_INPUT_LINES));
    assert.equal(r.packages.length, MAX_INPUT_LINES);
    assert.deepEqual(r.unparsed, []);
  });

  test("a cut in the middle of a line drops that line", () => {
    const line = "xen-4.17.5-10.fc37.x86_64".padEnd(99) + "\n"; // 100 characters
    const whole = Math.floor(MAX_INPUT_CHARS / line.length);
    assert.ok(whole < MAX_INPUT_LINES);
    // The cap falls inside this line, after its package name.
    const text = line.repeat(whole) + "kernel-6.6.48-1.fc37.x86_64".padEnd(99) + "\n" + line;
    const r = parseInstalledPackages(text);
    assert.equal(r.packages.length, whole);
    assert.equal(find(r.packages, "kernel").length, 0);
    assert.deepEqual(r.unparsed, [
      {
        line: whole + 1,
        text: `input cut: only the first 50,000 lines and 2 MB are read; the rest, from line ${whole + 1}, was ignored`,
      },
    ]);
  });

  test("exactly 2 MB is not a cut", () => {
    const line = "xen-4.17.5-10.fc37.x86_64".padEnd(1023) + "\n"; // 1024 characters
    const text = line.repeat(MAX_INPUT_CHARS / 1024);
    assert.equal(text.length, MAX_INPUT_CHARS);
    const r = parseInstalledPackages(text);
    assert.equal(r.packages.length, MAX_INPUT_CHARS / 1024);
    assert.deepEqual(r.unparsed, []);
    // One more character after a line break at the cap: that line is cut.
    const more = parseInstalledPackages(text + "k");
    assert.equal(more.packages.length, MAX_INPUT_CHARS / 1024);
    assert.match(more.unparsed.at(-1)!.text, /^input cut/);
  });
});
