// Hostile cases, with keys generated here: a test master key is pinned by
// fingerprint and plays the Qubes master key.
import test, { before, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as openpgp from "openpgp";
import {
  bulletinSignatureStatus,
  keyringFromArmored,
  loadKeyring,
  MAX_SIGNATURE_BYTES,
  verifyDetached,
  type Keyring,
  type SignatureVerdict,
} from "../../../lib/pgp";
import { armored, at, bytes, certify, day, enums, makeKey, signDetached, type TestKey } from "./helpers";

const FILE = bytes("=== Qubes Security Bulletin 999 ===\nSomething bad happened.\n");
const OTHER = bytes("=== Qubes Security Bulletin 998 ===\nSomething else.\n");
const REAL_SIGNER_UID = "Marek Marczykowski-Górecki (Qubes security pack) <marmarek@invisiblethingslab.com>";

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

function replaceAll(haystack: Uint8Array, needle: Uint8Array, replacement: Uint8Array): Uint8Array {
  const out = Buffer.from(haystack);
  let index = out.indexOf(needle);
  while (index !== -1) {
    out.set(replacement, index);
    index = out.indexOf(needle, index + needle.length);
  }
  return new Uint8Array(out);
}

let master: TestKey;
let signer: TestKey; // certified by master
let signerCertified: openpgp.PublicKey;
let keyring: Keyring;

function expectStatus(verdict: SignatureVerdict, status: SignatureVerdict["status"], reason?: RegExp): void {
  assert.equal(verdict.status, status, `expected ${status}, got ${verdict.status}: ${verdict.reason}`);
  if (status === "valid") assert.equal(verdict.reason, null);
  else {
    assert.ok(verdict.reason && verdict.reason.length > 0, "a reason is given");
    assert.ok(!verdict.reason.includes("\n"), "the reason is one line");
    if (reason) assert.match(verdict.reason, reason);
  }
}

before(async () => {
  master = await makeKey("Test Master Signing Key", { date: at("2010-01-01T00:00:00Z") });
  signer = await makeKey("Test Signer <signer@example.org>", { date: at("2015-01-01T00:00:00Z") });
  signerCertified = await certify(signer, master);
  keyring = await keyringFromArmored(
    [
      { path: "master-key/master.asc", armored: armored(master.publicKey) },
      { path: "security-team/signer.asc", armored: armored(signerCertified) },
    ],
    { masterFingerprint: master.fingerprint },
  );
});

describe("keyring", () => {
  test("lists keys with fingerprints, key IDs, user IDs and trust", () => {
    const byFp = new Map(keyring.keys.map((k) => [k.fingerprint, k]));
    const m = byFp.get(master.fingerprint);
    const s = byFp.get(signer.fingerprint);
    assert.ok(m && s);
    assert.equal(m.isMaster, true);
    assert.equal(m.certifiedByMaster, true, "the pinned master is the trust root");
    assert.equal(s.isMaster, false);
    assert.equal(s.certifiedByMaster, true);
    assert.equal(s.keyId, signer.keyId);
    assert.match(s.fingerprint, /^[0-9A-F]{40}$/);
    assert.match(s.keyId, /^[0-9A-F]{16}$/);
    assert.deepEqual(s.userIds, ["Test Signer <signer@example.org>"]);
    assert.equal(s.sourcePath, "security-team/signer.asc");
    assert.equal(s.createdAt.toISOString(), "2015-01-01T00:00:00.000Z");
    assert.deepEqual(keyring.notes, []);
  });

  test("hash covers the files and the pinned fingerprint, not their order", async () => {
    const files = [
      { path: "a.asc", armored: armored(master.publicKey) },
      { path: "b.asc", armored: armored(signerCertified) },
    ];
    const one = await keyringFromArmored(files, { masterFingerprint: master.fingerprint });
    const reversed = await keyringFromArmored([...files].reverse(), { masterFingerprint: master.fingerprint });
    const otherMaster = await keyringFromArmored(files, { masterFingerprint: signer.fingerprint });
    const renamed = await keyringFromArmored(
      files.map((f) => ({ ...f, path: `x/${f.path}` })),
      { masterFingerprint: master.fingerprint },
    );
    assert.match(one.hash, /^[0-9a-f]{64}$/);
    assert.equal(one.hash, reversed.hash);
    assert.notEqual(one.hash, otherMaster.hash);
    assert.notEqual(one.hash, renamed.hash);
  });

  test("the master fingerprint is normalised; a bad one is refused", async () => {
    const spaced = master.fingerprint.toLowerCase().replace(/(.{4})/g, "$1 ");
    const kr = await keyringFromArmored([{ path: "m.asc", armored: armored(master.publicKey) }], { masterFingerprint: spaced });
    assert.equal(kr.keys[0]?.isMaster, true);
    await assert.rejects(keyringFromArmored([], { masterFingerprint: "1234" }), /40 hex/);
  });

  test("unreadable key files become notes, never a crash", async () => {
    const kr = await keyringFromArmored(
      [
        { path: "junk.asc", armored: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 at all !!!\n-----END PGP PUBLIC KEY BLOCK-----\n" },
        { path: "binary.gpg", armored: new Uint8Array([0x99, 0x01, 0x02, 0xff, 0x00, 0x13]) },
        { path: "empty.asc", armored: "" },
        { path: "README", armored: "just text\n" },
        { path: "good.asc", armored: armored(master.publicKey) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    assert.equal(kr.keys.length, 1);
    for (const name of ["junk.asc", "binary.gpg", "empty.asc", "README"]) {
      assert.ok(kr.notes.some((n) => n.startsWith(`${name}:`)), `note for ${name}: ${kr.notes.join(" | ")}`);
    }
  });

  test("loadKeyring walks the tree and records what it cannot read", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pgp-keys-"));
    const outside = mkdtempSync(path.join(os.tmpdir(), "pgp-outside-"));
    try {
      mkdirSync(path.join(dir, "master-key"));
      mkdirSync(path.join(dir, "security-team", "retired"), { recursive: true });
      writeFileSync(path.join(dir, "master-key", "master.asc"), armored(master.publicKey));
      writeFileSync(path.join(dir, "security-team", "retired", "signer.key"), armored(signerCertified)); // any name
      writeFileSync(path.join(dir, "security-team", "binary.gpg"), signerCertified.write()); // binary key file
      writeFileSync(path.join(dir, "security-team", "junk.asc"), Buffer.from([0xde, 0xad, 0xbe, 0xef]));
      writeFileSync(path.join(dir, "security-team", "link-stub.asc"), "../master-key/master.asc");
      writeFileSync(path.join(outside, "secret.asc"), armored(signer.publicKey));
      symlinkSync(path.join(outside, "secret.asc"), path.join(dir, "security-team", "outside.asc"));
      const kr = await loadKeyring(dir, { masterFingerprint: master.fingerprint });
      assert.deepEqual(kr.keys.map((k) => k.sourcePath).sort(), ["master-key/master.asc", "security-team/binary.gpg"]);
      assert.equal(kr.keys.find((k) => k.fingerprint === signer.fingerprint)?.certifiedByMaster, true);
      for (const name of ["junk.asc", "link-stub.asc", "outside.asc"]) {
        assert.ok(kr.notes.some((n) => n.startsWith(`security-team/${name}:`)), `${name}: ${kr.notes.join(" | ")}`);
      }
      const v = await verifyDetached(FILE, await signDetached(signer, FILE), kr);
      expectStatus(v, "valid");
      await assert.rejects(loadKeyring(path.join(dir, "missing")), /keys directory not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test("several keys in one file and one key in several files are merged", async () => {
    const both = armored(master.publicKey) + "\n" + armored(signer.publicKey);
    const kr = await keyringFromArmored(
      [
        { path: "both.asc", armored: both },
        { path: "cert/signer-certified.asc", armored: armored(signerCertified) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    assert.equal(kr.keys.length, 2);
    const s = kr.keys.find((k) => k.fingerprint === signer.fingerprint);
    assert.equal(s?.certifiedByMaster, true, "the certification from the second file is merged in");
    assert.equal(s?.sourcePath, "both.asc");
  });
});

describe("verifyDetached", () => {
  test("a certified signer's signature is valid", async () => {
    const sig = await signDetached(signer, FILE, { date: at("2020-01-01T00:00:00Z") });
    const v = await verifyDetached(FILE, sig, keyring);
    expectStatus(v, "valid");
    assert.equal(v.fingerprint, signer.fingerprint);
    assert.equal(v.issuerKeyId, signer.keyId);
    assert.equal(v.certifiedByMaster, true);
    assert.equal(v.hashAlgorithm, "SHA256");
    assert.equal(v.weakHash, false);
    assert.equal(v.signerUserId, "Test Signer <signer@example.org>");
    assert.equal(v.createdAt?.toISOString(), "2020-01-01T00:00:00.000Z");
  });

  test("binary (unarmored) signatures are read too", async () => {
    const sig = await signDetached(signer, FILE, { armored: false });
    expectStatus(await verifyDetached(FILE, sig, keyring), "valid");
  });

  test("one changed byte is bad", async () => {
    const sig = await signDetached(signer, FILE);
    for (const index of [0, 17, FILE.length - 1]) {
      const changed = FILE.slice();
      changed[index] = (changed[index] ?? 0) ^ 0x01;
      const v = await verifyDetached(changed, sig, keyring);
      expectStatus(v, "bad", /changed|another file/);
      assert.equal(v.fingerprint, signer.fingerprint);
    }
    const appended = new Uint8Array([...FILE, 0x0a]);
    expectStatus(await verifyDetached(appended, sig, keyring), "bad");
    const crlf = bytes(new TextDecoder().decode(FILE).replace(/\n/g, "\r\n"));
    expectStatus(await verifyDetached(crlf, sig, keyring), "bad", /changed/);
  });

  test("the signature of another file is bad", async () => {
    const sig = await signDetached(signer, OTHER);
    expectStatus(await verifyDetached(FILE, sig, keyring), "bad");
  });

  test("a key with the same user ID as a real signer, not certified, is untrusted", async () => {
    const impostor = await makeKey(REAL_SIGNER_UID);
    const kr = await keyringFromArmored(
      [
        { path: "master-key/master.asc", armored: armored(master.publicKey) },
        { path: "security-team/marmarek-qubes-secpack-signing-key.asc", armored: armored(impostor.publicKey) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    const v = await verifyDetached(FILE, await signDetached(impostor, FILE), kr);
    expectStatus(v, "untrusted-key", /not certified/);
    assert.equal(v.fingerprint, impostor.fingerprint);
    assert.equal(v.certifiedByMaster, false);
    assert.equal(v.signerUserId, REAL_SIGNER_UID);
  });

  test("a look-alike 'Qubes Master Signing Key' in the master-key folder certifies nothing", async () => {
    const lookAlike = await makeKey("Qubes Master Signing Key", { date: at("2010-01-01T00:00:00Z") });
    const victim = await makeKey("Victim Signer <victim@example.org>");
    const certifiedByLookAlike = await certify(victim, lookAlike);
    const kr = await keyringFromArmored(
      [
        { path: "master-key/qubes-master-key.asc", armored: armored(lookAlike.publicKey) },
        { path: "master-key/real.asc", armored: armored(master.publicKey) },
        { path: "security-team/victim.asc", armored: armored(certifiedByLookAlike) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    assert.equal(kr.keys.find((k) => k.fingerprint === lookAlike.fingerprint)?.isMaster, false);
    const v = await verifyDetached(FILE, await signDetached(victim, FILE), kr);
    expectStatus(v, "untrusted-key");
    assert.equal(v.certifiedByMaster, false);
    // and the look-alike's own signatures are not trusted either
    expectStatus(await verifyDetached(FILE, await signDetached(lookAlike, FILE), kr), "untrusted-key");
  });

  test("without the pinned master key in the keyring nothing is trusted", async () => {
    const kr = await keyringFromArmored([{ path: "signer.asc", armored: armored(signerCertified) }], {
      masterFingerprint: master.fingerprint,
    });
    assert.ok(kr.notes.some((n) => /master key .* not in the keyring/.test(n)));
    expectStatus(await verifyDetached(FILE, await signDetached(signer, FILE), kr), "untrusted-key", /master key is not in the keyring/);
  });

  test("a forged certification (relabelled with the master's issuer) does not count", async () => {
    // A certification made by a look-alike, with every mention of its
    // fingerprint and key ID replaced by the master's: it claims the master
    // as issuer, and must fail the cryptographic check.
    const lookAlike = await makeKey("Qubes Master Signing Key");
    const victim = await makeKey("Victim Signer <victim@example.org>");
    const certified = await certify(victim, lookAlike);
    const raw = replaceAll(
      replaceAll(certified.write(), hexBytes(lookAlike.fingerprint), hexBytes(master.fingerprint)),
      hexBytes(lookAlike.keyId),
      hexBytes(master.keyId),
    );
    const forged = await openpgp.readKey({ binaryKey: raw });
    assert.ok(forged.users[0]?.otherCertifications[0]?.issuerKeyID.equals(master.publicKey.getKeyID()), "the forgery names the master");
    const kr = await keyringFromArmored(
      [
        { path: "m.asc", armored: armored(master.publicKey) },
        { path: "v.asc", armored: forged.armor() },
      ],
      { masterFingerprint: master.fingerprint },
    );
    expectStatus(await verifyDetached(FILE, await signDetached(victim, FILE), kr), "untrusted-key", /does not verify|not certified/);
  });

  test("an issuer nobody has is an unknown key", async () => {
    const stranger = await makeKey("Stranger <stranger@example.org>");
    const v = await verifyDetached(FILE, await signDetached(stranger, FILE), keyring);
    expectStatus(v, "unknown-key", new RegExp(stranger.fingerprint));
    assert.equal(v.fingerprint, null);
    assert.equal(v.issuerKeyId, stranger.keyId);
    assert.equal(v.certifiedByMaster, false);
  });

  test("a key that had expired when the signature was made gives expired-key", async () => {
    const shortLived = await makeKey("Short Lived <short@example.org>", {
      date: at("2018-01-01T00:00:00Z"),
      keyExpirationTime: 30 * 24 * 3600,
    });
    const kr = await keyringFromArmored(
      [
        { path: "m.asc", armored: armored(master.publicKey) },
        { path: "s.asc", armored: armored(await certify(shortLived, master, at("2018-01-02T00:00:00Z"))) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    const late = await signDetached(shortLived, FILE, { date: at("2018-03-01T00:00:00Z") });
    expectStatus(await verifyDetached(FILE, late, kr), "expired-key", /expired on 2018-01-31/);
    // made while the key was alive: valid, even though the key has expired since
    const early = await signDetached(shortLived, FILE, { date: at("2018-01-15T00:00:00Z") });
    expectStatus(await verifyDetached(FILE, early, kr), "valid");
  });

  test("a signature made before the signing key was created is not valid", async () => {
    const sig = await signDetached(signer, FILE, { date: new Date(at("2015-01-01T00:00:00Z").getTime() - day) });
    const v = await verifyDetached(FILE, sig, keyring);
    assert.notEqual(v.status, "valid");
    expectStatus(v, "expired-key", /predates the signing key's creation/);
  });

  test("a key revoked for compromise gives revoked-key, even for older signatures", async () => {
    const victim = await makeKey("Compromised <c@example.org>", { date: at("2015-01-01T00:00:00Z") });
    const certified = await certify(victim, master);
    const { publicKey: revoked } = await openpgp.revokeKey({
      key: victim.privateKey,
      reasonForRevocation: { flag: enums.reasonForRevocation.keyCompromised, string: "stolen laptop" },
      date: at("2021-01-01T00:00:00Z"),
      format: "object",
    });
    const kr = await keyringFromArmored(
      [
        { path: "m.asc", armored: armored(master.publicKey) },
        { path: "c.asc", armored: armored(certified) },
        { path: "c-revoked.asc", armored: armored(revoked) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    const before2021 = await signDetached(victim, FILE, { date: at("2019-01-01T00:00:00Z") });
    const v = await verifyDetached(FILE, before2021, kr);
    expectStatus(v, "revoked-key", /key compromised/);
    assert.equal(v.fingerprint, victim.fingerprint);
  });

  test("a standalone revocation certificate with no reason counts whenever it was made", async () => {
    const victim = await makeKey("Revoked Early <r@example.org>", { date: at("2015-01-01T00:00:00Z") });
    const certified = await certify(victim, master);
    const { publicKey: revoked } = await openpgp.revokeKey({
      key: victim.privateKey,
      date: at("2022-01-01T00:00:00Z"),
      format: "object",
    });
    const revocation = revoked.revocationSignatures[0];
    assert.ok(revocation);
    const list = new openpgp.PacketList<openpgp.SignaturePacket>();
    list.push(revocation);
    // a revocation certificate alone, armored as a public key block (as gpg writes it)
    const cert = openpgp.armor(enums.armor.publicKey, list.write());
    const kr = await keyringFromArmored(
      [
        { path: "m.asc", armored: armored(master.publicKey) },
        { path: "r.asc", armored: armored(certified) + "\n" + cert },
      ],
      { masterFingerprint: master.fingerprint },
    );
    expectStatus(await verifyDetached(FILE, await signDetached(victim, FILE, { date: at("2016-01-01T00:00:00Z") }), kr), "revoked-key", /no reason/);
  });

  test("a soft revocation (key retired) only counts for signatures made after it", async () => {
    const retired = await makeKey("Retired <retired@example.org>", { date: at("2015-01-01T00:00:00Z") });
    const { publicKey: revoked } = await openpgp.revokeKey({
      key: retired.privateKey,
      reasonForRevocation: { flag: enums.reasonForRevocation.keyRetired },
      date: at("2020-01-01T00:00:00Z"),
      format: "object",
    });
    const kr = await keyringFromArmored(
      [
        { path: "m.asc", armored: armored(master.publicKey) },
        { path: "c.asc", armored: armored(await certify(retired, master)) },
        { path: "r.asc", armored: armored(revoked) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    expectStatus(await verifyDetached(FILE, await signDetached(retired, FILE, { date: at("2019-06-01T00:00:00Z") }), kr), "valid");
    expectStatus(
      await verifyDetached(FILE, await signDetached(retired, FILE, { date: at("2020-06-01T00:00:00Z") }), kr),
      "revoked-key",
      /key retired/,
    );
  });

  test("garbage, empty, binary junk and oversized signatures are malformed", async () => {
    const good = await signDetached(signer, FILE);
    const goodText = new TextDecoder().decode(good);
    const cases: [string, Uint8Array, RegExp?][] = [
      ["empty", new Uint8Array(0), /empty/],
      ["text garbage", bytes("this is not a signature\n")],
      ["binary junk", new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) & 0xff))],
      ["junk with a packet-like first byte", new Uint8Array([0x89, 0x02, 0x33, 0x04, 0x00, 0x01, 0x08])],
      ["armor with a broken body", bytes("-----BEGIN PGP SIGNATURE-----\n\n!!!!\n-----END PGP SIGNATURE-----\n")],
      ["truncated armor", good.slice(0, Math.floor(good.length / 2))],
      ["a key block instead of a signature", bytes(armored(master.publicKey))],
      ["a corrupted armor checksum", bytes(goodText.replace(/\n=(....)\n/, (_, c: string) => `\n=${c === "AAAA" ? "AAAB" : "AAAA"}\n`)), /CRC-24/],
      ["two armored blocks", bytes(goodText + goodText), /exactly one/],
      ["oversized", bytes(goodText.replace("-----BEGIN PGP SIGNATURE-----\n", `-----BEGIN PGP SIGNATURE-----\nComment: ${"x".repeat(MAX_SIGNATURE_BYTES)}\n`)), /64 KiB/],
    ];
    for (const [name, sig, reason] of cases) {
      const v = await verifyDetached(FILE, sig, keyring);
      expectStatus(v, "malformed", reason);
      assert.ok(v, name);
    }
    assert.equal(MAX_SIGNATURE_BYTES, 64 * 1024);
  });

  test("two signatures in one file, or a non-document signature, are malformed", async () => {
    const a = await signDetached(signer, FILE, { armored: false });
    const b = await signDetached(master, FILE, { armored: false });
    expectStatus(await verifyDetached(FILE, new Uint8Array([...a, ...b]), keyring), "malformed", /2 signatures/);
    const cert = signerCertified.users[0]?.otherCertifications[0];
    assert.ok(cert);
    const list = new openpgp.PacketList<openpgp.SignaturePacket>();
    list.push(cert);
    expectStatus(await verifyDetached(FILE, list.write(), keyring), "malformed", /not a document signature/);
  });

  test("never throws, whatever it is given", async () => {
    const bogus = [null, undefined, "text", 42, {}] as unknown as Uint8Array[];
    for (const value of bogus) {
      const v = await verifyDetached(value, value, keyring);
      assert.equal(v.status, "malformed");
    }
    const v = await verifyDetached(FILE, await signDetached(signer, FILE), {} as Keyring);
    assert.equal(v.status, "malformed");
  });

  describe("hash algorithms (RSA keys)", () => {
    let rsa: TestKey;
    let kr: Keyring;
    before(async () => {
      rsa = await makeKey("RSA Signer <rsa@example.org>", { type: "rsa", rsaBits: 2048 });
      kr = await keyringFromArmored(
        [
          { path: "m.asc", armored: armored(master.publicKey) },
          { path: "rsa.asc", armored: armored(await certify(rsa, master)) },
        ],
        { masterFingerprint: master.fingerprint },
      );
    });

    test("a SHA-1 signature is valid, with weakHash", async () => {
      const v = await verifyDetached(FILE, await signDetached(rsa, FILE, { hash: enums.hash.sha1 }), kr);
      expectStatus(v, "valid");
      assert.equal(v.hashAlgorithm, "SHA1");
      assert.equal(v.weakHash, true);
    });

    test("a SHA-1 signature over a changed file is still bad", async () => {
      const sig = await signDetached(rsa, FILE, { hash: enums.hash.sha1 });
      const changed = FILE.slice();
      changed[5] = 0x21;
      expectStatus(await verifyDetached(changed, sig, kr), "bad");
    });

    test("SHA-512 is not weak", async () => {
      const v = await verifyDetached(FILE, await signDetached(rsa, FILE, { hash: enums.hash.sha512 }), kr);
      expectStatus(v, "valid");
      assert.equal(v.hashAlgorithm, "SHA512");
      assert.equal(v.weakHash, false);
    });

    test("MD5 and RIPEMD160 signatures are refused (weakHash, not valid)", async () => {
      for (const [hash, name] of [
        [enums.hash.md5, "MD5"],
        [enums.hash.ripemd, "RIPEMD160"],
      ] as const) {
        const v = await verifyDetached(FILE, await signDetached(rsa, FILE, { hash }), kr);
        expectStatus(v, "malformed", new RegExp(name));
        assert.equal(v.weakHash, true);
        assert.equal(v.hashAlgorithm, name);
      }
    });

    test("a 1024-bit RSA key is refused (openpgp's 2047-bit minimum)", async () => {
      const weak = await makeKey("Weak RSA <weak@example.org>", { type: "rsa", rsaBits: 1024 });
      const weakKr = await keyringFromArmored(
        [
          { path: "m.asc", armored: armored(master.publicKey) },
          { path: "w.asc", armored: armored(await certify(weak, master)) },
        ],
        { masterFingerprint: master.fingerprint },
      );
      expectStatus(await verifyDetached(FILE, await signDetached(weak, FILE), weakKr), "untrusted-key", /1024 bits/);
    });
  });

  test("the real-data trap: the key's only self-signature is newer than the signature", async () => {
    // key created at T0, signs at T1, re-signed (reformatted) at T2 > T1
    const T0 = at("2015-01-05T00:00:00Z");
    const T1 = at("2017-06-01T00:00:00Z");
    const T2 = at("2021-11-29T00:00:00Z");
    const old = await makeKey("Resigned Signer <resigned@example.org>", { date: T0 });
    const sig = await signDetached(old, FILE, { date: T1 });
    const { privateKey: reformatted } = await openpgp.reformatKey({
      privateKey: old.privateKey,
      userIDs: [{ name: "Resigned Signer", email: "resigned@example.org" }],
      date: T2,
      format: "object",
    });
    assert.equal(reformatted.getCreationTime().toISOString(), T0.toISOString(), "creation time kept");
    const selfSigs = reformatted.users.flatMap((u) => u.selfCertifications);
    assert.ok(selfSigs.length > 0 && selfSigs.every((s) => s.created?.getTime() === T2.getTime()), "only a T2 self-signature");
    const published = await reformatted.toPublic().signAllUsers([master.privateKey], T2);
    // openpgp on its own rejects it (this is the trap) ...
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: FILE }),
      signature: await openpgp.readSignature({ armoredSignature: new TextDecoder().decode(sig) }),
      verificationKeys: [published],
    });
    await assert.rejects(result.signatures[0]!.verified);
    // ... we judge the key at T1 like gpg does
    const kr = await keyringFromArmored(
      [
        { path: "m.asc", armored: armored(master.publicKey) },
        { path: "r.asc", armored: armored(published) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    const v = await verifyDetached(FILE, sig, kr);
    expectStatus(v, "valid");
    assert.equal(v.fingerprint, old.fingerprint);
    // a changed byte is still bad, and a signature from before T0 still not valid
    const changed = FILE.slice();
    changed[3] = 0x00;
    expectStatus(await verifyDetached(changed, sig, kr), "bad");
    const tooEarly = await signDetached(old, FILE, { date: at("2014-12-31T00:00:00Z") });
    expectStatus(await verifyDetached(FILE, tooEarly, kr), "expired-key");
  });

  test("a signing subkey's signature is attributed to its primary key", async () => {
    const withSub = await makeKey("Subkey Signer <sub@example.org>", { signingSubkey: true });
    const kr = await keyringFromArmored(
      [
        { path: "m.asc", armored: armored(master.publicKey) },
        { path: "s.asc", armored: armored(await certify(withSub, master)) },
      ],
      { masterFingerprint: master.fingerprint },
    );
    const v = await verifyDetached(FILE, await signDetached(withSub, FILE, { subkey: true }), kr);
    expectStatus(v, "valid");
    assert.equal(v.fingerprint, withSub.fingerprint);
    assert.notEqual(v.issuerKeyId, withSub.keyId);
  });

  test("the pinned master's own signature is valid", async () => {
    const v = await verifyDetached(FILE, await signDetached(master, FILE), keyring);
    expectStatus(v, "valid");
    assert.equal(v.fingerprint, master.fingerprint);
    assert.equal(v.certifiedByMaster, true);
  });

  test("text-mode signatures are checked over gpg's canonical line endings", async () => {
    const text = bytes("line one\nline two  \n\nlast line");
    const sig = await signDetached(signer, text, { type: enums.signature.text });
    expectStatus(await verifyDetached(text, sig, keyring), "valid");
    expectStatus(await verifyDetached(bytes("line one\r\nline two  \r\n\r\nlast line"), sig, keyring), "valid");
    expectStatus(await verifyDetached(bytes("line one\nline two\n\nlast line"), sig, keyring), "bad", /changed/);
    expectStatus(await verifyDetached(bytes("line one\nline two  \n\nlast line\n"), sig, keyring), "bad");
  });
});

describe("bulletinSignatureStatus", () => {
  const table: [Parameters<typeof bulletinSignatureStatus>[0], ReturnType<typeof bulletinSignatureStatus>][] = [
    [[], "unsigned"],
    [["valid"], "verified"],
    [["valid", "valid"], "verified"],
    [["valid", "untrusted-key"], "verified"],
    [["valid", "unknown-key", "malformed", "expired-key", "revoked-key"], "verified"],
    [["valid", "bad"], "failed"],
    [["bad"], "failed"],
    [["untrusted-key", "bad"], "failed"],
    [["untrusted-key"], "unverified"],
    [["unknown-key", "malformed"], "unverified"],
    [["expired-key"], "unverified"],
    [["revoked-key"], "unverified"],
  ];
  for (const [statuses, expected] of table) {
    test(`[${statuses.join(", ")}] → ${expected}`, () => {
      assert.equal(bulletinSignatureStatus(statuses), expected);
    });
  }
});
