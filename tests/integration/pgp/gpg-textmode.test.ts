// Differential test against gpg itself: signatures made by gpg (text mode and
// binary mode, SHA-1 and SHA-256) over awkward files, and edited copies of
// those files, must get the same verdict from lib/pgp as from gpg --verify.
import test, { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { keyringFromArmored, verifyDetached, type Keyring } from "../../../lib/pgp";

const GPG = "/usr/bin/gpg";

const ORIGINALS: Record<string, string> = {
  lf: "line one\nline two  \n\tindented\n",
  crlf: "line one\r\nline two\r\n",
  mixed: "a  \nb\t\r\nc\r\r\nd\re\nlast  ",
  "lone-cr": "one\rtwo\rthree\n",
  "trailing-cr": "text\r",
  empty: "",
  utf8: "Marek Marczykowski-Górecki\n",
};

/** Edited copies: some only change line endings (text-mode equal), some change content. */
function variants(original: string): string[] {
  return [
    original,
    original.replace(/\r\n/g, "\n"),
    original.replace(/\n/g, "\r\n").replace(/\r\r\n/g, "\r\n"),
    original.replace(/\r?\n/g, "\r\r\n"),
    original + "\n",
    original + "\r",
    original.replace(/ +\n/g, "\n"),
    original.replace(/\r(?!\n)/g, "\r\n"),
    original.replace(/e/, "E"),
  ];
}

describe("lib/pgp agrees with gpg on gpg-made signatures", { skip: existsSync(GPG) ? false : `gpg not installed at ${GPG}` }, () => {
  let home: string;
  let work: string;
  let fingerprint: string;
  let keyring: Keyring;

  function gpg(args: string[], input?: string): SpawnSyncReturns<Buffer> {
    return spawnSync(GPG, ["--batch", "--no-tty", ...args], { env: { ...process.env, GNUPGHOME: home }, input });
  }

  before(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), "pgp-gpg-home-"));
    work = mkdtempSync(path.join(os.tmpdir(), "pgp-gpg-work-"));
    const gen = gpg(["--passphrase", "", "--quick-gen-key", "Text Mode Tester <tm@example.org>", "rsa2048", "sign", "0"]);
    assert.equal(gen.status, 0, gen.stderr.toString());
    const list = gpg(["--with-colons", "--list-keys"]).stdout.toString();
    fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(list)?.[1] ?? "";
    assert.match(fingerprint, /^[0-9A-F]{40}$/);
    const exported = gpg(["--armor", "--export", fingerprint]).stdout.toString();
    // the gpg key is its own trust root here
    keyring = await keyringFromArmored([{ path: "tester.asc", armored: exported }], { masterFingerprint: fingerprint });
  });

  after(() => {
    if (home) spawnSync("gpgconf", ["--kill", "all"], { env: { ...process.env, GNUPGHOME: home } });
    for (const dir of [home, work]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [mode, flags] of [
    ["text mode, SHA-256", ["--textmode", "--digest-algo", "SHA256"]],
    ["text mode, SHA-1", ["--textmode", "--digest-algo", "SHA1"]],
    ["binary, SHA-1", ["--digest-algo", "SHA1"]],
    ["binary, SHA-512", ["--digest-algo", "SHA512"]],
  ] as const) {
    test(mode, async () => {
      let compared = 0;
      let good = 0;
      for (const [name, original] of Object.entries(ORIGINALS)) {
        const file = path.join(work, `${name}.txt`);
        writeFileSync(file, original, "utf8");
        const sigFile = `${file}.asc`;
        const sign = gpg(["--yes", "--armor", ...flags, "--local-user", fingerprint, "--detach-sign", "--output", sigFile, file]);
        assert.equal(sign.status, 0, sign.stderr.toString());
        const signature = new Uint8Array(spawnSync("cat", [sigFile]).stdout);
        const seen = new Set<string>();
        for (const variant of variants(original)) {
          if (seen.has(variant)) continue;
          seen.add(variant);
          const copy = path.join(work, `${name}.variant`);
          writeFileSync(copy, variant, "utf8");
          const status = gpg(["--status-fd", "1", "--verify", sigFile, copy]).stdout.toString();
          const gpgGood = /^\[GNUPG:\] GOODSIG /m.test(status);
          const gpgBad = /^\[GNUPG:\] BADSIG /m.test(status);
          assert.ok(gpgGood || gpgBad, status);
          const ours = await verifyDetached(new TextEncoder().encode(variant), signature, keyring);
          assert.equal(ours.status, gpgGood ? "valid" : "bad", `${mode} ${name} ${JSON.stringify(variant)}: ${ours.reason}`);
          assert.equal(ours.weakHash, mode.includes("SHA-1"));
          compared++;
          if (gpgGood) good++;
        }
      }
      const originals = Object.keys(ORIGINALS).length;
      // text mode: line-ending-only edits stay good; binary: only the originals
      if (mode.startsWith("text")) assert.ok(good > originals && compared > good, `${good} good of ${compared}`);
      else assert.equal(good, originals, `${good} good of ${compared}`);
    });
  }
});
