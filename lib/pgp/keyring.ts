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
// The index: the keys evaluated once, looked up by fingerprint or key ID.
// Reading (keys/read.ts), merging (keys/merge.ts), self-signature
// evaluation (keys/self-signatures.ts) and trust through the master
// (keys/trust.ts) live beside it.
import { createHash } from "node:crypto";
import * as openpgp from "openpgp";
import { addSigs, type KeyEntry } from "./keys/merge";
import {
  KEYRING_HASH_TAG,
  QUBES_MASTER_FINGERPRINT,
  STATE,
  type EvaluatedKey,
  type KeyMatch,
  type Keyring,
  type KeyringOptions,
  type KeyringState,
} from "./keys/model";
import { listKeyFiles, readKeyFile, type KeyFile } from "./keys/read";
import { applyDesignatedRevocations, evaluateSelf, type UserEval } from "./keys/self-signatures";
import { hex, namesIssuer, normalizeFingerprint } from "./keys/signatures";
import { evaluateMasterCertification } from "./keys/trust";
import type { KeyInfo } from "./types";

export {
  KEY_SIGNATURE_CONFIG,
  MAX_KEY_FILE_BYTES,
  QUBES_MASTER_FINGERPRINT,
  SHA1_CERTIFICATION_CUTOFF,
  type EvaluatedKey,
  type EvaluatedSubkey,
  type KeyMatch,
  type Keyring,
  type KeyringOptions,
  type RevocationInfo,
} from "./keys/model";
export { hex, namesIssuer, normalizeFingerprint } from "./keys/signatures";

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
  // The trust each key has today: a certification that has expired since the
  // last load (trust through the master is judged now, not at signing time)
  // changes the hash, so every verdict cached under it is reached again.
  for (const key of state.keys) hash.update(`trust ${key.fingerprint} ${key.trusted ? "yes" : "no"} ${key.trustProblem ?? ""}\n`);
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
  const { files, notes } = await listKeyFiles(keysDir);
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