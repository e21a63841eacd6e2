// Decoding a file's bytes for storage: text as text; binary data byte for
// byte, with no U+0000 (PostgreSQL's text refuses it), and reversibly.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeText, NUL_STAND_IN } from "@/lib/secpack/read-text";

/** The inverse of decodeText's byte-for-byte decoding. */
const bytesOf = (text: string) => Buffer.from(text.replaceAll(NUL_STAND_IN, "\u0000"), "latin1");

describe("decodeText", () => {
  test("UTF-8 text is kept as it is", () => {
    assert.deepEqual(decodeText(Buffer.from("Qubes — Górecki\n", "utf8")), { text: "Qubes — Górecki\n", problem: null });
  });

  test("bytes that are not UTF-8 are kept byte for byte, with no NUL, and come back whole", () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const decoded = decodeText(bytes);
    assert.match(decoded.problem ?? "", /not valid UTF-8/);
    assert.equal(decoded.text.length, bytes.length);
    assert.ok(!decoded.text.includes("\u0000"), "no U+0000 for PostgreSQL to refuse");
    assert.ok(bytesOf(decoded.text).equals(bytes));
  });

  test("valid UTF-8 with a NUL byte is binary data: byte for byte, the NUL as ␀, naming its offset", () => {
    const bytes = Buffer.from("é\u0000QSB", "utf8");
    const decoded = decodeText(bytes);
    assert.equal(decoded.problem, "contains a NUL byte at offset 2: binary data, not text; kept byte for byte");
    assert.equal(decoded.text, "Ã©␀QSB");
    assert.ok(bytesOf(decoded.text).equals(bytes));
  });
});
