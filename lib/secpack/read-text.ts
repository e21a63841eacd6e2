import { createHash } from "node:crypto";

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface DecodedText {
  text: string;
  /** Set when the bytes are not UTF-8 text: they were decoded byte for byte (latin1) instead. */
  problem: string | null;
}

/**
 * How a NUL byte is kept in a byte-for-byte text: U+2400 (␀). No database
 * text may hold U+0000 on PostgreSQL (SQLite took it, PostgreSQL refused the
 * whole sync), and a latin1 text never holds U+2400 otherwise, so the bytes
 * stay recoverable and both databases store the same text.
 */
export const NUL_STAND_IN = "\u2400";

/**
 * Decodes a file's bytes without losing any: UTF-8 where valid and free of
 * NUL bytes, otherwise latin1 (one character per byte, NUL as ␀, reversible),
 * with the reason.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { text: byteForByte(bytes), problem: "is not valid UTF-8 text (binary data?); kept byte for byte" };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { text: byteForByte(bytes), problem: `contains a NUL byte at offset ${nul}: binary data, not text; kept byte for byte` };
  return { text, problem: null };
}

function byteForByte(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1").replaceAll("\u0000", NUL_STAND_IN);
}

