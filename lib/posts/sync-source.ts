// The Qubes news posts as a plugged source of the sync (lib/secpack/sync-source.ts).
// Unlike the core sources, a posts source that cannot be read never fails
// the sync: the run goes on, says so in a source warning, and keeps the posts
// an earlier sync stored (and audits those).
import path from "node:path";
import { defineSource, type PluggedSource, type SourceBuilt } from "@/lib/secpack/sync-source";
import type { AdvisoryRecord, BuildResult, WarningRecord } from "@/lib/secpack/build";
import { auditPosts, buildPostRecords, postOnlyAdvisories, type PostRecord } from "./build";
import { sha256Hex } from "@/lib/secpack/read-text";
import { readPostsSource, type PostsTree } from "./source";
import { clearPosts, readStoredPosts, writePostOnlyAdvisories, writePosts } from "./store";

export const POSTS_SOURCE_NAME = "posts";

type Fetched = { ok: true; tree: PostsTree } | { ok: false; location: string; error: string };

type Records =
  | { ok: true; posts: PostRecord[]; advisories: AdvisoryRecord[]; commit: string | null }
  | { ok: false; build: BuildResult };

function sourceWarning(message: string, file: string | null = null): WarningRecord {
  return { kind: "source", bulletinNumber: null, advisoryNumber: null, file, line: null, message };
}

export function postsSource(location: string): PluggedSource {
  return defineSource<Fetched, Fetched, Fetched, Records>({
    name: POSTS_SOURCE_NAME,
    async fetch(ctx) {
      ctx.progress("posts", 0, 1);
      try {
        const tree = await readPostsSource(location, path.join(ctx.dataDir, "qubes-posts.git"));
        return { data: { ok: true, tree }, states: [{ name: POSTS_SOURCE_NAME, location, sha256: tree.sha256, commit: tree.commit }] };
      } catch (error) {
        // The same failure again changes nothing; another one (or another location) is recorded.
        const message = (error as Error).message;
        return { data: { ok: false, location, error: message }, states: [{ name: POSTS_SOURCE_NAME, location, sha256: sha256Hex(`unavailable\n${location}\n${message}`), commit: null }] };
      }
    },
    parse: (data) => data,
    verify: (data) => Promise.resolve(data),
    build(data, ctx): SourceBuilt<Records> {
      if (!data.ok) {
        return {
          records: { ok: false, build: ctx.build },
          warnings: [sourceWarning(`news posts not updated: ${data.error}; the posts stored by an earlier sync are kept`)],
          counts: { postsRead: 0 },
        };
      }
      const built = buildPostRecords(data.tree.files);
      const audit = auditPosts({ posts: built.posts, advisories: ctx.build.advisories, bulletins: ctx.build.bulletins, links: ctx.build.links });
      const advisories = postOnlyAdvisories(built.posts, ctx.build.advisories);
      const xsaPosts = built.posts.filter((p) => p.kind === "xsa");
      const mentions = xsaPosts.flatMap((p) => p.advisories);
      return {
        records: { ok: true, posts: built.posts, advisories, commit: data.tree.commit },
        warnings: [...data.tree.notes.map((n) => sourceWarning(n.message, n.file)), ...built.warnings, ...audit],
        counts: {
          postsRead: data.tree.postCount,
          xsaPosts: xsaPosts.length,
          bulletinPosts: built.posts.filter((p) => p.kind === "bulletin").length,
          canaryPosts: built.posts.filter((p) => p.kind === "canary").length,
          xsaMentions: mentions.length,
          xsasWithReason: new Set(mentions.filter((m) => m.reason).map((m) => m.xsa)).size,
          postOnlyAdvisories: advisories.length,
        },
      };
    },
    // Kept as they are when this run could not read the posts; store() replaces them otherwise.
    clear: () => Promise.resolve(),
    async store(tx, records) {
      if (records.ok) {
        await clearPosts(tx);
        await writePosts(tx, records.posts, records.commit);
        await writePostOnlyAdvisories(tx, records.advisories);
        return;
      }
      // The source was unavailable: audit the posts an earlier sync stored against this run's data.
      const posts = await readStoredPosts(tx);
      const { build } = records;
      const advisories = postOnlyAdvisories(posts, build.advisories);
      await writePostOnlyAdvisories(tx, advisories);
      const audit = auditPosts({ posts, advisories: build.advisories, bulletins: build.bulletins, links: build.links });
      await tx.warning.createMany({ data: audit });
    },
  });
}
