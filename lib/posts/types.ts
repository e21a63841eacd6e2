// Plain typed records of the news-post importer: posts folder or git
// repository → parse (pure, ./parse-post.ts) → these records → the sync's
// store step.
import type { AnnouncementVerdict, PostKind, ReasonCategory } from "./vocabulary";

export interface PostWarning {
  /** 1-based line in the post file. */
  line?: number;
  message: string;
}

/** What one post says about one XSA. */
export interface ParsedPostAdvisory {
  xsa: number;
  verdict: AnnouncementVerdict;
  /** The reason as the post writes it (Markdown kept; sub-bullets one per line); null where it gives none. */
  reason: string | null;
  /** Only for "not-affected" with a reason (see ./reasons.ts). */
  category: ReasonCategory | null;
  feature: string | null;
  /** The bulletin the post points to for an XSA that affects Qubes. */
  qsb: number | null;
  /** 1-based line of the file the XSA was read from. */
  line: number;
}

export interface ParsedPost {
  fileName: string;
  /** The file name without its date and extension: "xsas-released-on-2024-08-13". */
  slug: string;
  /** YYYY-MM-DD: the front matter's date, else the file name's (as Jekyll does). */
  date: string | null;
  /** https://www.qubes-os.org/news/YYYY/MM/DD/slug/ */
  url: string | null;
  title: string | null;
  /** null: a post of another kind (releases, talks ...), counted but not kept. */
  kind: PostKind | null;
  /** The bulletin a bulletin announcement announces. */
  bulletinNumber: number | null;
  /** "Update for QSB #37": an update of an earlier announcement. */
  isUpdate: boolean;
  canaryNumber: number | null;
  advisories: ParsedPostAdvisory[];
  warnings: PostWarning[];
}
