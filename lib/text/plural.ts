// Counted nouns in English: "1 advisory", "2 advisories", "0 bulletins".
const RULES = new Intl.PluralRules("en");

export interface Noun {
  one: string;
  other: string;
}

export const NOUNS = {
  bulletin: { one: "bulletin", other: "bulletins" },
  advisory: { one: "advisory", other: "advisories" },
  fix: { one: "fix", other: "fixes" },
  result: { one: "result", other: "results" },
  disagreement: { one: "disagreement", other: "disagreements" },
} as const satisfies Record<string, Noun>;

/** The noun alone, in the form a count asks for. */
export function nounFor(count: number, noun: Noun): string {
  return RULES.select(count) === "one" ? noun.one : noun.other;
}

/** The count and the noun: count(1, NOUNS.advisory) is "1 advisory". */
export function count(n: number, noun: Noun): string {
  return `${n.toLocaleString("en")} ${nounFor(n, noun)}`;
}

/** The same with the two forms written out: plural(2, "fix is", "fixes are") is "2 fixes are". */
export function plural(n: number, one: string, other: string): string {
  return count(n, { one, other });
}
