// A package list at the check's size limit, for the benchmark: a real-looking
// dom0 list (one we wrote, tests/fixtures/check) followed by distinct,
// well-formed package lines until the text is as large as a check takes.
// Pure: the base list in, the text out.

/** The base list, then `name-x<n>-version-release.arch` lines, up to `maxChars` characters (never over). */
export function listAtLimit(base: string, maxChars: number): string {
  const models = base.trim().split(/\r?\n/);
  const lines = [...models];
  let size = lines.join("\n").length;
  for (let i = 0; ; i++) {
    const model = models[i % models.length] ?? "bench-package-1.0-1.fc37.x86_64";
    // A new name for every line (prefixed, so that no fix names it), the version and release as written.
    const line = `x${i}-${model}`;
    if (size + line.length + 1 > maxChars) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}
