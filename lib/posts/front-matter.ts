// Jekyll front matter: the YAML block between the first two `---` lines.
import { parse as parseYaml } from "yaml";

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** How many lines the front matter takes, so that body line n is file line n + offset. */
  lineOffset: number;
  problem: string | null;
}

export function splitFrontMatter(text: string): FrontMatter {
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = normalized.split("\n");
  if (lines[0]?.trim() !== "---") return { data: {}, body: normalized, lineOffset: 0, problem: "no front matter (the file does not start with ---)" };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === "---");
  if (end < 0) return { data: {}, body: normalized, lineOffset: 0, problem: "the front matter is not closed by a --- line" };
  const yaml = lines.slice(1, end).join("\n");
  const body = lines.slice(end + 1).join("\n");
  try {
    // Jekyll (Ruby's YAML) lets a later key win; so do we.
    const data: unknown = parseYaml(yaml, { maxAliasCount: 10, uniqueKeys: false });
    const record = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    return { data: record, body, lineOffset: end + 1, problem: null };
  } catch (error) {
    // Ruby's YAML also takes a double-quoted title wrapped over an unindented
    // line ("QSB #054: \nXen fix ..."), which strict YAML refuses: read such a
    // block line by line, as Jekyll would.
    const loose = looseFrontMatter(yaml);
    if (typeof loose.title === "string") return { data: loose, body, lineOffset: end + 1, problem: null };
    return { data: loose, body, lineOffset: end + 1, problem: `the front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
}

function looseFrontMatter(yaml: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const lines = yaml.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(lines[i] ?? "");
    if (!match) continue;
    let value = (match[2] ?? "").trim();
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : null;
    if (quote) {
      while ((value.length < 2 || !value.endsWith(quote)) && i + 1 < lines.length) value += ` ${(lines[++i] ?? "").trim()}`;
      value = value.slice(1, value.endsWith(quote) && value.length > 1 ? -1 : undefined);
    }
    data[match[1] ?? ""] = value;
  }
  return data;
}

/** A front-matter date (YAML may give a Date or a string) as YYYY-MM-DD. */
export function frontMatterDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === "string") {
    const match = /^(\d{4}-\d{2}-\d{2})\b/.exec(value.trim());
    return match?.[1] ?? null;
  }
  return null;
}

export function frontMatterString(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.replace(/\s+/g, " ").trim();
  return text || null;
}
