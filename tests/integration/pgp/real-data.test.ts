// The real Qubes security pack: every QSB signature must be valid, certified
// by the real master key, and agree with gpg.
import test, { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as openpgp from "openpgp";
import {
  bulletinSignatureStatus,
  keyringFromArmored,
  loadKeyring,
  QUBES_MASTER_FINGERPRINT,
  verifyDetached,
  type Keyring,
  type SignatureVerdict,
} from "../../../lib/pgp";
import { KEYS_DIR, QSB_DIR, realData } from "../../helpers/fixtures";
import { armored, makeKey, signDetached } from "../../unit/pgp/helpers";

const SIGNERS: Record<string, string> = {
  joanna: "BB67A93CA089499C47B69E3C4E6829BC92C7B3DC",
  marmarek: "2D1771FE4D767EDC76B089FAD655A4F21830E06A",
  simon: "EA18E7F040C41DDAEFE9AA0F4AC18DE1112E1490",
};
const SIG_FILE = /^(qsb-\d{3}-\d{4}\.txt)\.(?:sig|sign)\.([A-Za-z0-9_-]+)$/;
const GPG = "/usr/bin/gpg";

interface RealSig {
  name: string;
  dataFile: string;
  signer: string;
  data: Uint8Array;
  signature: Uint8Array;
}

function listKeyFiles(dir: string, rel = ""): { path: string; abs: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const abs = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      return statSync(abs).isDirectory() ? listKeyFiles(abs, relPath) : [{ path: relPath, abs }];
    });
}

/**
 * The hash algorithm of an armored signature, read straight from its first
 * packet (independently of openpgp.js and of lib/pgp).
 */
function hashAlgorithmOf(armoredSig: string): number {
  const body = armoredSig
    .split(/\r?\n/)
    .slice(armoredSig.split(/\r?\n/).findIndex((l) => l.trim() === "") + 1)
    .filter((l) => l && !l.startsWith("=") && !l.startsWith("-----"))
    .join("");
  const b = Buffer.from(body, "base64");
  const ctb = b[0] ?? 0;
  assert.ok(ctb & 0x80, "an OpenPGP packet");
  let offset: number;
  let tag: number;
  if (ctb & 0x40) {
    tag = ctb & 0x3f;
    const first = b[1] ?? 0;
    offset = first < 192 ? 2 : first < 224 ? 3 : 6;
  } else {
    tag = (ctb >> 2) & 0x0f;
    offset = 1 + [1, 2, 4, 0][ctb & 0x03]!;
  }
  assert.equal(tag, 2, "a signature packet");
  const version = b[offset];
  if (version === 3) return b[offset + 16] ?? -1;
  return b[offset + 3] ?? -1; // v4: version, type, public-key algorithm, hash algorithm
}

describe("real Qubes signatures", realData, () => {
  let keyring: Keyring;
  let sigs: RealSig[];
  const verdicts = new Map<string, SignatureVerdict>();

  before(async () => {
    keyring = await loadKeyring(KEYS_DIR);
    sigs = readdirSync(QSB_DIR)
      .sort()
      .flatMap((name) => {
        const match = SIG_FILE.exec(name);
        if (!match) return [];
        const dataFile = match[1] as string;
        return [
          {
            name,
            dataFile,
            signer: match[2] as string,
            data: new Uint8Array(readFileSync(path.join(QSB_DIR, dataFile))),
            signature: new Uint8Array(readFileSync(path.join(QSB_DIR, name))),
          },
        ];
      });
  });

  test("the keyring holds the pinned master key and the signing keys it certifies", () => {
    const master = keyring.keys.find((k) => k.isMaster);
    assert.equal(master?.fingerprint, QUBES_MASTER_FINGERPRINT);
    assert.equal(master?.sourcePath, "master-key/qubes-master-key.asc");
    for (const fp of Object.values(SIGNERS)) {
      const key = keyring.keys.find((k) => k.fingerprint === fp);
      assert.ok(key, fp);
      assert.equal(key.certifiedByMaster, true, fp);
      assert.match(key.sourcePath, /^security-team\//);
    }
    // unreadable files are notes, not failures
    assert.ok(keyring.notes.every((n) => typeof n === "string" && !n.includes("\n")));
  });

  test("all 229 QSB signatures are valid and certified by the master key", async (t) => {
    assert.equal(sigs.length, 229);
    const started = performance.now();
    for (const sig of sigs) verdicts.set(sig.name, await verifyDetached(sig.data, sig.signature, keyring));
    const ms = performance.now() - started;
    t.diagnostic(`verified ${sigs.length} signatures in ${ms.toFixed(0)} ms`);
    assert.ok(ms < 10_000, `took ${ms} ms`);
    for (const sig of sigs) {
      const v = verdicts.get(sig.name)!;
      assert.equal(v.status, "valid", `${sig.name}: ${v.reason}`);
      assert.equal(v.reason, null);
      assert.equal(v.certifiedByMaster, true, sig.name);
      assert.equal(v.fingerprint, SIGNERS[sig.signer], sig.name);
      assert.match(v.issuerKeyId ?? "", /^[0-9A-F]{16}$/);
      assert.ok(v.createdAt instanceof Date);
      assert.ok(v.signerUserId);
    }
  });

  test("exactly the SHA-1 signatures are weakHash (hash read from the packets)", async () => {
    const expectedWeak = new Set(
      sigs.filter((s) => [1, 2, 3].includes(hashAlgorithmOf(new TextDecoder().decode(s.signature)))).map((s) => s.name),
    );
    assert.ok(expectedWeak.size > 40 && expectedWeak.size < sigs.length, `${expectedWeak.size} SHA-1 signatures`);
    for (const sig of sigs) {
      const v = verdicts.get(sig.name) ?? (await verifyDetached(sig.data, sig.signature, keyring));
      assert.equal(v.weakHash, expectedWeak.has(sig.name), sig.name);
      assert.equal(v.hashAlgorithm === "SHA1", expectedWeak.has(sig.name), sig.name);
      assert.equal(v.status, "valid");
    }
  });

  test("QSB-054: both signatures valid, with their fingerprints", async () => {
    const data = new Uint8Array(readFileSync(path.join(QSB_DIR, "qsb-054-2019.txt")));
    const statuses: SignatureVerdict["status"][] = [];
    for (const [signer, fp] of [
      ["marmarek", SIGNERS.marmarek],
      ["simon", SIGNERS.simon],
    ] as const) {
      const v = await verifyDetached(data, new Uint8Array(readFileSync(path.join(QSB_DIR, `qsb-054-2019.txt.sig.${signer}`))), keyring);
      assert.equal(v.status, "valid");
      assert.equal(v.fingerprint, fp);
      assert.equal(v.certifiedByMaster, true);
      statuses.push(v.status);
    }
    assert.equal(bulletinSignatureStatus(statuses), "verified");
  });

  test("every bulletin is verified", async () => {
    const byFile = new Map<string, SignatureVerdict["status"][]>();
    for (const sig of sigs) {
      const v = verdicts.get(sig.name) ?? (await verifyDetached(sig.data, sig.signature, keyring));
      byFile.set(sig.dataFile, [...(byFile.get(sig.dataFile) ?? []), v.status]);
    }
    assert.equal(byFile.size, 116);
    for (const [file, statuses] of byFile) assert.equal(bulletinSignatureStatus(statuses), "verified", file);
  });

  test("the xsa-109 graph's two signatures are valid too", async () => {
    const data = new Uint8Array(readFileSync(path.join(QSB_DIR, "xsa-109-risk-graph.dot")));
    for (const signer of ["joanna", "marmarek"]) {
      const v = await verifyDetached(data, new Uint8Array(readFileSync(path.join(QSB_DIR, `xsa-109-risk-graph.dot.sig.${signer}`))), keyring);
      assert.equal(v.status, "valid", `${signer}: ${v.reason}`);
    }
  });

  test("a changed byte, or another bulletin's signature, is bad", async () => {
    const samples = sigs.filter((_, i) => i % 23 === 0);
    assert.ok(samples.some((s) => verdicts.get(s.name)?.weakHash), "a SHA-1 one among them");
    for (const sig of samples) {
      const changed = sig.data.slice();
      const index = Math.floor(changed.length / 2);
      changed[index] = (changed[index] ?? 0) ^ 0x20;
      const v = await verifyDetached(changed, sig.signature, keyring);
      assert.equal(v.status, "bad", sig.name);
      assert.equal(v.fingerprint, SIGNERS[sig.signer]);
    }
    const a = sigs.find((s) => s.name === "qsb-054-2019.txt.sig.simon")!;
    const b = sigs.find((s) => s.name === "qsb-053-2019.txt.sig.simon")!;
    assert.equal((await verifyDetached(b.data, a.signature, keyring)).status, "bad");
  });

  test("pinning another fingerprint makes every real signature untrusted", async () => {
    const other = await loadKeyring(KEYS_DIR, { masterFingerprint: "B35B2DA4B9F9F10949226F77ACC2602F3F48CB21" });
    assert.notEqual(other.hash, keyring.hash);
    for (const sig of sigs.filter((_, i) => i % 10 === 0)) {
      const v = await verifyDetached(sig.data, sig.signature, other);
      assert.equal(v.status, "untrusted-key", sig.name);
      assert.equal(v.certifiedByMaster, false);
    }
  });

  test("an impostor with a real signer's user ID, added to the real keys, is untrusted", async () => {
    const uid = keyring.keys.find((k) => k.fingerprint === SIGNERS.marmarek)?.userIds[0];
    assert.ok(uid);
    const impostor = await makeKey(uid);
    const files = listKeyFiles(KEYS_DIR).map((f) => ({ path: f.path, armored: new Uint8Array(readFileSync(f.abs)) }));
    const withImpostor = await keyringFromArmored([
      ...files,
      { path: "security-team/marmarek-qubes-secpack-signing-key-2.asc", armored: armored(impostor.publicKey) },
      { path: "master-key/qubes-master-key-new.asc", armored: armored((await makeKey("Qubes Master Signing Key")).publicKey) },
    ]);
    const sig = sigs.find((s) => s.name === "qsb-054-2019.txt.sig.marmarek")!;
    const forged = await signDetached(impostor, sig.data, { date: new Date("2019-11-26T00:00:00Z") });
    const v = await verifyDetached(sig.data, forged, withImpostor);
    assert.equal(v.status, "untrusted-key");
    assert.equal(v.signerUserId, uid);
    assert.equal((await verifyDetached(sig.data, sig.signature, withImpostor)).status, "valid");
  });

  test("openpgp.js on its own rejects many of them (the traps handled on purpose)", async () => {
    const publicKeys = await Promise.all(
      listKeyFiles(path.join(KEYS_DIR, "security-team")).map(async (f) => openpgp.readKey({ armoredKey: readFileSync(f.abs, "utf8") })),
    );
    const reasons = new Map<string, number>();
    for (const sig of sigs) {
      const result = await openpgp.verify({
        message: await openpgp.createMessage({ binary: sig.data }),
        signature: await openpgp.readSignature({ armoredSignature: new TextDecoder().decode(sig.signature) }),
        verificationKeys: publicKeys,
      });
      const reason = await result.signatures[0]!.verified.then(
        () => "ok",
        (error: Error) => (/future/.test(error.message) ? "future" : /hash/i.test(error.message) ? "sha1" : error.message),
      );
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    assert.ok((reasons.get("future") ?? 0) > 40, JSON.stringify([...reasons]));
    assert.ok((reasons.get("sha1") ?? 0) > 40, JSON.stringify([...reasons]));
  });

  describe("compared with gpg", { skip: existsSync(GPG) ? false : `gpg not installed at ${GPG}` }, () => {
    let home: string;
    before(() => {
      home = mkdtempSync(path.join(os.tmpdir(), "pgp-gpg-"));
      const files = [
        path.join(KEYS_DIR, "master-key", "qubes-master-key.asc"),
        ...listKeyFiles(path.join(KEYS_DIR, "security-team")).map((f) => f.abs),
      ];
      for (const file of files) {
        const r = spawnSync(GPG, ["--batch", "--no-tty", "--import", file], { env: { ...process.env, GNUPGHOME: home } });
        assert.equal(r.status, 0, r.stderr.toString());
      }
      const trust = spawnSync(GPG, ["--batch", "--import-ownertrust"], {
        env: { ...process.env, GNUPGHOME: home },
        input: `${QUBES_MASTER_FINGERPRINT}:6:\n`,
      });
      assert.equal(trust.status, 0, trust.stderr.toString());
    });

    test("each verdict matches gpg's (GOODSIG/VALIDSIG, fingerprint, trust)", async (t) => {
      const started = performance.now();
      const gpgResults = sigs.map((sig) => {
        const r = spawnSync(GPG, ["--batch", "--no-tty", "--status-fd", "1", "--verify", path.join(QSB_DIR, sig.name), path.join(QSB_DIR, sig.dataFile)], {
          env: { ...process.env, GNUPGHOME: home },
        });
        return { sig, status: r.stdout.toString() };
      });
      t.diagnostic(`gpg --verify over ${sigs.length} signatures: ${(performance.now() - started).toFixed(0)} ms`);
      for (const { sig, status } of gpgResults) {
        const ours = verdicts.get(sig.name) ?? (await verifyDetached(sig.data, sig.signature, keyring));
        const good = /^\[GNUPG:\] GOODSIG /m.test(status) && !/^\[GNUPG:\] (BADSIG|ERRSIG|EXPKEYSIG|REVKEYSIG|EXPSIG) /m.test(status);
        const validsig = /^\[GNUPG:\] VALIDSIG (\S+) .* ([0-9A-F]{40})$/m.exec(status);
        assert.equal(ours.status === "valid", good && validsig !== null, `${sig.name}: ours ${ours.status}, gpg:\n${status}`);
        assert.equal(ours.fingerprint, validsig?.[2], sig.name);
        const trusted = /^\[GNUPG:\] TRUST_(FULLY|ULTIMATE)/m.test(status);
        assert.equal(ours.certifiedByMaster, trusted, sig.name);
      }
    });

    after(() => {
      if (!home) return;
      spawnSync("gpgconf", ["--kill", "all"], { env: { ...process.env, GNUPGHOME: home } });
      rmSync(home, { recursive: true, force: true });
    });
  });
});
