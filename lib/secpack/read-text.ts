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
 * Decodes a file's bytes without losing any: UTF-8 where valid, otherwise
 * latin1 (one character per byte, reversible), with the reason.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    const nul = text.indexOf("\u0000");
    if (nul >= 0) return { text, problem: `contains a NUL byte at offset ${nul}: binary data, not text` };
    return { text, problem: null };
  } catch {
    return {
      text: Buffer.from(bytes).toString("latin1"),
      problem: "is not valid UTF-8 text (binary data?); kept byte for byte",
    };
  }
}
