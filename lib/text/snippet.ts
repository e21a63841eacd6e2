// A search snippet for display: the excerpt around the first match (cut by
// the search at a fixed width, "…" marking a cut), trimmed to whole words at
// each cut, with every matched word marked. Pure.

export interface SnippetPart {
  text: string;
  /** True for a matched word (shown in <mark>). */
  match: boolean;
}

/** The excerpt's words, whole, with the matches marked; null for no excerpt. */
export function markSnippet(excerpt: string | null, words: string[]): SnippetPart[] | null {
  if (!excerpt) return null;
  let text = excerpt;
  const cutStart = text.startsWith("…");
  const cutEnd = text.endsWith("…");
  if (cutStart) text = text.slice(1);
  if (cutEnd) text = text.slice(0, -1);
  // Drop the part-word at each cut (the excerpt was cut by characters, not words).
  if (cutStart && !/^\s/.test(text)) text = text.slice(Math.max(0, text.search(/\s/)));
  if (cutEnd && !/\s$/.test(text)) text = text.slice(0, Math.max(0, text.search(/\s\S*$/)));
  text = text.replace(/\s+/g, " ").trim();
  const needles = [...new Set(words.map((w) => w.toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const parts: SnippetPart[] = [];
  if (cutStart) parts.push({ text: "… ", match: false });
  // From each place, the next place any word starts (the longest word there), the text before it plain.
  let plain = "";
  for (let i = 0; i < text.length; ) {
    let at = -1;
    let word = "";
    for (const w of needles) {
      const found = lower.indexOf(w, i);
      if (found >= 0 && (at < 0 || found < at)) {
        at = found;
        word = w;
      }
    }
    if (at < 0 || at >= text.length) {
      plain += text.slice(i);
      break;
    }
    plain += text.slice(i, at);
    if (plain) parts.push({ text: plain, match: false });
    plain = "";
    parts.push({ text: text.slice(at, at + word.length), match: true });
    i = at + word.length;
  }
  if (plain) parts.push({ text: plain, match: false });
  if (cutEnd) parts.push({ text: " …", match: false });
  return parts;
}
