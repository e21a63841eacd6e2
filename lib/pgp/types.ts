// Public types of the signature-verification library (plain Node, no Next.js,
// no database). See verify.ts for the exact meaning of every status.

/**
 * The verdict on one detached signature.
 * - `valid`: the digest matches, the key is vouched for by the pinned master
 *   key, and it was neither expired nor revoked when the signature was made.
 * - `bad`: the digest does not match (the file changed, or the signature
 *   belongs to another file).
 * - `untrusted-key`: cryptographically sound, but the key is not certified by
 *   the pinned master key (or is otherwise unusable: no valid self-signature,
 *   not a signing key, too weak).
 * - `unknown-key`: no key in the keyring has the issuer fingerprint / key ID.
 * - `expired-key`: the key had expired (or did not exist yet) when the
 *   signature was made, or the signature itself has expired.
 * - `revoked-key`: the key had been revoked when the signature was made; a
 *   revocation for key compromise, or with no/unknown reason, counts whenever
 *   it was made.
 * - `malformed`: not a readable, acceptable OpenPGP document signature.
 */
export type SignatureStatus =
  | "valid"
  | "bad"
  | "untrusted-key"
  | "unknown-key"
  | "expired-key"
  | "revoked-key"
  | "malformed";

/**
 * Per bulletin: `verified` (at least one `valid`, none `bad`), `failed` (any
 * `bad`), `unverified` (signature files present, none `valid`), `unsigned` (no
 * signature file).
 */
export type BulletinSignatureStatus = "verified" | "failed" | "unverified" | "unsigned";

export interface KeyInfo {
  /** Primary key fingerprint, 40 upper-case hex digits. */
  fingerprint: string;
  /** Primary key ID, 16 upper-case hex digits. */
  keyId: string;
  /** User IDs carrying a valid self-signature (not revoked). */
  userIds: string[];
  /** The first file (sorted) the key was read from, relative to the keys dir, "/"-separated. */
  sourcePath: string;
  createdAt: Date;
  /**
   * True when the pinned master key vouches for this key: it carries a valid
   * third-party certification made by the pinned master key, or it is the
   * pinned master key itself (the trust root).
   */
  certifiedByMaster: boolean;
  /** The key has the pinned master fingerprint. */
  isMaster: boolean;
}

export interface SignatureVerdict {
  status: SignatureStatus;
  /** One line; null only for `valid`. */
  reason: string | null;
  /** Primary key fingerprint of the signing key (40 hex), when the key is known. */
  fingerprint: string | null;
  /** Issuer key ID named by the signature (16 hex), when readable. */
  issuerKeyId: string | null;
  /** Signature creation time, when readable. */
  createdAt: Date | null;
  /** "SHA1", "SHA256", "SHA512", ... when readable. */
  hashAlgorithm: string | null;
  /** The digest is SHA-1 or weaker (MD5, RIPEMD160). */
  weakHash: boolean;
  /** See KeyInfo.certifiedByMaster; false when the key is unknown. */
  certifiedByMaster: boolean;
  /** The signing key's primary user ID, when the key is known. */
  signerUserId: string | null;
}
