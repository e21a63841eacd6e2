// The keyring's types and fixed rules: the pinned master, the configs for
// key signatures and parsing, the evaluated key and the Keyring handle.

import * as openpgp from "openpgp";
import type { KeyInfo } from "../types";

export const QUBES_MASTER_FINGERPRINT = "427F11FD0FAA4B080123F01CDDFA1A3E36879494";

/** Key files larger than this are skipped with a note (the real ones are < 100 KiB). */
export const MAX_KEY_FILE_BYTES = 4 * 1024 * 1024;

/** Bumped when the verification rules change, so that verdicts cached under keyring.hash are redone. */
export const KEYRING_HASH_TAG = "advisory-tracker/lib/pgp keyring v1";

/**
 * gpg ignores third-party key signatures made over SHA-1 after this instant
 * (GnuPG 2.2.18, CVE-2019-14855: chosen-prefix collisions); so do we for the
 * master's certifications.
 */
export const SHA1_CERTIFICATION_CUTOFF = new Date(1547856000 * 1000); // 2019-01-19T00:00:00Z

const { enums } = openpgp;

export function freshConfig(): openpgp.Config {
  return {
    ...openpgp.config,
    rejectHashAlgorithms: new Set([enums.hash.md5, enums.hash.ripemd]),
    rejectMessageHashAlgorithms: new Set([enums.hash.md5, enums.hash.ripemd, enums.hash.sha1]),
    rejectPublicKeyAlgorithms: new Set([enums.publicKey.elgamal, enums.publicKey.dsa]),
    rejectCurves: new Set([enums.curve.secp256k1]),
    minRSABits: 2047,
  };
}

/**
 * Config for checking key signatures (self-signatures, bindings,
 * certifications, revocations): openpgp's own defaults, pinned here so that a
 * change to the global openpgp.config elsewhere cannot loosen them.
 */
export const KEY_SIGNATURE_CONFIG: openpgp.Config = freshConfig();

/** Config for reading key files: strict about packets we do not understand only where it is safe to be lenient. */
export const PARSE_CONFIG: openpgp.PartialConfig = { ignoreUnsupportedPackets: true, ignoreMalformedPackets: false };

export type PrimaryPacket = openpgp.PublicKeyPacket | openpgp.SecretKeyPacket;
export type SubPacket = openpgp.PublicSubkeyPacket | openpgp.SecretSubkeyPacket;
export type AnyKeyPacket = PrimaryPacket | SubPacket;

export interface RevocationInfo {
  created: Date;
  /** The reason-for-revocation code, null when the subpacket is absent. */
  reasonCode: number | null;
  reasonText: string | null;
  /** Hard revocations (compromise, no/unknown reason) count whatever their date. */
  hard: boolean;
  /** "self" or the fingerprint of the designated revoker. */
  by: string;
}

export interface EvaluatedSubkey {
  packet: SubPacket;
  fingerprint: string;
  keyId: string;
  createdAt: Date;
  /** Newest valid binding signature (with a valid back-signature if the subkey can sign). */
  binding: openpgp.SignaturePacket | null;
  expiresAt: Date | null;
  canSign: boolean;
  revocations: RevocationInfo[];
  /** Why the subkey cannot be used at all, if so. */
  problem: string | null;
  /** Why the subkey (algorithm, size) is too weak to be used, if so. */
  weakness: string | null;
}

export interface EvaluatedKey {
  fingerprint: string;
  keyId: string;
  primary: PrimaryPacket;
  createdAt: Date;
  sources: string[];
  /** User IDs with a valid self-signature that are not revoked. */
  userIds: string[];
  primaryUserId: string | null;
  /** The newest valid self-signature of the primary user ID (or direct-key signature). */
  selfSignature: openpgp.SignaturePacket | null;
  expiresAt: Date | null;
  canSign: boolean;
  revocations: RevocationInfo[];
  subkeys: EvaluatedSubkey[];
  isMaster: boolean;
  /** Carries a valid certification by the pinned master key. */
  masterCertified: boolean;
  /** isMaster || masterCertified. */
  trusted: boolean;
  /** Why the key is not trusted, when it is not. */
  trustProblem: string | null;
  /** Why the key (algorithm, size) is too weak to be used, if so. */
  weakness: string | null;
}

export interface KeyMatch {
  key: EvaluatedKey;
  /** null when the primary key itself matched. */
  subkey: EvaluatedSubkey | null;
}

export interface KeyringState {
  masterFingerprint: string;
  byFingerprint: Map<string, KeyMatch>;
  byKeyId: Map<string, KeyMatch[]>;
  keys: EvaluatedKey[];
}

// Symbol.for: the same key even if this module is loaded twice (ESM and CJS).
export const STATE: unique symbol = Symbol.for("advisory-tracker/lib/pgp/keyring-state") as never;

export interface Keyring {
  keys: KeyInfo[];
  /** sha256 hex over all key files (path + bytes, sorted), the pinned fingerprint and each key's trust today. */
  hash: string;
  /** Unreadable or skipped files, orphan revocations, a missing master key... */
  notes: string[];
  /** The pinned master fingerprint (40 upper-case hex). */
  masterFingerprint: string;
  /** Internal state (evaluated keys); not enumerable, not part of the API. */
  readonly [STATE]: KeyringState;
}

export interface KeyringOptions {
  /** Fingerprint of the trust anchor; spaces and case are ignored. Default QUBES_MASTER_FINGERPRINT. */
  masterFingerprint?: string;
}
