// Evaluating a key from its own signatures, as gpg does: live user IDs, the
// primary user ID, expiry and usage from the newest self-signature, subkey
// bindings with back-signatures, self and designated revocations.

import * as openpgp from "openpgp";
import type { KeyEntry, UserEntry } from "./merge";
import type { EvaluatedKey, EvaluatedSubkey, PrimaryPacket, RevocationInfo } from "./model";
import {
  canSignByAlgorithm,
  checkKeySignature,
  createdOf,
  expiryFrom,
  flagsOf,
  hex,
  keyWeakness,
  namesIssuer,
  newest,
  revocationInfo,
} from "./signatures";

const { enums } = openpgp;

export interface UserEval {
  entry: UserEntry;
  newestSelf: openpgp.SignaturePacket;
  revoked: boolean;
}

export async function evaluateSelf(entry: KeyEntry, masterFingerprint: string): Promise<{ key: EvaluatedKey; users: UserEval[] }> {
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
export async function applyDesignatedRevocations(entry: KeyEntry, key: EvaluatedKey, all: Map<string, EvaluatedKey>): Promise<void> {
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

export function selfSigData(entry: KeyEntry, sig: openpgp.SignaturePacket, primary: PrimaryPacket): object {
  for (const user of entry.users.values()) {
    if (user.selfCerts.includes(sig)) return user.userID ? { key: primary, userID: user.userID } : { key: primary, userAttribute: user.userAttribute };
  }
  return { key: primary };
}
