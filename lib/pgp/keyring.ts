// The keyring: every public key found under the secpack's keys/ tree, merged
// by fingerprint, with each key's validity evaluated once, up front, in the
// way gpg does it:
// - a key's properties (expiration, usage flags, primary user ID) come from
//   its NEWEST valid self-signature, whatever its date; a key re-signed after
//   it made a signature still verifies that signature (the Qubes keys were all
//   re-signed in 2021);
// - the trust anchor is the key with the pinned fingerprint, and nothing
//   else; a signing key is trusted only if one of its (self-signed,
//   unrevoked) user IDs carries a cryptographically verified certification
//   made by that key.
// Plain Node: no Next.js, no database.
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import * as openpgp from "openpgp";
import type { KeyInfo } from "./types";

export const QUBES_MASTER_FINGERPRINT = "427F11FD0FAA4B080123F01CDDFA1A3E36879494";

/** Key files larger than this are skipped with a note (the real ones are < 100 KiB). */
export const MAX_KEY_FILE_BYTES = 4 * 1024 * 1024;

/** Bumped when the verification rules change, so that verdicts cached under keyring.hash are redone. */
const KEYRING_HASH_TAG = "advisory-tracker/lib/pgp keyring v1";

/**
 * gpg ignores third-party key signatures made over SHA-1 after this instant
 * (GnuPG 2.2.18, CVE-2019-14855: chosen-prefix collisions); so do we for the
 * master's certifications.
 */
export const SHA1_CERTIFICATION_CUTOFF = new Date(1547856000 * 1000); // 2019-01-19T00:00:00Z

const { enums } = openpgp;

function freshConfig(): openpgp.Config {
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
const PARSE_CONFIG: openpgp.PartialConfig = { ignoreUnsupportedPackets: true, ignoreMalformedPackets: false };

type PrimaryPacket = openpgp.PublicKeyPacket | openpgp.SecretKeyPacket;
type SubPacket = openpgp.PublicSubkeyPacket | openpgp.SecretSubkeyPacket;
type AnyKeyPacket = PrimaryPacket | SubPacket;

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

interface KeyringState {
  masterFingerprint: string;
  byFingerprint: Map<string, KeyMatch>;
  byKeyId: Map<string, KeyMatch[]>;
  keys: EvaluatedKey[];
}

// Symbol.for: the same key even if this module is loaded twice (ESM and CJS).
const STATE: unique symbol = Symbol.for("advisory-tracker/lib/pgp/keyring-state") as never;

export interface Keyring {
  keys: KeyInfo[];
  /** sha256 hex over all key files (path + bytes, sorted) and the pinned fingerprint. */
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

// ---------------------------------------------------------------------------
// Small helpers

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

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim() || "unknown error";
}

function sigKey(sig: openpgp.SignaturePacket): string {
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
async function checkKeySignature(
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

function createdOf(sig: openpgp.SignaturePacket): Date {
  return sig.created ?? new Date(0);
}

function newest(sigs: openpgp.SignaturePacket[]): openpgp.SignaturePacket | null {
  let best: openpgp.SignaturePacket | null = null;
  for (const sig of sigs) if (!best || createdOf(sig) >= createdOf(best)) best = sig;
  return best;
}

function expiryFrom(keyCreated: Date, sig: openpgp.SignaturePacket | null): Date | null {
  if (!sig || sig.keyExpirationTime === null || sig.keyNeverExpires || sig.keyExpirationTime <= 0) return null;
  return new Date(keyCreated.getTime() + sig.keyExpirationTime * 1000);
}

function flagsOf(sig: openpgp.SignaturePacket | null): number | null {
  const flags = sig?.keyFlags;
  if (!flags || flags.length === 0) return null;
  return flags[0] ?? 0;
}

/** RFC 9580: only "superseded", "retired" and "user ID no longer valid" are soft. */
function isHardReason(code: number | null): boolean {
  return !(
    code === enums.reasonForRevocation.keySuperseded ||
    code === enums.reasonForRevocation.keyRetired ||
    code === enums.reasonForRevocation.userIDInvalid
  );
}

function revocationInfo(sig: openpgp.SignaturePacket, by: string): RevocationInfo {
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
function keyWeakness(packet: AnyKeyPacket): string | null {
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

function canSignByAlgorithm(packet: AnyKeyPacket): boolean {
  const a = packet.algorithm;
  return !(a === enums.publicKey.rsaEncrypt || a === enums.publicKey.elgamal || a === enums.publicKey.ecdh || a === enums.publicKey.x25519 || a === enums.publicKey.x448);
}

// ---------------------------------------------------------------------------
// Merging the keys read from all files, by fingerprint

interface UserEntry {
  label: string;
  userID: openpgp.UserIDPacket | null;
  userAttribute: openpgp.UserAttributePacket | null;
  selfCerts: openpgp.SignaturePacket[];
  otherCerts: openpgp.SignaturePacket[];
  revocations: openpgp.SignaturePacket[];
}

interface SubkeyEntry {
  packet: SubPacket;
  bindings: openpgp.SignaturePacket[];
  revocations: openpgp.SignaturePacket[];
}

interface KeyEntry {
  fingerprint: string;
  primary: PrimaryPacket;
  users: Map<string, UserEntry>;
  directSigs: openpgp.SignaturePacket[];
  revocations: openpgp.SignaturePacket[];
  subkeys: Map<string, SubkeyEntry>;
  sources: string[];
  seen: Set<string>;
}

function addSigs(entry: KeyEntry, target: openpgp.SignaturePacket[], context: string, sigs: openpgp.SignaturePacket[]): void {
  for (const sig of sigs) {
    const id = `${context}:${sigKey(sig)}`;
    if (entry.seen.has(id)) continue;
    entry.seen.add(id);
    target.push(sig);
  }
}

function directSignaturesOf(key: openpgp.Key): openpgp.SignaturePacket[] {
  return (key as unknown as { directSignatures?: openpgp.SignaturePacket[] }).directSignatures ?? [];
}

function mergeKey(entries: Map<string, KeyEntry>, key: openpgp.Key, source: string): void {
  const fingerprint = key.getFingerprint().toUpperCase();
  let entry = entries.get(fingerprint);
  if (!entry) {
    entry = {
      fingerprint,
      primary: key.keyPacket,
      users: new Map(),
      directSigs: [],
      revocations: [],
      subkeys: new Map(),
      sources: [],
      seen: new Set(),
    };
    entries.set(fingerprint, entry);
  }
  if (!entry.sources.includes(source)) entry.sources.push(source);
  addSigs(entry, entry.directSigs, "direct", directSignaturesOf(key));
  addSigs(entry, entry.revocations, "revocation", key.revocationSignatures);
  for (const user of key.users) {
    const packet = user.userID ?? user.userAttribute;
    if (!packet) continue;
    const id = hex(packet.write());
    let userEntry = entry.users.get(id);
    if (!userEntry) {
      userEntry = {
        label: user.userID ? user.userID.userID : "[user attribute]",
        userID: user.userID,
        userAttribute: user.userAttribute,
        selfCerts: [],
        otherCerts: [],
        revocations: [],
      };
      entry.users.set(id, userEntry);
    }
    addSigs(entry, userEntry.selfCerts, `self:${id}`, user.selfCertifications);
    addSigs(entry, userEntry.otherCerts, `other:${id}`, user.otherCertifications);
    addSigs(entry, userEntry.revocations, `urev:${id}`, user.revocationSignatures);
  }
  for (const subkey of key.subkeys) {
    const subFp = subkey.getFingerprint().toUpperCase();
    let subEntry = entry.subkeys.get(subFp);
    if (!subEntry) {
      subEntry = { packet: subkey.keyPacket, bindings: [], revocations: [] };
      entry.subkeys.set(subFp, subEntry);
    }
    addSigs(entry, subEntry.bindings, `bind:${subFp}`, subkey.bindingSignatures);
    addSigs(entry, subEntry.revocations, `srev:${subFp}`, subkey.revocationSignatures);
  }
}

// ---------------------------------------------------------------------------
// Evaluation

interface UserEval {
  entry: UserEntry;
  newestSelf: openpgp.SignaturePacket;
  revoked: boolean;
}

async function evaluateSelf(entry: KeyEntry, masterFingerprint: string): Promise<{ key: EvaluatedKey; users: UserEval[] }> {
  const primary = entry.primary;
  const createdAt = primary.getCreationTime();
  const data = (extra: object) => ({ key: primary, ...extra });

  // Self-certifications of each user ID; a user ID counts if it has one
  // valid self-signature and is not revoked by a newer valid revocation.
  const users: UserEval[] = [];
  for (const user of entry.users.values()) {
    const userData = user.userID ? { userID: user.userID } : { userAttribute: user.userAttribute };
    const valid: openpgp.SignaturePacket[] = [];
    for (const sig of user.selfCerts) {
      if (!namesIssuer(sig, primary)) continue;
      if (createdOf(sig) < createdAt) continue; // gpg: key newer than its signature → time conflict
      if ((await checkKeySignature(sig, primary, data(userData))) === null) valid.push(sig);
    }
    const newestSelf = newest(valid);
    if (!newestSelf) continue;
    const revs: openpgp.SignaturePacket[] = [];
    for (const sig of user.revocations) {
      if (!namesIssuer(sig, primary)) continue;
      if ((await checkKeySignature(sig, primary, data(userData))) === null) revs.push(sig);
    }
    const newestRev = newest(revs);
    const revoked = newestRev !== null && createdOf(newestRev) >= createdOf(newestSelf);
    users.push({ entry: user, newestSelf, revoked });
  }

  // Direct-key self-signatures.
  const direct: openpgp.SignaturePacket[] = [];
  for (const sig of entry.directSigs) {
    if (sig.signatureType !== enums.signature.key || !namesIssuer(sig, primary)) continue;
    if (createdOf(sig) < createdAt) continue;
    if ((await checkKeySignature(sig, primary, data({}))) === null) direct.push(sig);
  }
  const newestDirect = newest(direct);

  // The primary user ID, as gpg picks it: among the live user IDs, those
  // flagged primary in their newest self-signature first, then the newest.
  const live = users.filter((u) => !u.revoked && u.entry.userID);
  const ranked = [...live].sort((a, b) => {
    const pa = a.newestSelf.isPrimaryUserID ? 1 : 0;
    const pb = b.newestSelf.isPrimaryUserID ? 1 : 0;
    if (pa !== pb) return pb - pa;
    return createdOf(b.newestSelf).getTime() - createdOf(a.newestSelf).getTime();
  });
  const primaryUser = ranked[0] ?? null;
  const selfSignature = primaryUser?.newestSelf ?? newestDirect;

  // Expiration and usage from the newest self-signature of the primary user
  // ID, else from the newest direct-key signature (gpg takes them from the
  // newest self-signature, not from the one current at signing time).
  const expirySource =
    primaryUser && primaryUser.newestSelf.keyExpirationTime !== null ? primaryUser.newestSelf : (newestDirect ?? primaryUser?.newestSelf ?? null);
  const flagsSource = primaryUser && flagsOf(primaryUser.newestSelf) !== null ? primaryUser.newestSelf : (newestDirect ?? primaryUser?.newestSelf ?? null);
  const flags = flagsOf(flagsSource);
  const canSign = flags === null ? canSignByAlgorithm(primary) : (flags & 0x02) !== 0;

  // Self-revocations.
  const revocations: RevocationInfo[] = [];
  for (const sig of entry.revocations) {
    if (sig.signatureType !== enums.signature.keyRevocation || !namesIssuer(sig, primary)) continue;
    if ((await checkKeySignature(sig, primary, data({}))) === null) revocations.push(revocationInfo(sig, "self"));
  }

  // Subkeys.
  const subkeys: EvaluatedSubkey[] = [];
  for (const [subFp, sub] of entry.subkeys) {
    const bindData = { key: primary, bind: sub.packet };
    const subCreated = sub.packet.getCreationTime();
    const bindings: openpgp.SignaturePacket[] = [];
    let problem: string | null = null;
    for (const sig of sub.bindings) {
      if (sig.signatureType !== enums.signature.subkeyBinding || !namesIssuer(sig, primary)) continue;
      if (createdOf(sig) < subCreated) continue;
      if ((await checkKeySignature(sig, primary, bindData)) !== null) continue;
      const subFlags = flagsOf(sig);
      const signs = subFlags === null ? canSignByAlgorithm(sub.packet) : (subFlags & 0x02) !== 0;
      if (signs) {
        // A signing subkey must cross-certify its primary (gpg's require-cross-certification).
        const back = sig.embeddedSignature;
        if (!back || back.signatureType !== enums.signature.keyBinding || (await checkKeySignature(back, sub.packet, bindData)) !== null) {
          problem = "signing subkey is not cross-certified (no valid back-signature)";
          continue;
        }
      }
      bindings.push(sig);
    }
    const binding = newest(bindings);
    if (binding) problem = null;
    else problem ??= "subkey has no valid binding signature";
    const subFlags = flagsOf(binding);
    const subRevs: RevocationInfo[] = [];
    for (const sig of sub.revocations) {
      if (sig.signatureType !== enums.signature.subkeyRevocation || !namesIssuer(sig, primary)) continue;
      if ((await checkKeySignature(sig, primary, bindData)) === null) subRevs.push(revocationInfo(sig, "self"));
    }
    subkeys.push({
      packet: sub.packet,
      fingerprint: subFp,
      keyId: sub.packet.getKeyID().toHex().toUpperCase(),
      createdAt: subCreated,
      binding,
      expiresAt: expiryFrom(subCreated, binding),
      canSign: binding !== null && (subFlags === null ? canSignByAlgorithm(sub.packet) : (subFlags & 0x02) !== 0),
      revocations: subRevs,
      problem,
      weakness: keyWeakness(sub.packet),
    });
  }

  const isMaster = entry.fingerprint === masterFingerprint;
  const key: EvaluatedKey = {
    fingerprint: entry.fingerprint,
    keyId: primary.getKeyID().toHex().toUpperCase(),
    primary,
    createdAt,
    sources: [...entry.sources].sort(),
    userIds: live.map((u) => u.entry.label),
    primaryUserId: primaryUser?.entry.label ?? null,
    selfSignature,
    expiresAt: expiryFrom(createdAt, expirySource),
    canSign,
    revocations,
    subkeys,
    isMaster,
    masterCertified: false,
    trusted: false,
    trustProblem: null,
    weakness: keyWeakness(primary),
  };
  return { key, users };
}

/** Designated-revoker revocations: by a key named in a valid self-signature's revocation-key subpacket. */
async function applyDesignatedRevocations(entry: KeyEntry, key: EvaluatedKey, all: Map<string, EvaluatedKey>): Promise<void> {
  const designated = new Set<string>();
  const selfSigs = [...entry.users.values()].flatMap((u) => u.selfCerts).concat(entry.directSigs);
  for (const sig of selfSigs) {
    if (sig.revocationKeyFingerprint && sig.revocationKeyFingerprint.length > 0 && namesIssuer(sig, key.primary)) {
      if ((await checkKeySignature(sig, key.primary, sig.signatureType === enums.signature.key ? { key: key.primary } : selfSigData(entry, sig, key.primary))) === null) {
        designated.add(hex(sig.revocationKeyFingerprint));
      }
    }
  }
  if (designated.size === 0) return;
  for (const sig of entry.revocations) {
    if (sig.signatureType !== enums.signature.keyRevocation || namesIssuer(sig, key.primary)) continue;
    for (const fp of designated) {
      const revoker = all.get(fp);
      if (!revoker || !namesIssuer(sig, revoker.primary)) continue;
      if ((await checkKeySignature(sig, revoker.primary, { key: key.primary })) === null) {
        key.revocations.push(revocationInfo(sig, fp));
      }
    }
  }
}

function selfSigData(entry: KeyEntry, sig: openpgp.SignaturePacket, primary: PrimaryPacket): object {
  for (const user of entry.users.values()) {
    if (user.selfCerts.includes(sig)) return user.userID ? { key: primary, userID: user.userID } : { key: primary, userAttribute: user.userAttribute };
  }
  return { key: primary };
}

/** Was the master able to certify at `when` (valid, not expired, not revoked then)? */
function masterProblemAt(master: EvaluatedKey, when: Date): string | null {
  if (!master.selfSignature) return "the master key has no valid self-signature";
  if (master.weakness) return `the master key is unusable: ${master.weakness}`;
  for (const rev of master.revocations) {
    if (rev.hard || rev.created <= when) return "the master key is revoked";
  }
  if (when < master.createdAt) return "certification predates the master key";
  if (master.expiresAt && when >= master.expiresAt) return "certification made after the master key expired";
  return null;
}

async function evaluateMasterCertification(users: UserEval[], key: EvaluatedKey, master: EvaluatedKey | undefined): Promise<void> {
  if (key.isMaster) {
    key.trusted = true;
    return;
  }
  if (!master) {
    key.trustProblem = "the pinned master key is not in the keyring";
    return;
  }
  let problem: string | null = null;
  const now = new Date();
  for (const user of users) {
    if (user.revoked) continue;
    const userData = user.entry.userID
      ? { key: key.primary, userID: user.entry.userID }
      : { key: key.primary, userAttribute: user.entry.userAttribute };
    for (const sig of user.entry.otherCerts) {
      if (!namesIssuer(sig, master.primary)) continue;
      if (sig.exportable === false) continue; // local signatures are not imported by gpg either
      const created = createdOf(sig);
      if (sig.hashAlgorithm === enums.hash.sha1 && created > SHA1_CERTIFICATION_CUTOFF) {
        problem = "the master key's certification uses SHA-1 after 2019-01-19, which gpg ignores";
        continue;
      }
      const crypto = await checkKeySignature(sig, master.primary, userData);
      if (crypto !== null) {
        problem = `the master key's certification does not verify (${crypto})`;
        continue;
      }
      if (sig.getExpirationTime() <= now) {
        problem = "the master key's certification has expired";
        continue;
      }
      const masterProblem = masterProblemAt(master, created);
      if (masterProblem) {
        problem = masterProblem;
        continue;
      }
      // A newer certification revocation by the master withdraws it.
      let withdrawn = false;
      for (const rev of user.entry.revocations) {
        if (!namesIssuer(rev, master.primary) || createdOf(rev) < created) continue;
        if ((await checkKeySignature(rev, master.primary, userData)) === null) withdrawn = true;
      }
      if (withdrawn) {
        problem = "the master key has revoked its certification";
        continue;
      }
      key.masterCertified = true;
      key.trusted = true;
      key.trustProblem = null;
      return;
    }
  }
  key.trustProblem = problem ?? "not certified by the pinned master key";
}

async function buildState(entries: Map<string, KeyEntry>, masterFingerprint: string, notes: string[]): Promise<KeyringState> {
  const evaluated = new Map<string, EvaluatedKey>();
  const usersOf = new Map<string, UserEval[]>();
  for (const entry of entries.values()) {
    const { key, users } = await evaluateSelf(entry, masterFingerprint);
    evaluated.set(key.fingerprint, key);
    usersOf.set(key.fingerprint, users);
  }
  for (const entry of entries.values()) {
    const key = evaluated.get(entry.fingerprint);
    if (key) await applyDesignatedRevocations(entry, key, evaluated);
  }
  const master = evaluated.get(masterFingerprint);
  if (!master) notes.push(`the pinned master key ${masterFingerprint} is not in the keyring: no key can be trusted`);
  else if (!master.selfSignature) notes.push(`the pinned master key ${masterFingerprint} has no valid self-signature: no key can be trusted`);
  for (const key of evaluated.values()) {
    await evaluateMasterCertification(usersOf.get(key.fingerprint) ?? [], key, master);
  }

  const byFingerprint = new Map<string, KeyMatch>();
  const byKeyId = new Map<string, KeyMatch[]>();
  const index = (fp: string, keyId: string, match: KeyMatch) => {
    byFingerprint.set(fp, match);
    const list = byKeyId.get(keyId) ?? [];
    list.push(match);
    byKeyId.set(keyId, list);
  };
  const keys = [...evaluated.values()].sort(
    (a, b) => (a.sources[0] ?? "").localeCompare(b.sources[0] ?? "") || a.fingerprint.localeCompare(b.fingerprint),
  );
  for (const key of keys) {
    index(key.fingerprint, key.keyId, { key, subkey: null });
    for (const subkey of key.subkeys) index(subkey.fingerprint, subkey.keyId, { key, subkey });
  }
  return { masterFingerprint, byFingerprint, byKeyId, keys };
}

// ---------------------------------------------------------------------------
// Reading key files

interface KeyFile {
  path: string;
  bytes: Uint8Array;
  /** Set when the file is not to be parsed: the note to record (its bytes still count in the hash). */
  skip?: string;
}

const ARMOR_BLOCK = /-----BEGIN PGP ([A-Z0-9 ,/]+)-----[\s\S]*?-----END PGP \1-----/g;

async function streamBytes(data: unknown): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  return new Uint8Array(await new Response(data as ReadableStream<Uint8Array>).arrayBuffer());
}

async function readKeyBlock(
  bytesOrArmor: { armored: string } | { binary: Uint8Array },
  source: string,
  entries: Map<string, KeyEntry>,
  orphanRevocations: { sig: openpgp.SignaturePacket; source: string }[],
): Promise<number> {
  let keys: openpgp.Key[];
  try {
    keys =
      "armored" in bytesOrArmor
        ? await openpgp.readKeys({ armoredKeys: bytesOrArmor.armored, config: PARSE_CONFIG })
        : await openpgp.readKeys({ binaryKeys: bytesOrArmor.binary, config: PARSE_CONFIG });
  } catch (error) {
    // A block with no key: maybe a standalone revocation certificate.
    let binary: Uint8Array;
    if ("armored" in bytesOrArmor) {
      const unarmored = await openpgp.unarmor(bytesOrArmor.armored);
      binary = await streamBytes(unarmored.data);
    } else binary = bytesOrArmor.binary;
    const signature = await openpgp.readSignature({ binarySignature: binary, config: PARSE_CONFIG }).catch(() => null);
    const revocations = (signature?.packets ?? []).filter(
      (p): p is openpgp.SignaturePacket => p instanceof openpgp.SignaturePacket && p.signatureType === enums.signature.keyRevocation,
    );
    if (revocations.length === 0) throw error;
    for (const sig of revocations) orphanRevocations.push({ sig, source });
    return 0;
  }
  for (const key of keys) mergeKey(entries, key.isPrivate() ? key.toPublic() : key, source);
  return keys.length;
}

async function readKeyFile(
  file: KeyFile,
  entries: Map<string, KeyEntry>,
  orphanRevocations: { sig: openpgp.SignaturePacket; source: string }[],
  notes: string[],
  knownPaths: Set<string>,
): Promise<void> {
  const { path: source, bytes } = file;
  if (file.skip) {
    notes.push(file.skip);
    return;
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) {
    notes.push(`${source}: skipped, larger than ${MAX_KEY_FILE_BYTES} bytes`);
    return;
  }
  if (bytes.length === 0) {
    notes.push(`${source}: skipped, empty file`);
    return;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const blocks = [...text.matchAll(ARMOR_BLOCK)];
  try {
    if (blocks.length > 0) {
      let count = 0;
      for (const block of blocks) {
        const type = block[1] ?? "";
        if (type !== "PUBLIC KEY BLOCK" && type !== "PRIVATE KEY BLOCK") {
          notes.push(`${source}: ignored an armored "${type}" block (not a key)`);
          continue;
        }
        try {
          count += await readKeyBlock({ armored: block[0] }, source, entries, orphanRevocations);
        } catch (error) {
          notes.push(`${source}: skipped an unreadable key block (${errorMessage(error)})`);
        }
      }
      if (count === 0 && !blocks.some((b) => b[1] === "PUBLIC KEY BLOCK" || b[1] === "PRIVATE KEY BLOCK")) {
        notes.push(`${source}: no OpenPGP key found`);
      }
      return;
    }
    const first = bytes[0] ?? 0;
    if ((first & 0x80) !== 0) {
      await readKeyBlock({ binary: bytes }, source, entries, orphanRevocations);
      return;
    }
  } catch (error) {
    notes.push(`${source}: skipped, unreadable (${errorMessage(error)})`);
    return;
  }
  // A git symbolic link checked out as a plain file holds just the target's path.
  const target = text.trim();
  if (bytes.length < 1024 && /^[^\n\0]+$/.test(target)) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
    if (knownPaths.has(resolved)) {
      notes.push(`${source}: skipped, a symbolic link stored as text (to ${resolved}, which is read on its own)`);
      return;
    }
  }
  notes.push(`${source}: skipped, no OpenPGP key material`);
}

async function keyringFromFiles(files: KeyFile[], notes: string[], options?: KeyringOptions): Promise<Keyring> {
  const masterFingerprint = normalizeFingerprint(options?.masterFingerprint ?? QUBES_MASTER_FINGERPRINT);
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const hash = createHash("sha256");
  hash.update(`${KEYRING_HASH_TAG}\n`);
  for (const file of sorted) {
    hash.update(`file ${Buffer.byteLength(file.path)} ${file.path} ${file.bytes.length}\n`);
    hash.update(file.bytes);
    hash.update("\n");
  }
  hash.update(`master ${masterFingerprint}\n`);

  const entries = new Map<string, KeyEntry>();
  const orphans: { sig: openpgp.SignaturePacket; source: string }[] = [];
  const knownPaths = new Set(sorted.map((f) => f.path));
  for (const file of sorted) await readKeyFile(file, entries, orphans, notes, knownPaths);

  // Standalone revocation certificates go to their key, if present.
  for (const { sig, source } of orphans) {
    const owner = [...entries.values()].find((e) => namesIssuer(sig, e.primary));
    if (owner) addSigs(owner, owner.revocations, "revocation", [sig]);
    else notes.push(`${source}: revocation certificate for key ${sig.issuerKeyID.toHex().toUpperCase()}, which is not in the keyring`);
  }

  const state = await buildState(entries, masterFingerprint, notes);
  const keys: KeyInfo[] = state.keys.map((key) => ({
    fingerprint: key.fingerprint,
    keyId: key.keyId,
    userIds: key.userIds,
    sourcePath: key.sources[0] ?? "",
    createdAt: key.createdAt,
    certifiedByMaster: key.trusted,
    isMaster: key.isMaster,
  }));
  const keyring = { keys, hash: hash.digest("hex"), notes, masterFingerprint } as Keyring;
  Object.defineProperty(keyring, STATE, { value: state, enumerable: false, writable: false });
  return keyring;
}

/** Reads every file under keysDir (recursively); unreadable ones become notes. */
export async function loadKeyring(keysDir: string, options?: KeyringOptions): Promise<Keyring> {
  const root = path.resolve(keysDir);
  let rootReal: string;
  try {
    rootReal = await realpath(root);
    if (!(await stat(rootReal)).isDirectory()) throw new Error("not a directory");
  } catch (error) {
    throw new Error(`keys directory not found or unreadable: ${root} (${errorMessage(error)})`);
  }
  const files: KeyFile[] = [];
  const notes: string[] = [];

  async function walk(dir: string, rel: string): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (error) {
      notes.push(`${rel || "."}: directory unreadable (${errorMessage(error)})`);
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue; // .git, .gitattributes ...
      const abs = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      try {
        const info = await lstat(abs);
        if (info.isDirectory()) {
          await walk(abs, relPath);
          continue;
        }
        let target = abs;
        if (info.isSymbolicLink()) {
          const real = await realpath(abs);
          if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
            notes.push(`${relPath}: skipped, a symbolic link pointing outside the keys directory`);
            continue;
          }
          if ((await stat(real)).isDirectory()) {
            notes.push(`${relPath}: skipped, a symbolic link to a directory`);
            continue;
          }
          target = real;
        } else if (!info.isFile()) {
          notes.push(`${relPath}: skipped, not a regular file`);
          continue;
        }
        const size = (await stat(target)).size;
        if (size > MAX_KEY_FILE_BYTES) {
          const skip = `${relPath}: skipped, larger than ${MAX_KEY_FILE_BYTES} bytes`;
          files.push({ path: relPath, bytes: new TextEncoder().encode(`[oversized: ${size} bytes]`), skip });
          continue;
        }
        files.push({ path: relPath, bytes: new Uint8Array(await readFile(target)) });
      } catch (error) {
        notes.push(`${relPath}: skipped, unreadable (${errorMessage(error)})`);
      }
    }
  }

  await walk(root, "");
  return keyringFromFiles(files, notes, options);
}

/** Builds a keyring from in-memory key files (tests, non-filesystem sources). */
export async function keyringFromArmored(
  files: { path: string; armored: string | Uint8Array }[],
  options?: KeyringOptions,
): Promise<Keyring> {
  const notes: string[] = [];
  const keyFiles = files.map((f) => ({
    path: f.path,
    bytes: typeof f.armored === "string" ? new TextEncoder().encode(f.armored) : f.armored,
  }));
  return keyringFromFiles(keyFiles, notes, options);
}

// ---------------------------------------------------------------------------
// Lookups for verify.ts

export function keyringState(keyring: Keyring): KeyringState {
  const state = (keyring as Partial<Keyring>)[STATE];
  if (!state) throw new Error("not a keyring made by loadKeyring/keyringFromArmored");
  return state;
}

/** Candidate keys for a signature: by issuer fingerprint when given, else by issuer key ID. */
export function findIssuer(keyring: Keyring, sig: openpgp.SignaturePacket): KeyMatch[] {
  const state = keyringState(keyring);
  if (sig.issuerFingerprint && sig.issuerFingerprint.length > 0) {
    const match = state.byFingerprint.get(hex(sig.issuerFingerprint));
    return match ? [match] : [];
  }
  const keyId = sig.issuerKeyID.toHex().toUpperCase();
  if (/^0+$/.test(keyId)) return [];
  return state.byKeyId.get(keyId) ?? [];
}

export function evaluatedKeys(keyring: Keyring): readonly EvaluatedKey[] {
  return keyringState(keyring).keys;
}
