// React's escaping of text and attribute values (escapeTextForBrowser), for
// HTML text that must equal what React renders: the search splicer's pieces
// of a page, and markup written both as a component and as a string. Pure.
const REACT_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeReact(text: string): string {
  return text.replace(/[&<>"']/g, (c) => REACT_ENTITIES[c] ?? c);
}
