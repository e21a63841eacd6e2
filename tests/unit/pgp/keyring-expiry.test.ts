// A verdict cached under keyring.hash must be reached again once a
// certification it relied on has expired: the hash carries each key's trust
// as of now.
import assert from "node:assert/strict";
import { mock, test } from "node:test";
import * as openpgp from "openpgp";
import { keyringFromArmored, verifyDetached } from "@/lib/pgp";
import { armored, bytes, day, enums, makeKey, signDetached } from "./helpers";

async function certifyUntil(signer: Awaited<ReturnType<typeof makeKey>>, master: Awaited<ReturnType<typeof makeKey>>, created: Date, seconds: number) {
  const user = signer.publicKey.users[0];
  assert.ok(user?.userID);
  const sig = new openpgp.SignaturePacket();
  sig.signatureType = enums.signature.certGeneric;
  sig.hashAlgorithm = enums.hash.sha256;
  sig.publicKeyAlgorithm = master.privateKey.keyPacket.algorithm;
  sig.signatureExpirationTime = seconds;
  sig.signatureNeverExpires = false;
  await (sig.sign as unknown as (k: unknown, d: unknown, date: Date, detached: boolean, config: openpgp.Config) => Promise<void>).call(
    sig,
    master.privateKey.keyPacket,
    { userID: user.userID, key: signer.publicKey.keyPacket },
    created,
    false,
    openpgp.config,
  );
  user.otherCertifications.push(sig);
  return signer.publicKey;
}

test("a certification that expires changes the keyring's hash and the verdict", async () => {
  const master = await makeKey("Test Master <master@example.org>");
  const signer = await makeKey("Test Signer <signer@example.org>");
  const now = Date.now();
  const certified = await certifyUntil(signer, master, new Date(now - 1000), 2 * 24 * 3600);
  const files = [
    { path: "master.asc", armored: armored(master.publicKey) },
    { path: "signer.asc", armored: armored(certified) },
  ];
  const data = bytes("a bulletin\n");
  const sig = await signDetached(signer, data, { date: new Date(now - 500) });

  const today = await keyringFromArmored(files, { masterFingerprint: master.fingerprint });
  assert.equal((await verifyDetached(data, sig, today)).status, "valid");

  mock.timers.enable({ apis: ["Date"], now: now + 3 * day });
  try {
    const later = await keyringFromArmored(files, { masterFingerprint: master.fingerprint });
    assert.notEqual(later.hash, today.hash, "same files, but the certification has expired since");
    const verdict = await verifyDetached(data, sig, later);
    assert.equal(verdict.status, "untrusted-key");
    assert.match(verdict.reason ?? "", /expired/);
  } finally {
    mock.timers.reset();
  }
});
