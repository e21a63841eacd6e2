// Trust through the master: a key counts only when one of its live user IDs
// carries a valid, unexpired, unrevoked certification by the pinned master
// key, made while the master itself was usable.

import * as openpgp from "openpgp";
import { SHA1_CERTIFICATION_CUTOFF, type EvaluatedKey } from "./model";
import type { UserEval } from "./self-signatures";
import { checkKeySignature, createdOf, namesIssuer } from "./signatures";

const { enums } = openpgp;

/** Was the master able to certify at `when` (valid, not expired, not revoked then)? */
export function masterProblemAt(master: EvaluatedKey, when: Date): string | null {
  if (!master.selfSignature) return "the master key has no valid self-signature";
  if (master.weakness) return `the master key is unusable: ${master.weakness}`;
  for (const rev of master.revocations) {
    if (rev.hard || rev.created <= when) return "the master key is revoked";
  }
  if (when < master.createdAt) return "certification predates the master key";
  if (master.expiresAt && when >= master.expiresAt) return "certification made after the master key expired";
  return null;
}

export async function evaluateMasterCertification(users: UserEval[], key: EvaluatedKey, master: EvaluatedKey | undefined): Promise<void> {
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
