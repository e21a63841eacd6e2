// Signature verification for the Qubes security pack: plain Node, no Next.js,
// no database. See keyring.ts (trust chain) and verify.ts (verdicts).
export type { BulletinSignatureStatus, KeyInfo, SignatureStatus, SignatureVerdict } from "./types";
export { QUBES_MASTER_FINGERPRINT, keyringFromArmored, loadKeyring, type Keyring, type KeyringOptions } from "./keyring";
export { MAX_SIGNATURE_BYTES, bulletinSignatureStatus, verdictWithoutSignature, verifyDetached } from "./verify";
