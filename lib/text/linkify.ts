// Splits bulletin text into plain text and the things worth linking: XSA and
// QSB mentions, numbered references "[n]", and http(s) URLs. Pure; the
// renderer turns the pieces into elements, so the text is never HTML.

export type Segment =
  | { type: "text"; text: string }
  | { type: "xsa"; text: string; number: number }
  | { type: "qsb"; text: string; number: number }
  | { type: "ref"; text: string; label: string }
  | { type: "url"; text: string; href: string };

const PATTERN = /(https?:\/\/[^\s<>"'`]+)|\b(XSA)[- ]?#?(\d{1,4})\b|\b(QSB)[- ]?#?(\d{1,4})\b|\[(\d{1,3})\]/gi;

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  const push = (segment: Segment) => {
    const previous = segments[segments.length - 1];
    if (segment.type === "text" && previous?.type === "text") previous.text += segment.text;
    else segments.push(segment);
  };
  for (const match of text.matchAll(PATTERN)) {
    const at = match.index ?? 0;
    let raw = match[0];
    if (at > last) push({ type: "text", text: text.slice(last, at) });
    if (match[1]) {
      // Trailing punctuation belongs to the sentence, not the URL.
      const trimmed = raw.replace(/[.,;:!?)\]}>]+$/, "");
      const rest = raw.slice(trimmed.length);
      raw = trimmed;
      push({ type: "url", text: trimmed, href: trimmed });
      if (rest) push({ type: "text", text: rest });
    } else if (match[2]) {
      push({ type: "xsa", text: raw, number: Number(match[3]) });
    } else if (match[4]) {
      push({ type: "qsb", text: raw, number: Number(match[5]) });
    } else {
      push({ type: "ref", text: raw, label: match[6] ?? "" });
    }
    last = at + match[0].length;
  }
  if (last < text.length) push({ type: "text", text: text.slice(last) });
  return segments;
}

/** Only http(s) URLs are ever links. */
export function isSafeUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}
