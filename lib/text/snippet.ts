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
  let plain = "";
  for (let i = 0; i < text.length; ) {
    const word = needles.find((w) => lower.startsWith(w, i));
    if (word) {
      if (plain) parts.push({ text: plain, match: false });
      plain = "";
      parts.push({ text: text.slice(i, i + word.length), match: true });
      i += word.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) parts.push({ text: plain, match: false });
  if (cutEnd) parts.push({ text: " …", match: false });
  return parts;
}
