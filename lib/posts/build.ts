// Pure step of the posts importer: from the post files, the records the store
// step writes, and the audit of the posts against the tracker and the
// bulletins (each disagreement is a warning in the same list as the others).
import { advisoryId, bulletinId } from "@/lib/ids";
import type { AdvisoryRecord, BulletinRecord, LinkRecord, WarningRecord } from "@/lib/secpack/build";
import type { QubesVerdict } from "@/lib/secpack/parse-website";
import { parsePost } from "./parse-post";
import type { PostFile } from "./source";
import type { ParsedPostAdvisory } from "./types";
import type { AnnouncementVerdict, PostKind } from "./vocabulary";

const VERDICT_PHRASES: Record<AnnouncementVerdict, string> = {
  affected: "affects Qubes OS",
  "not-affected": "does not affect Qubes OS",
  investigating: "is under investigation",
};

export interface PostRecord {
  fileName: string;
  /** Relative to the repository root. */
  path: string;
  slug: string;
  date: string | null;
  title: string | null;
  url: string | null;
  kind: PostKind;
  bulletinNumber: number | null;
  isUpdate: boolean;
  canaryNumber: number | null;
  sha256: string;
  advisories: ParsedPostAdvisory[];
}

export interface PostsBuild {
  posts: PostRecord[];
  /** Parse warnings: odd front matter, unparsed bullets. */
  warnings: WarningRecord[];
}

export function buildPostRecords(files: PostFile[]): PostsBuild {
  const posts: PostRecord[] = [];
  const warnings: WarningRecord[] = [];
  for (const file of files) {
    const parsed = parsePost(file.fileName, file.text);
    for (const w of parsed.warnings) {
      const where = w.line ? `${file.path}:${w.line}` : file.path;
      warnings.push({ kind: "parse", bulletinNumber: null, advisoryNumber: null, file: file.path, line: w.line ?? null, message: `${where}: ${w.message}` });
    }
    if (!parsed.kind) continue;
    posts.push({
      fileName: parsed.fileName,
      path: file.path,
      slug: parsed.slug,
      date: parsed.date,
      title: parsed.title,
      url: parsed.url,
      kind: parsed.kind,
      bulletinNumber: parsed.bulletinNumber,
      isUpdate: parsed.isUpdate,
      canaryNumber: parsed.canaryNumber,
      sha256: file.sha256,
      advisories: parsed.advisories,
    });
  }
  posts.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.fileName.localeCompare(b.fileName));
  return { posts, warnings };
}

export interface PostMention extends ParsedPostAdvisory {
  post: Pick<PostRecord, "fileName" | "path" | "date" | "title" | "url">;
}

/**
 * The post that speaks for an XSA: the latest one with a verdict (affects or
 * does not affect); an "under investigation" post only where no other exists.
 */
export function announcementOf<T extends { verdict: string; post: { date: string | null; fileName: string } }>(mentions: T[]): T | null {
  const ordered = [...mentions].sort((a, b) => (b.post.date ?? "").localeCompare(a.post.date ?? "") || b.post.fileName.localeCompare(a.post.fileName));
  return ordered.find((m) => m.verdict !== "investigating") ?? ordered[0] ?? null;
}

export function mentionsByXsa(posts: PostRecord[]): Map<number, PostMention[]> {
  const byXsa = new Map<number, PostMention[]>();
  for (const post of posts) {
    for (const a of post.advisories) {
      const list = byXsa.get(a.xsa) ?? [];
      list.push({ ...a, post });
      byXsa.set(a.xsa, list);
    }
  }
  return byXsa;
}

/** Advisory rows for the XSAs that only the posts name, so that their pages exist. */
export function postOnlyAdvisories(posts: PostRecord[], known: AdvisoryRecord[]): AdvisoryRecord[] {
  const have = new Set(known.map((a) => a.number));
  const extra = new Map<number, AdvisoryRecord>();
  for (const [xsa, mentions] of mentionsByXsa(posts)) {
    if (have.has(xsa) || extra.has(xsa)) continue;
    const first = [...mentions].sort((a, b) => (a.post.date ?? "").localeCompare(b.post.date ?? ""))[0];
    extra.set(xsa, {
      number: xsa,
      date: first?.post.date ?? null,
      title: null,
      titleOrigin: null,
      qubesAffected: "unknown",
      trackerQsb: null,
      inTracker: false,
      inXenIndex: false,
      cves: [],
    });
  }
  return [...extra.values()];
}

export interface AuditInput {
  posts: PostRecord[];
  /** The tracker's verdicts, as the core build made the advisories. */
  advisories: Pick<AdvisoryRecord, "number" | "qubesAffected" | "inTracker">[];
  bulletins: Pick<BulletinRecord, "number" | "title">[];
  links: LinkRecord[];
}

const TRACKER_WORDS: Record<QubesVerdict, string> = {
  yes: "affected (yes)",
  no: "not affected (no)",
  unused: "unused (a withdrawn number)",
  unknown: "of unknown status",
};

function postName(post: { date: string | null; fileName: string; path: string }): string {
  return `the news post ${post.path}${post.date ? ` of ${post.date}` : ""}`;
}

/** A bulletin announcement's title without its "QSB #054: " or "Qubes Security Bulletin #27: " prefix. */
export function announcedTitle(title: string): string {
  return title.replace(/^(update for\s+)?(qubes security bulletin|qsb)\s*(\(qsb\))?\s*[#-]?\s*\d+\s*:\s*/i, "").trim();
}

function comparableTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[“”"'‘’`]/g, "")
    .replace(/[‐-―-]+/g, "-")
    .replace(/\s+/g, " ")
    .replace(/[.\s]+$/, "")
    .trim();
}

export function auditPosts(input: AuditInput): WarningRecord[] {
  const warnings: WarningRecord[] = [];
  const bulletinNumbers = new Set(input.bulletins.map((b) => b.number));
  const audit = (message: string, advisoryNumber: number | null, bulletinNumber: number | null, file: string | null) =>
    warnings.push({
      kind: "audit",
      advisoryNumber,
      bulletinNumber: bulletinNumber !== null && bulletinNumbers.has(bulletinNumber) ? bulletinNumber : null,
      file,
      line: null,
      message,
    });
  const trackerByXsa = new Map(input.advisories.filter((a) => a.inTracker).map((a) => [a.number, a]));
  const covers = new Set(input.links.filter((l) => l.relation === "covers").map((l) => `${l.bulletinNumber}:${l.advisoryNumber}`));

  for (const [xsa, mentions] of [...mentionsByXsa(input.posts)].sort((a, b) => a[0] - b[0])) {
    const x = advisoryId(xsa);
    const chosen = announcementOf(mentions);
    if (!chosen) continue;
    const where = postName(chosen.post);
    const verdicts = new Set(mentions.filter((m) => m.verdict !== "investigating").map((m) => m.verdict));
    if (verdicts.size > 1) {
      const list = mentions.map((m) => `${m.post.path}: ${VERDICT_PHRASES[m.verdict]}`).join("; ");
      audit(`${x}: the news posts disagree (${list}); the latest is shown`, xsa, null, chosen.post.path);
    }
    const tracked = trackerByXsa.get(xsa);
    if (!tracked) {
      audit(`${x}: ${where} says it ${VERDICT_PHRASES[chosen.verdict]}, but the XSA tracker has no entry for it`, xsa, null, chosen.post.path);
    } else if (chosen.verdict === "not-affected" && tracked.qubesAffected !== "no") {
      audit(`${x}: ${where} says it does not affect Qubes OS; the tracker marks it ${TRACKER_WORDS[tracked.qubesAffected]}`, xsa, null, chosen.post.path);
    } else if (chosen.verdict === "affected" && tracked.qubesAffected !== "yes") {
      audit(`${x}: ${where} says it affects Qubes OS; the tracker marks it ${TRACKER_WORDS[tracked.qubesAffected]}`, xsa, chosen.qsb, chosen.post.path);
    }
    for (const m of mentions) {
      if (m.qsb === null) continue;
      const b = bulletinId(m.qsb);
      if (!bulletinNumbers.has(m.qsb)) {
        audit(`${x}: ${postName(m.post)} points to ${b}, which is not in the secpack`, xsa, null, m.post.path);
      } else if (!covers.has(`${m.qsb}:${xsa}`)) {
        audit(`${x}: ${postName(m.post)} points to ${b}, which does not cover ${x}`, xsa, m.qsb, m.post.path);
      }
    }
  }

  // Bulletin announcements: one per bulletin since the first one announced, with the bulletin's title.
  const announcements = input.posts.filter((p) => p.kind === "bulletin" && p.bulletinNumber !== null);
  const firstAnnounced = Math.min(...announcements.map((p) => p.bulletinNumber ?? Infinity));
  const byNumber = new Map<number, PostRecord[]>();
  for (const p of announcements) byNumber.set(p.bulletinNumber ?? 0, [...(byNumber.get(p.bulletinNumber ?? 0) ?? []), p]);
  for (const bulletin of [...input.bulletins].sort((a, b) => a.number - b.number)) {
    const b = bulletinId(bulletin.number);
    const posts = byNumber.get(bulletin.number) ?? [];
    const original = posts.find((p) => !p.isUpdate);
    if (!original) {
      if (bulletin.number > firstAnnounced) audit(`${b} has no news announcement (the news announces every bulletin since ${bulletinId(firstAnnounced)})`, null, bulletin.number, null);
      continue;
    }
    if (bulletin.title && original.title && comparableTitle(announcedTitle(original.title)) !== comparableTitle(bulletin.title)) {
      audit(`${b}: its news announcement ${original.path} is titled "${announcedTitle(original.title)}", the bulletin "${bulletin.title}"`, null, bulletin.number, original.path);
    }
  }
  for (const [number, posts] of byNumber) {
    if (!bulletinNumbers.has(number)) audit(`${posts[0]?.path ?? "a news post"} announces ${bulletinId(number)}, which is not in the secpack`, null, null, posts[0]?.path ?? null);
  }
  return warnings;
}
