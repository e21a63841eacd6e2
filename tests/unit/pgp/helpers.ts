// Keys and signatures made in the tests with openpgp.js (never real secrets).
import * as openpgp from "openpgp";

export const { enums } = openpgp;

export const day = 24 * 60 * 60 * 1000;
export const at = (iso: string) => new Date(iso);
export const bytes = (text: string) => new TextEncoder().encode(text);

export interface TestKey {
  privateKey: openpgp.PrivateKey;
  publicKey: openpgp.PublicKey;
  fingerprint: string;
  keyId: string;
}

function wrap(privateKey: openpgp.PrivateKey): TestKey {
  const publicKey = privateKey.toPublic();
  return {
    privateKey,
    publicKey,
    fingerprint: privateKey.getFingerprint().toUpperCase(),
    keyId: privateKey.getKeyID().toHex().toUpperCase(),
  };
}

export async function makeKey(
  userId: string,
  options: { date?: Date; keyExpirationTime?: number; signingSubkey?: boolean; type?: "ecc" | "rsa"; rsaBits?: number } = {},
): Promise<TestKey> {
  const match = /^(.*?)\s*(?:<([^>]*)>)?$/.exec(userId);
  const name = match?.[1] ?? userId;
  const email = match?.[2];
  const { privateKey } = await openpgp.generateKey({
    type: options.type ?? "ecc",
    ...(options.type === "rsa" ? { rsaBits: options.rsaBits ?? 2048 } : { curve: "ed25519Legacy" as const }),
    userIDs: [email ? { name, email } : { name }],
    date: options.date ?? at("2015-01-01T00:00:00Z"),
    keyExpirationTime: options.keyExpirationTime ?? 0,
    subkeys: options.signingSubkey ? [{ sign: true }] : [{}],
    format: "object",
    config: options.type === "rsa" ? { minRSABits: 1024 } : undefined,
  });
  return wrap(privateKey);
}

/** The signer's public key, with every user ID certified by `certifier`. */
export async function certify(signer: TestKey, certifier: TestKey, date?: Date): Promise<openpgp.PublicKey> {
  return signer.publicKey.signAllUsers([certifier.privateKey], date ?? at("2016-01-01T00:00:00Z"));
}

export interface SignOptions {
  date?: Date;
  hash?: openpgp.enums.hash;
  type?: openpgp.enums.signature;
  /** Sign with the key's first signing subkey instead of the primary key. */
  subkey?: boolean;
  armored?: boolean;
}

/**
 * A detached signature made packet by packet, so that the tests control the
 * creation time (even before the key exists, or after it expired), the hash
 * and the signature type.
 */
export async function signDetached(key: TestKey, data: Uint8Array, options: SignOptions = {}): Promise<Uint8Array> {
  const keyPacket = options.subkey ? (key.privateKey.subkeys.find((s) => s.keyPacket)?.keyPacket as openpgp.SecretSubkeyPacket) : (key.privateKey.keyPacket as openpgp.SecretKeyPacket);
  const sig = new openpgp.SignaturePacket();
  sig.signatureType = options.type ?? enums.signature.binary;
  sig.hashAlgorithm = options.hash ?? enums.hash.sha256;
  sig.publicKeyAlgorithm = keyPacket.algorithm;
  const literal = { text: null, getBytes: () => data };
  await (sig.sign as unknown as (k: unknown, d: unknown, date: Date, detached: boolean, config: openpgp.Config) => Promise<void>).call(
    sig,
    keyPacket,
    literal,
    options.date ?? at("2020-01-01T00:00:00Z"),
    true,
    // no salt notation: it is only defined for SHA-2/SHA-3 (we also sign with SHA-1, MD5, RIPEMD160)
    { ...openpgp.config, nonDeterministicSignaturesViaNotation: false },
  );
  const list = new openpgp.PacketList<openpgp.SignaturePacket>();
  list.push(sig);
  const signature = new openpgp.Signature(list);
  if (options.armored === false) return signature.write() as Uint8Array;
  return bytes(signature.armor(openpgp.config));
}

export function armored(key: openpgp.PublicKey | openpgp.PrivateKey): string {
  return key.isPrivate() ? key.toPublic().armor() : key.armor();
}
