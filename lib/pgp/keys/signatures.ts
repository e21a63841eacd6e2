// Primitives over key signatures: issuer matching, the cryptographic check
// without openpgp's time rules, newest/expiry/flags, revocation reasons,
// key weakness.

import * as openpgp from "openpgp";
import { KEY_SIGNATURE_CONFIG, type AnyKeyPacket, type RevocationInfo } from "./model";

const { enums } = openpgp;

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex").toUpperCase();
}

export function normalizeFingerprint(value: string): string {
  const fp = value.replace(/\s+/g, "").toUpperCase();
  if (!/^[0-9A-F]{40}$/.test(fp)) {
    throw new Error(`invalid master fingerprint "${value}": expected 40 hex digits`);
  }
  return fp;
}

export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim() || "unknown error";
}

export function sigKey(sig: openpgp.SignaturePacket): string {
  return hex(sig.write());
}

/** Does the signature name this key packet as its issuer (fingerprint if given, else key ID)? */
export function namesIssuer(sig: openpgp.SignaturePacket, packet: AnyKeyPacket): boolean {
  if (sig.issuerFingerprint && sig.issuerFingerprint.length > 0) {
    return hex(sig.issuerFingerprint) === packet.getFingerprint().toUpperCase();
  }
  return sig.issuerKeyID.equals(packet.getKeyID());
}

/**
 * Cryptographic check of a key signature (any type but document signatures),
 * without openpgp's time rules (we apply gpg's). Returns null when it holds,
 * else the reason.
 */
export async function checkKeySignature(
  sig: openpgp.SignaturePacket,
  signer: AnyKeyPacket,
  data: object,
): Promise<string | null> {
  if (sig.signatureType === null) return "no signature type";
  try {
    // date null: no "creation time in the future" / expiry checks here.
    await sig.verify(signer, sig.signatureType, data, null as unknown as Date, false, KEY_SIGNATURE_CONFIG);
    return null;
  } catch (error) {
    const message = errorMessage(error);
    // openpgp refuses self-signatures naming a designated revoker *after* the
    // cryptographic check and every other check have passed; gpg accepts them
    // (and we honour the designated revoker's revocations below).
    if (/revoked with an authorized key/.test(message)) return null;
    return message;
  }
}

export function createdOf(sig: openpgp.SignaturePacket): Date {
  return sig.created ?? new Date(0);
}

export function newest(sigs: openpgp.SignaturePacket[]): openpgp.SignaturePacket | null {
  let best: openpgp.SignaturePacket | null = null;
  for (const sig of sigs) if (!best || createdOf(sig) >= createdOf(best)) best = sig;
  return best;
}

export function expiryFrom(keyCreated: Date, sig: openpgp.SignaturePacket | null): Date | null {
  if (!sig || sig.keyExpirationTime === null || sig.keyNeverExpires || sig.keyExpirationTime <= 0) return null;
  return new Date(keyCreated.getTime() + sig.keyExpirationTime * 1000);
}

export function flagsOf(sig: openpgp.SignaturePacket | null): number | null {
  const flags = sig?.keyFlags;
  if (!flags || flags.length === 0) return null;
  return flags[0] ?? 0;
}

/** RFC 9580: only "superseded", "retired" and "user ID no longer valid" are soft. */
export function isHardReason(code: number | null): boolean {
  return !(
    code === enums.reasonForRevocation.keySuperseded ||
    code === enums.reasonForRevocation.keyRetired ||
    code === enums.reasonForRevocation.userIDInvalid
  );
}

export function revocationInfo(sig: openpgp.SignaturePacket, by: string): RevocationInfo {
  const code = sig.reasonForRevocationFlag ?? null;
  return {
    created: createdOf(sig),
    reasonCode: code,
    reasonText: sig.reasonForRevocationString || null,
    hard: isHardReason(code),
    by,
  };
}

/** openpgp's default key requirements (applied to signing keys): no DSA/ElGamal, RSA >= 2047 bits, no secp256k1. */
export function keyWeakness(packet: AnyKeyPacket): string | null {
  const config = KEY_SIGNATURE_CONFIG;
  let info: openpgp.AlgorithmInfo;
  try {
    info = packet.getAlgorithmInfo();
  } catch (error) {
    return `unsupported key algorithm (${errorMessage(error)})`;
  }
  const algorithm = packet.algorithm;
  if (config.rejectPublicKeyAlgorithms.has(algorithm)) {
    return `key algorithm ${info.algorithm.toUpperCase()} is rejected as insecure`;
  }
  if (
    (algorithm === enums.publicKey.rsaEncryptSign ||
      algorithm === enums.publicKey.rsaSign ||
      algorithm === enums.publicKey.rsaEncrypt) &&
    (info.bits ?? 0) < config.minRSABits
  ) {
    return `RSA key of ${info.bits ?? "?"} bits is too weak (minimum ${config.minRSABits})`;
  }
  if (info.curve && config.rejectCurves.has(info.curve as unknown as openpgp.enums.curve)) {
    return `curve ${info.curve} is rejected`;
  }
  return null;
}

export function canSignByAlgorithm(packet: AnyKeyPacket): boolean {
  const a = packet.algorithm;
  return !(a === enums.publicKey.rsaEncrypt || a === enums.publicKey.elgamal || a === enums.publicKey.ecdh || a === enums.publicKey.x25519 || a === enums.publicKey.x448);
}
