// Merging the keys read from all files, by fingerprint: every user ID,
// subkey and signature once, whichever file it came from.

import * as openpgp from "openpgp";
import type { PrimaryPacket, SubPacket } from "./model";
import { hex, sigKey } from "./signatures";

export interface UserEntry {
  label: string;
  userID: openpgp.UserIDPacket | null;
  userAttribute: openpgp.UserAttributePacket | null;
  selfCerts: openpgp.SignaturePacket[];
  otherCerts: openpgp.SignaturePacket[];
  revocations: openpgp.SignaturePacket[];
}

export interface SubkeyEntry {
  packet: SubPacket;
  bindings: openpgp.SignaturePacket[];
  revocations: openpgp.SignaturePacket[];
}

export interface KeyEntry {
  fingerprint: string;
  primary: PrimaryPacket;
  users: Map<string, UserEntry>;
  directSigs: openpgp.SignaturePacket[];
  revocations: openpgp.SignaturePacket[];
  subkeys: Map<string, SubkeyEntry>;
  sources: string[];
  seen: Set<string>;
}

export function addSigs(entry: KeyEntry, target: openpgp.SignaturePacket[], context: string, sigs: openpgp.SignaturePacket[]): void {
  for (const sig of sigs) {
    const id = `${context}:${sigKey(sig)}`;
    if (entry.seen.has(id)) continue;
    entry.seen.add(id);
    target.push(sig);
  }
}

export function directSignaturesOf(key: openpgp.Key): openpgp.SignaturePacket[] {
  return (key as unknown as { directSignatures?: openpgp.SignaturePacket[] }).directSignatures ?? [];
}

export function mergeKey(entries: Map<string, KeyEntry>, key: openpgp.Key, source: string): void {
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
