// The one-pass parser (lib/rpm/installed.ts) against the parser it replaced
// (reference/installed-v1.ts, kept verbatim as it was on main at b45f633): the
// same packages, in the same order, with the same fields in the same key
// order, and the same unparsed lines, on the lists the check's tests use, on
// their CRLF and CR forms, on the edge cases of each format and on random
// text. A difference is printed as the first line where the two disagree.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import test, { describe } from "node:test";
import { MAX_INPUT_CHARS, MAX_INPUT_LINES, parseInstalledPackages } from "@/lib/rpm/installed";
import { listAtLimit } from "@/scripts/bench/check-list";
import { PROJECT_ROOT } from "../../helpers/fixtures";
import { parseInstalledPackages as parseV1 } from "./reference/installed-v1";

const CHECK_LISTS = path.join(PROJECT_ROOT, "tests", "fixtures", "check");

function same(text: string, what: string): void {
  const now = parseInstalledPackages(text);
  const before = parseV1(text);
  // JSON too: the key order of each package is part of the answer's bytes.
  if (JSON.stringify(now) === JSON.stringify(before)) return;
  for (const field of ["packages", "unparsed"] as const) {
    const n = now[field] as unknown[];
    const b = before[field] as unknown[];
    for (let i = 0; i < Math.max(n.length, b.length); i++) {
      if (JSON.stringify(n[i]) !== JSON.stringify(b[i])) {
        assert.fail(`${what}: ${field}[${i}] differs:\n  now    ${JSON.stringify(n[i])}\n  before ${JSON.stringify(b[i])}`);
      }
    }
  }
  assert.fail(`${what}: the answers differ`);
}

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

const lists = readdirSync(CHECK_LISTS)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(path.join(CHECK_LISTS, f), "utf8") }));

describe("the one-pass parser reads as the one it replaced", () => {
  test("the check's lists (tests/fixtures/check), as written and with CRLF and CR line ends", () => {
    assert.ok(lists.length >= 10);
    for (const { name, text } of lists) {
      same(text, name);
      same(text.replace(/\n/g, "\r\n"), `${name} (CRLF)`);
      same(text.replace(/\n/g, "\r"), `${name} (CR)`);
      same(text.replace(/\n/g, "\n\n  \t\n"), `${name} (blank lines between)`);
    }
  });

  test("the lists joined on one line, with spaces and tabs", () => {
    for (const { name, text } of lists) {
      same(text.split("\n").join(" "), `${name} (one line)`);
      same(text.split("\n").join(" \t "), `${name} (one line, tabs)`);
    }
  });

  test("the bench's list at the 2 MB limit, and past the line limit", () => {
    const base = lists.find((l) => l.name === "qubes-4.2-unfixed.rpm-qa.txt")!.text;
    const atLimit = listAtLimit(base, MAX_INPUT_CHARS);
    same(atLimit, "list at the limit");
    same(`${atLimit}\nkernel-6.6.48-1.qubes.fc37.x86_64`, "list over the limit");
    same("xen-4.17.5-10.fc37.x86_64\n".repeat(MAX_INPUT_LINES), "exactly 50,000 lines");
    same("xen-4.17.5-10.fc37.x86_64\n".repeat(MAX_INPUT_LINES + 3), "50,003 lines");
    same("\n".repeat(MAX_INPUT_LINES - 1) + "xen-4.17.5-10.fc37.x86_64\nkernel-6.6.48-1.qubes.fc37.x86_64", "the 50,000th line and one after it");
    const line = "xen-4.17.5-10.fc37.x86_64".padEnd(99) + "\r\n";
    same(line.repeat(Math.ceil(MAX_INPUT_CHARS / line.length) + 2), "cut in the middle of a CRLF line");
    same("x".repeat(MAX_INPUT_CHARS) + "\nxen-4.17.5-10.fc37.x86_64", "a break right at the cut");
    same("a-1-".repeat(750_000), "one 3 MB line");
  });

  test("edge cases of each format", () => {
    const cases = [
      "",
      " \n\r\n\t\n",
      // epochs, in each place rpm and dnf print them
      "xen-2001:4.17.5-10.fc37.x86_64\nbash-(none):5.2.15-3.fc37.x86_64\ngpg-pubkey-(none):3a6a4d5c-5b2a0c6c.(none)\n2:vim-minimal-9.1.158-1.fc37.x86_64",
      "bash-0:5.2.15-3.fc37.x86_64\nxen-libs-2001:4.17.5-10.fc37.x86_64\n",
      "x-99999999999999999999:1.0-1.fc37.x86_64\n99999999999999999999:x-1.0-1.fc37.x86_64\nx.noarch 99999999999999999999:1.0-1 @System",
      "x-:1.0-1.x86_64\nx-a:1.0-1.x86_64\nx-1:2:3-1.x86_64\n:x-1.0-1.x86_64\n1:-1.0-1.x86_64\nx-1.0-1:2.x86_64",
      // dnf list, dnf4 and dnf5, headers and sections
      "Last metadata expiration check: 0:12:03 ago on Tue 10 Sep 2024 10:00:00 AM CEST.\nInstalled Packages\nbash.x86_64   5.2.15-3.fc37   @anaconda\nkernel.x86_64 1000:6.6.42-1.qubes.fc37 @System\nAvailable Packages\nxen.x86_64 2001:4.17.5-11.fc37 qubes-dom0-current\nInstalled packages:\nxen.x86_64 2001:4.17.5-10.fc37 qubes-dom0-cached",
      "Updating and loading repositories:\nRepositories loaded.\nInstalled packages\ngpg-pubkey.noarch   1234abcd-5678ef90   <unknown>\nRecently added packages\nx.noarch 1-1 @x\nUpgradable:\ny.noarch 1-1 @x\ninstalled   PACKAGES\nz.noarch 1-1 anaconda",
      "Available\nxen.x86_64 1-1\nObsoleting:\nInstalled Packages\nExtra packages\nAutoremove Packages:\nAvailable upgrades\nUpgrade\nUpgrade: this is not a header\nUpgrade Packages foo",
      // dnf's wrapped lines
      "qubes-core-dom0-linux-kernel-install.x86_64\n      4.2.21-1.fc37               @qubes-dom0-cached\nqubes-release-notes.noarch 4.2-1.fc37\n            @qubes-dom0-cached\nx.noarch\n\n  1.0-1\n@System\ny.noarch\n1.0-1 @a @b",
      "python3-qubesadmin.noarch\nInstalled Packages\n",
      "a.noarch 1-1\n@System\n@System\nb.x86_64\n1-1\nc-1-1.noarch\nxen-4.17.5-10.fc37\n@x",
      "a.noarch 1-1\nanaconda-1-1\na.noarch 1-1\ngpg-pubkey-1-1.(none)\na.noarch 1-1\n<unknown>\na.noarch 1-1\n@bad@repo",
      // several per line, rpm -qa --last, garbage
      "xen-hypervisor-4.17.5-10.fc37.x86_64          Tue 10 Sep 2024 10:01:02 AM CEST\nkernel-6.6.48-1.qubes.fc37.x86_64 Mon",
      "xen-4.17.5-10.fc37.x86_64 xen-libs-4.17.5-10.fc37.x86_64  kernel-6.6.48-1.fc37.x86_64\nxen-4.17.5-10.fc37 xen-libs-4.17.5-10.fc37.x86_64\nxen-1-1 garbage",
      "[user@dom0 ~]$ rpm -qa | sort\npackage xen-hypervisor is not installed\nhello\nxen\nxen.x86_64\nfoo-bar.x86_64\nname-without-digits-here.noarch\n-1-1.x86_64\n.-1-1\nx--1.x86_64",
      "x".repeat(10_000),
      `${"y".repeat(300)}-1-1.x86_64 ${"z".repeat(250)}`,
      // Unicode whitespace: JavaScript's \s takes these, rpm never prints them
      "\u00a0xen-4.17.5-10.fc37.x86_64\u3000\n\ufeffbash-5.2.15-3.fc37.x86_64\nkernel.x86_64\u2028 1000:6.6.42-1.qubes.fc37\u2029@System\na-1-1.noarch\u0085\nb-1-1.noarch\u200b\nc-1-1.noarch\u180e\nd-1-1\u000b\u000cnoarch",
      "Installed\u00a0Packages\nx.noarch 1-1\nAvailable\u2003Packages:\ny.noarch 1-1",
      "ｘen-1-1.x86_64\nxen-１-1.x86_64\nxen-1-1.ｘ86_64\nÄ-1-1.noarch",
    ];
    cases.forEach((text, i) => same(text, `case ${i}: ${JSON.stringify(text.slice(0, 60))}`));
  });

  test("random text from the characters package lists are made of", () => {
    const alphabet = "abcfkxz0129.-_+~^:@()<> \t\r\n\n\n\u00a0\u2028\ufeff";
    const words = ["Installed", "Packages", "Available", "packages:", "Upgrade", "noarch", "x86_64", "(none)", "<unknown>", "@System", "2001:", "-1.fc37", ".fc41", "Last metadata expiration check:", "Repositories loaded."];
    const next = random(8);
    for (let round = 0; round < 400; round++) {
      const parts: string[] = [];
      const length = Math.floor(next() * 400);
      for (let i = 0; i < length; i++) {
        const r = next();
        if (r < 0.08) parts.push(words[Math.floor(next() * words.length)]!);
        else parts.push(alphabet[Math.floor(next() * alphabet.length)]!);
      }
      same(parts.join(""), `random text ${round}`);
    }
  });

  test("real lines, mangled: cut, joined, spaced and wrapped at random", () => {
    const real = lists.flatMap((l) => l.text.split("\n"));
    const next = random(92);
    for (let round = 0; round < 300; round++) {
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        let line = real[Math.floor(next() * real.length)]!;
        const r = next();
        if (r < 0.1) line = line.slice(0, Math.floor(next() * line.length));
        else if (r < 0.2) line = line.replace(/\s+/, "\n");
        else if (r < 0.3) line = `  ${line}\t`;
        else if (r < 0.35) line = line.replace(/-/g, " - ");
        else if (r < 0.4) line = line.replace(".", "");
        out.push(line);
      }
      same(out.join(next() < 0.5 ? "\n" : "\r\n"), `mangled lines ${round}`);
    }
  });
});
