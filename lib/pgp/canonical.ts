// What a text-mode (type 0x01) detached signature is computed over, the way
// gpg 2.2 hashes the data file when verifying one (g10/textfilter.c, default
// --no-rfc2440-text): the file is cut into lines at LF; each line loses all
// trailing CR and LF bytes, and gets CR LF back if it ended with LF. Trailing
// spaces and tabs are kept; a CR inside a line is kept. (openpgp.js instead
// turns every lone CR into CR LF, which gpg does not.) Checked against gpg in
// tests/integration/pgp.
const LF = 0x0a;
const CR = 0x0d;

export function canonicalizeTextLikeGpg(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length * 2 + 2);
  let length = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(LF, start);
    const hasLf = end !== -1;
    if (!hasLf) end = bytes.length;
    let trimmed = end;
    while (trimmed > start && bytes[trimmed - 1] === CR) trimmed--;
    out.set(bytes.subarray(start, trimmed), length);
    length += trimmed - start;
    if (hasLf) {
      out[length++] = CR;
      out[length++] = LF;
    }
    start = end + 1;
  }
  return out.slice(0, length);
}
