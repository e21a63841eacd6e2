// Verifying one detached signature over a file's exact bytes.
//
// Two things openpgp.js 6 does by default would reject good Qubes signatures
// that gpg accepts; both are handled here on purpose, narrowly:
// 1. SHA-1 document signatures (openpgp rejects them through
//    config.rejectMessageHashAlgorithms): the per-call config below allows
//    SHA-1 for document signatures only and the verdict says weakHash. MD5
//    and RIPEMD160 stay rejected; SHA-1 key certifications follow gpg's rule
//    (see keyring.ts).
// 2. "Signature creation time is in the future" (openpgp wants a
//    self-signature older than the document signature; the Qubes keys were
//    re-signed in 2021 and carry only that self-signature). We check the
//    signature cryptographically with openpgp and then judge the key at the
//    signature's time ourselves, like gpg: the key's own creation time, the
//    expiration from its NEWEST valid self-signature, and its revocations.
import * as openpgp from "openpgp";
import { canonicalizeTextLikeGpg } from "./canonical";
import { findIssuer, hex, KEY_SIGNATURE_CONFIG, type KeyMatch, type Keyring, type RevocationInfo } from "./keyring";
import type { BulletinSignatureStatus, SignatureStatus, SignatureVerdict } from "./types";

const { enums } = openpgp;

/** Signature files larger than this are `malformed` without being parsed (real ones are < 1 KiB). */
export const MAX_SIGNATURE_BYTES = 64 * 1024;

/** Document signatures: SHA-1 allowed (reported as weakHash), MD5 and RIPEMD160 still rejected. */
const MESSAGE_SIGNATURE_CONFIG: openpgp.Config = {
  ...KEY_SIGNATURE_CONFIG,
  rejectHashAlgorithms: new Set([enums.hash.md5, enums.hash.ripemd]),
  rejectMessageHashAlgorithms: new Set([enums.hash.md5, enums.hash.ripemd]),
};

/** Reading signature files: nothing unknown is silently dropped. */
const SIGNATURE_PARSE_CONFIG: openpgp.PartialConfig = { ignoreUnsupportedPackets: false, ignoreMalformedPackets: false };

const HASH_NAMES: Record<number, string> = {
  [enums.hash.md5]: "MD5",
  [enums.hash.sha1]: "SHA1",
  [enums.hash.ripemd]: "RIPEMD160",
  [enums.hash.sha256]: "SHA256",
  [enums.hash.sha384]: "SHA384",
  [enums.hash.sha512]: "SHA512",
  [enums.hash.sha224]: "SHA224",
  [enums.hash.sha3_256]: "SHA3-256",
  [enums.hash.sha3_512]: "SHA3-512",
};
const WEAK_HASHES = new Set<number>([enums.hash.md5, enums.hash.sha1, enums.hash.ripemd]);
const REJECTED_HASHES = MESSAGE_SIGNATURE_CONFIG.rejectMessageHashAlgorithms;

const REVOCATION_REASONS: Record<number, string> = {
  [enums.reasonForRevocation.noReason]: "no reason specified",
  [enums.reasonForRevocation.keySuperseded]: "key superseded",
  [enums.reasonForRevocation.keyCompromised]: "key compromised",
  [enums.reasonForRevocation.keyRetired]: "key retired",
};

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function errorMessage(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error)) || "unknown error";
}

function iso(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

function hashName(algorithm: number | null): string | null {
  if (algorithm === null) return null;
  return HASH_NAMES[algorithm] ?? `HASH${algorithm}`;
}

type VerdictFields = Omit<SignatureVerdict, "status" | "reason">;

const EMPTY: VerdictFields = {
  fingerprint: null,
  issuerKeyId: null,
  createdAt: null,
  hashAlgorithm: null,
  weakHash: false,
  certifiedByMaster: false,
  signerUserId: null,
};

/** A verdict reached without a signature to read (nothing signed, nothing parsed): no signer fields. */
export function verdictWithoutSignature(status: SignatureStatus, reason: string): SignatureVerdict {
  return verdict(status, reason, EMPTY);
}

function verdict(status: SignatureStatus, reason: string | null, fields: VerdictFields): SignatureVerdict {
  return { status, reason: reason === null ? null : oneLine(reason), ...fields };
}

function crc24(data: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/**
 * ASCII armor, read strictly (like gpg, and unlike openpgp.js 6, which skips
 * the CRC-24): exactly one "PGP SIGNATURE" block, optional headers, base64
 * body, and a checksum that must match when present.
 */
function dearmorSignature(text: string): Uint8Array | string {
  const lines = text.split(/\r?\n/);
  const begins = lines.filter((line) => line.startsWith("-----BEGIN PGP "));
  if (begins.length !== 1) return `${begins.length} ASCII-armored blocks; exactly one signature block is expected`;
  const begin = lines.findIndex((line) => line.startsWith("-----BEGIN PGP "));
  const beginLine = (lines[begin] ?? "").trimEnd();
  if (beginLine !== "-----BEGIN PGP SIGNATURE-----") {
    return `ASCII armor of type "${beginLine.replace(/^-----BEGIN PGP |-----$/g, "")}", not a signature`;
  }
  let i = begin + 1;
  while (i < lines.length && /^[^\s:][^:]*: ?/.test(lines[i] ?? "")) i++; // armor headers
  while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  const body: string[] = [];
  let checksum: string | null = null;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "-----END PGP SIGNATURE-----") break;
    if (checksum !== null) return "ASCII armor: data after the checksum line";
    if (/^=[A-Za-z0-9+/]{4}$/.test(line)) checksum = line.slice(1);
    else if (/^[A-Za-z0-9+/]*={0,2}$/.test(line)) body.push(line);
    else return "ASCII armor: invalid base64 line";
  }
  if (i >= lines.length) return "ASCII armor: no END line";
  const joined = body.join("");
  if (joined.length === 0 || joined.length % 4 !== 0 || /=[^=]/.test(joined)) return "ASCII armor: malformed base64 body";
  const data = new Uint8Array(Buffer.from(joined, "base64"));
  if (checksum !== null) {
    const expected = Buffer.from(checksum, "base64");
    const actual = crc24(data);
    if (expected.length !== 3 || ((expected[0] ?? 0) << 16 | (expected[1] ?? 0) << 8 | (expected[2] ?? 0)) !== actual) {
      return "ASCII armor checksum (CRC-24) mismatch: the signature file is corrupted";
    }
  }
  return data;
}

async function parseSignature(signature: Uint8Array): Promise<openpgp.SignaturePacket | string> {
  if (signature.length === 0) return "empty signature file";
  if (signature.length > MAX_SIGNATURE_BYTES) {
    return `signature file is ${signature.length} bytes, over the ${MAX_SIGNATURE_BYTES / 1024} KiB limit`;
  }
  const text = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString("latin1");
  let binary: Uint8Array;
  if (text.includes("-----BEGIN PGP ")) {
    const dearmored = dearmorSignature(text);
    if (typeof dearmored === "string") return dearmored;
    binary = dearmored;
  } else if (((signature[0] ?? 0) & 0x80) !== 0) {
    binary = signature;
  } else {
    return "not an OpenPGP signature (neither ASCII-armored nor binary OpenPGP data)";
  }
  let parsed: openpgp.Signature;
  try {
    parsed = await openpgp.readSignature({ binarySignature: binary, config: SIGNATURE_PARSE_CONFIG });
  } catch (error) {
    return `not a readable OpenPGP signature (${errorMessage(error)})`;
  }
  const packets = [...parsed.packets] as unknown[];
  const signatures = packets.filter((p): p is openpgp.SignaturePacket => p instanceof openpgp.SignaturePacket);
  if (signatures.length !== packets.length) return "the signature file holds packets other than signatures";
  if (signatures.length === 0) return "no signature packet found";
  if (signatures.length > 1) return `the signature file holds ${signatures.length} signatures; exactly one is expected`;
  return signatures[0] as openpgp.SignaturePacket;
}

function revocationAt(revocations: RevocationInfo[], when: Date): RevocationInfo | null {
  for (const rev of revocations) if (rev.hard) return rev;
  for (const rev of revocations) if (rev.created <= when) return rev;
  return null;
}

function describeRevocation(rev: RevocationInfo, what: string): string {
  const reason = rev.reasonCode === null ? "no reason given" : (REVOCATION_REASONS[rev.reasonCode] ?? `reason code ${rev.reasonCode}`);
  const by = rev.by === "self" ? "" : ` by designated revoker ${rev.by}`;
  const text = rev.reasonText ? `: "${rev.reasonText}"` : "";
  const timing = rev.hard ? "which counts whatever its date" : "before the signature was made";
  return `${what} was revoked${by} on ${iso(rev.created)} (${reason}${text}), ${timing}`;
}

/** A data source for SignaturePacket.verify that yields exactly these bytes. */
function literal(bytes: Uint8Array): object {
  return { text: null, getBytes: () => bytes };
}

async function checkCrypto(sig: openpgp.SignaturePacket, match: KeyMatch, bytes: Uint8Array): Promise<string | null> {
  const packet = match.subkey?.packet ?? match.key.primary;
  try {
    // The hashed bytes are prepared here (binary: as is; text: gpg's line
    // canonicalisation), so the packet is asked to hash them verbatim; the
    // signature's own type byte still goes into the hash trailer.
    // date null: openpgp's time rules are replaced by ours (see keyStatusAt).
    await sig.verify(packet, enums.signature.binary, literal(bytes), null as unknown as Date, true, MESSAGE_SIGNATURE_CONFIG);
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

function isDigestFailure(message: string): boolean {
  return /digest did not match|verification failed|does not match issuer key algorithm|not issued by the given public key|invalid signature/i.test(
    message,
  );
}

function keyStatusAt(
  sig: openpgp.SignaturePacket,
  when: Date,
  match: KeyMatch,
  now: Date,
): { status: SignatureStatus; reason: string } | null {
  const { key, subkey } = match;
  const revoked = revocationAt(key.revocations, when);
  if (revoked) return { status: "revoked-key", reason: describeRevocation(revoked, "the signing key") };
  if (subkey) {
    const subRevoked = revocationAt(subkey.revocations, when);
    if (subRevoked) return { status: "revoked-key", reason: describeRevocation(subRevoked, `the signing subkey ${subkey.keyId}`) };
  }
  if (!key.selfSignature) return { status: "untrusted-key", reason: "the signing key has no valid self-signature" };
  if (subkey && !subkey.binding) {
    return { status: "untrusted-key", reason: `the signing subkey ${subkey.keyId}: ${subkey.problem ?? "not bound to its primary key"}` };
  }
  if (when < key.createdAt) {
    return {
      status: "expired-key",
      reason: `the signature (${iso(when)}) predates the signing key's creation (${iso(key.createdAt)})`,
    };
  }
  if (subkey && when < subkey.createdAt) {
    return {
      status: "expired-key",
      reason: `the signature (${iso(when)}) predates the signing subkey's creation (${iso(subkey.createdAt)})`,
    };
  }
  if (key.expiresAt && when >= key.expiresAt) {
    return { status: "expired-key", reason: `the signing key expired on ${iso(key.expiresAt)}, before the signature was made (${iso(when)})` };
  }
  if (subkey?.expiresAt && when >= subkey.expiresAt) {
    return {
      status: "expired-key",
      reason: `the signing subkey expired on ${iso(subkey.expiresAt)}, before the signature was made (${iso(when)})`,
    };
  }
  const sigExpires = sig.getExpirationTime();
  if (sigExpires !== Infinity && sigExpires <= now) {
    return { status: "expired-key", reason: `the signature itself expired on ${iso(sigExpires as Date)}` };
  }
  if (subkey ? !subkey.canSign : !key.canSign) {
    return { status: "untrusted-key", reason: `the ${subkey ? "subkey" : "key"} that signed is not marked as a signing key` };
  }
  const weakness = key.weakness ?? subkey?.weakness ?? null;
  if (weakness) return { status: "untrusted-key", reason: `the signing key is unusable: ${weakness}` };
  return null;
}

async function verifyInner(data: Uint8Array, signature: Uint8Array, keyring: Keyring): Promise<SignatureVerdict> {
  if (!(data instanceof Uint8Array)) return verdict("malformed", "the signed data is not a byte array", EMPTY);
  if (!(signature instanceof Uint8Array)) return verdict("malformed", "the signature is not a byte array", EMPTY);
  const parsed = await parseSignature(signature);
  if (typeof parsed === "string") return verdict("malformed", parsed, EMPTY);
  const sig = parsed;

  const issuerKeyId = sig.issuerKeyID ? sig.issuerKeyID.toHex().toUpperCase() : null;
  const fields: VerdictFields = {
    ...EMPTY,
    issuerKeyId: issuerKeyId && !/^0+$/.test(issuerKeyId) ? issuerKeyId : null,
    createdAt: sig.created ?? null,
    hashAlgorithm: hashName(sig.hashAlgorithm),
    weakHash: sig.hashAlgorithm !== null && WEAK_HASHES.has(sig.hashAlgorithm),
  };

  if (sig.signatureType !== enums.signature.binary && sig.signatureType !== enums.signature.text) {
    const type = sig.signatureType === null ? "unknown" : `0x${sig.signatureType.toString(16).padStart(2, "0")}`;
    return verdict("malformed", `not a document signature (signature type ${type})`, fields);
  }
  if (!sig.created) return verdict("malformed", "the signature has no creation time", fields);
  if (sig.hashAlgorithm === null || !(sig.hashAlgorithm in HASH_NAMES)) {
    return verdict("malformed", `unsupported hash algorithm ${fields.hashAlgorithm ?? "(none)"}`, fields);
  }
  if (REJECTED_HASHES.has(sig.hashAlgorithm)) {
    return verdict("malformed", `the signature uses ${fields.hashAlgorithm}, a digest rejected as insecure`, fields);
  }

  const candidates = findIssuer(keyring, sig);
  if (candidates.length === 0) {
    const named = sig.issuerFingerprint?.length ? `fingerprint ${hex(sig.issuerFingerprint)}` : fields.issuerKeyId ? `key ID ${fields.issuerKeyId}` : null;
    return verdict("unknown-key", named ? `no key in the keyring has the issuer ${named}` : "the signature names no issuer", fields);
  }

  const bytes = sig.signatureType === enums.signature.text ? canonicalizeTextLikeGpg(data) : data;
  let match: KeyMatch | null = null;
  let failure: string | null = null;
  for (const candidate of candidates) {
    const error = await checkCrypto(sig, candidate, bytes);
    if (error === null) {
      match = candidate;
      break;
    }
    failure ??= error;
  }
  if (!match) {
    const first = candidates[0] as KeyMatch;
    const keyFields: VerdictFields = {
      ...fields,
      fingerprint: first.key.fingerprint,
      certifiedByMaster: first.key.trusted,
      signerUserId: first.key.primaryUserId,
    };
    const message = failure ?? "signature does not verify";
    if (isDigestFailure(message)) {
      return verdict("bad", `the signature does not match the file: it was changed, or the signature is for another file (${message})`, keyFields);
    }
    return verdict("malformed", `the signature was rejected (${message})`, keyFields);
  }

  const { key } = match;
  const keyFields: VerdictFields = {
    ...fields,
    fingerprint: key.fingerprint,
    certifiedByMaster: key.trusted,
    signerUserId: key.primaryUserId,
  };
  const problem = keyStatusAt(sig, sig.created, match, new Date());
  if (problem) return verdict(problem.status, problem.reason, keyFields);
  if (!key.trusted) {
    return verdict("untrusted-key", `the signing key ${key.fingerprint} is not trusted: ${key.trustProblem ?? "not certified by the pinned master key"}`, keyFields);
  }
  return verdict("valid", null, keyFields);
}

/**
 * Verifies a detached signature (ASCII-armored or binary) over `data`, the
 * file's exact bytes. Never throws: every failure is a status with a reason.
 */
export async function verifyDetached(data: Uint8Array, signature: Uint8Array, keyring: Keyring): Promise<SignatureVerdict> {
  try {
    return await verifyInner(data, signature, keyring);
  } catch (error) {
    return verdict("malformed", `the signature could not be checked (${errorMessage(error)})`, EMPTY);
  }
}

/** `verified` (a valid one, no bad one), `failed` (any bad), `unverified` (none valid), `unsigned` (none). */
export function bulletinSignatureStatus(statuses: SignatureStatus[]): BulletinSignatureStatus {
  if (statuses.length === 0) return "unsigned";
  if (statuses.includes("bad")) return "failed";
  if (statuses.includes("valid")) return "verified";
  return "unverified";
}
