// markSnippet finds the matches by indexOf from each place (the search marks
// up to 100 snippets a query); the parts are those of the character-by-
// character walk it replaced (kept here as the reference), on excerpts of the
// real bulletins, for words that overlap, nest, repeat and are absent.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { markSnippet, type SnippetPart } from "@/lib/text/snippet";
import { QSB_DIR, realData } from "../../helpers/fixtures";

/** The walk before: at each character, the longest word that starts there, else the character as plain text. */
function walk(text: string, words: string[]): SnippetPart[] {
  const needles = [...new Set(words.map((w) => w.toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const parts: SnippetPart[] = [];
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
  return parts;
}

test("the parts of the walk it replaced, on excerpts of the real bulletins", realData, () => {
  const files = readdirSync(QSB_DIR).filter((f) => f.endsWith(".txt")).slice(0, 40);
  const wordSets = [["xen"], ["the", "then"], ["e"], ["memory", "mem"], ["aa"], ["qubes", "os", "s"], ["zzzqqq"], ["dom0", "0"], ["it's"], ["É", "é"]];
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(path.join(QSB_DIR, file), "utf8");
    for (let at = 0; at < text.length; at += 997) {
      const excerpt = `${at > 0 ? "…" : ""}${text.slice(at, at + 200).replace(/\s+/g, " ").trim()}${at + 200 < text.length ? "…" : ""}`;
      for (const words of wordSets) {
        const got = markSnippet(excerpt, words);
        // The reference walks the trimmed text that markSnippet marks (its cuts at each end are its own).
        const inner = (got ?? []).filter((p, i, all) => !((i === 0 && p.text === "… ") || (i === all.length - 1 && p.text === " …")));
        const text = inner.map((p) => p.text).join("");
        assert.deepEqual(inner, walk(text, words), `${file} at ${at}, ${JSON.stringify(words)}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 1000, `${compared} snippets compared`);
});

test("overlapping and repeated words: the longest at each place, left to right", () => {
  assert.deepEqual(markSnippet("aaaa then the", ["aa", "the", "then"]), [
    { text: "aa", match: true },
    { text: "aa", match: true },
    { text: " ", match: false },
    { text: "then", match: true },
    { text: " ", match: false },
    { text: "the", match: true },
  ]);
  assert.deepEqual(markSnippet("nothing here", ["zzz"]), [{ text: "nothing here", match: false }]);
  assert.equal(markSnippet(null, ["x"]), null);
});
