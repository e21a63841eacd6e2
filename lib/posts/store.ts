// The posts' part of the sync's one write transaction: the posts and what
// each says about each XSA, and reading back what an earlier sync stored
// (kept as it was when the posts source cannot be read this time).
import type { Tx } from "@/lib/secpack/store";
import type { AdvisoryRecord } from "@/lib/secpack/build";
import type { PostRecord } from "./build";
import type { ParsedPostAdvisory } from "./types";
import { isAnnouncementVerdict, isReasonCategory, type PostKind } from "./vocabulary";

export async function clearPosts(tx: Tx): Promise<void> {
  await tx.postAdvisory.deleteMany();
  await tx.post.deleteMany();
}

export async function writePosts(tx: Tx, posts: PostRecord[], commit: string | null): Promise<void> {
  await tx.post.createMany({
    data: posts.map((p) => ({
      fileName: p.fileName,
      slug: p.slug,
      date: p.date,
      title: p.title,
      url: p.url,
      kind: p.kind,
      bulletinNumber: p.bulletinNumber,
      isUpdate: p.isUpdate,
      canaryNumber: p.canaryNumber,
      sha256: p.sha256,
      postsCommit: commit,
    })),
  });
  await tx.postAdvisory.createMany({
    data: posts.flatMap((p) =>
      p.advisories.map((a) => ({
        postFileName: p.fileName,
        advisoryNumber: a.xsa,
        verdict: a.verdict,
        reason: a.reason,
        category: a.category,
        feature: a.feature,
        bulletinNumber: a.qsb,
        line: a.line,
      })),
    ),
  });
}

/** Advisory rows for XSAs only the posts name (the core store has written the others). */
export async function writePostOnlyAdvisories(tx: Tx, advisories: AdvisoryRecord[]): Promise<void> {
  await tx.advisory.createMany({
    data: advisories.map((a) => ({
      number: a.number,
      date: a.date,
      title: a.title,
      qubesAffected: a.qubesAffected,
      trackerQsb: a.trackerQsb,
      inTracker: a.inTracker,
      inXenIndex: a.inXenIndex,
    })),
  });
}

/** The posts an earlier sync stored, as records (for the audit when the source is unavailable). */
export async function readStoredPosts(tx: Tx): Promise<PostRecord[]> {
  const rows = await tx.post.findMany({ include: { advisories: true }, orderBy: [{ date: "asc" }, { fileName: "asc" }] });
  return rows.map((p) => ({
    fileName: p.fileName,
    path: p.fileName,
    slug: p.slug,
    date: p.date,
    title: p.title,
    url: p.url,
    kind: p.kind as PostKind,
    bulletinNumber: p.bulletinNumber,
    isUpdate: p.isUpdate,
    canaryNumber: p.canaryNumber,
    sha256: p.sha256,
    advisories: p.advisories.map(
      (a): ParsedPostAdvisory => ({
        xsa: a.advisoryNumber,
        verdict: isAnnouncementVerdict(a.verdict) ? a.verdict : "investigating",
        reason: a.reason,
        category: a.category && isReasonCategory(a.category) ? a.category : null,
        feature: a.feature,
        qsb: a.bulletinNumber,
        line: a.line,
      }),
    ),
  }));
}
