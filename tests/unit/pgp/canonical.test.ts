// gpg's text-mode canonicalisation (checked against gpg itself in
// tests/integration/pgp/gpg-textmode.test.ts).
import test, { describe } from "node:test";
import assert from "node:assert/strict";
import { canonicalizeTextLikeGpg } from "../../../lib/pgp/canonical";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe("canonicalizeTextLikeGpg", () => {
  const cases: [string, string, string][] = [
    ["LF becomes CR LF", "a\nb\n", "a\r\nb\r\n"],
    ["CR LF stays", "a\r\nb\r\n", "a\r\nb\r\n"],
    ["trailing CRs before LF collapse", "a\r\r\r\nb", "a\r\nb"],
    ["a CR inside a line stays", "a\rb\n", "a\rb\r\n"],
    ["trailing spaces and tabs stay", "a  \t\n", "a  \t\r\n"],
    ["no final newline: none added", "a\nb", "a\r\nb"],
    ["trailing CR at the end of the file goes", "a\nb\r", "a\r\nb"],
    ["empty lines", "\n\n", "\r\n\r\n"],
    ["empty file", "", ""],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      assert.equal(dec(canonicalizeTextLikeGpg(enc(input))), expected);
    });
  }
  test("bytes are kept as bytes (no re-encoding)", () => {
    const input = new Uint8Array([0xff, 0xfe, 0x0a, 0x80]);
    assert.deepEqual([...canonicalizeTextLikeGpg(input)], [0xff, 0xfe, 0x0d, 0x0a, 0x80]);
  });
});
