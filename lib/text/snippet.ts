// A search snippet: a window of the text around the first matched word, cut
// at word boundaries, with every matched word marked. Pure.

export interface SnippetPart {
  text: string;
  /** True for a matched word (shown in <mark>). */
  match: boolean;
}

const BEFORE = 80;
const AFTER = 140;

/** Null when no word occurs in the text. */
export function buildSnippet(text: string, words: string[]): SnippetPart[] | null {
  const lower = text.toLowerCase();
  const needles = [...new Set(words.map((w) => w.toLowerCase()).filter(Boolean))];
  const at = Math.min(...needles.map((w) => lower.indexOf(w)).filter((i) => i >= 0));
  if (!Number.isFinite(at)) return null;
  let start = Math.max(0, at - BEFORE);
  let end = Math.min(text.length, at + AFTER);
  // Move the cuts outwards to whitespace, so no word is cut in half.
  if (start > 0) {
    const space = text.slice(0, start).search(/\s\S*$/);
    start = space >= 0 && start - space < 30 ? space + 1 : start;
  }
  if (end < text.length) {
    const next = text.slice(end).search(/\s/);
    end = next >= 0 && next < 30 ? end + next : end;
  }
  const window = text.slice(start, end).replace(/\s+/g, " ").trim();
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", match: false });
  const windowLower = window.toLowerCase();
  let i = 0;
  while (i < window.length) {
    let best = -1;
    let bestWord = "";
    for (const w of needles) {
      const found = windowLower.indexOf(w, i);
      if (found >= 0 && (best < 0 || found < best || (found === best && w.length > bestWord.length))) {
        best = found;
        bestWord = w;
      }
    }
    if (best < 0) {
      parts.push({ text: window.slice(i), match: false });
      break;
    }
    if (best > i) parts.push({ text: window.slice(i, best), match: false });
    parts.push({ text: window.slice(best, best + bestWord.length), match: true });
    i = best + bestWord.length;
  }
  if (end < text.length) parts.push({ text: " …", match: false });
  return parts;
}
