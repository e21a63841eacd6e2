// Pure parser of one Qubes news post (a Jekyll `YYYY-MM-DD-slug.md` file of
// github.com/QubesOS/qubes-posts): its date, title, public URL and kind, and
// for an XSA announcement what it says about each XSA (./parse-xsa-post.ts).
import { frontMatterDate, frontMatterString, splitFrontMatter } from "./front-matter";
import { parseXsaPostBody } from "./parse-xsa-post";
import type { ParsedPost } from "./types";
import type { PostKind } from "./vocabulary";

export const POST_FILE = /^(\d{4})-(\d{2})-(\d{2})-(.+)\.(md|markdown)$/;
export const NEWS_BASE_URL = "https://www.qubes-os.org/news";

/** The post's address on the Qubes website: https://www.qubes-os.org/news/YYYY/MM/DD/slug/ */
export function postUrl(date: string, slug: string): string {
  const [y, m, d] = date.split("-");
  return `${NEWS_BASE_URL}/${y}/${m}/${d}/${slug}/`;
}

interface Classified {
  kind: PostKind | null;
  bulletinNumber: number | null;
  isUpdate: boolean;
  canaryNumber: number | null;
}

export function classifyPost(slug: string): Classified {
  const none = { kind: null, bulletinNumber: null, isUpdate: false, canaryNumber: null };
  const qsb = /^qsb-0*(\d{1,4})(-update)?$/.exec(slug);
  if (qsb) return { ...none, kind: "bulletin", bulletinNumber: Number(qsb[1]), isUpdate: Boolean(qsb[2]) };
  const canary = /^canary-0*(\d{1,4})$/.exec(slug);
  if (canary) return { ...none, kind: "canary", canaryNumber: Number(canary[1]) };
  if (/^xsas-released-on-/.test(slug) || /^xsa-\d/.test(slug)) return { ...none, kind: "xsa" };
  return none;
}

export function parsePost(fileName: string, text: string): ParsedPost {
  const name = fileName.split("/").pop() ?? fileName;
  const match = POST_FILE.exec(name);
  const slug = match ? (match[4] ?? "") : name.replace(/\.(md|markdown)$/, "");
  const fileDate = match ? `${match[1]}-${match[2]}-${match[3]}` : null;
  const front = splitFrontMatter(text);
  const warnings: ParsedPost["warnings"] = [];
  if (!match) warnings.push({ message: "the file name is not YYYY-MM-DD-slug.md" });
  if (front.problem) warnings.push({ line: 1, message: front.problem });

  const date = frontMatterDate(front.data.date) ?? fileDate;
  const title = frontMatterString(front.data.title);
  if (!title) warnings.push({ line: 1, message: "the front matter has no title" });
  const classified = classifyPost(slug);
  const post: ParsedPost = {
    fileName: name,
    slug,
    date,
    url: date ? postUrl(date, slug) : null,
    title,
    ...classified,
    advisories: [],
    warnings,
  };
  if (classified.kind === "xsa") {
    const parsed = parseXsaPostBody(front.body, front.lineOffset, title ?? "");
    post.advisories = parsed.advisories;
    warnings.push(...parsed.warnings);
  }
  return post;
}
