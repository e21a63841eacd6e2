// Signed tags on the secpack's commits, a source plugged into the sync
// (sync-source.ts). The security team signs a tag for each commit it vouches
// for (`marmarek_sec_dd0eabfd` is a PGP-signed tag object for dd0eabf). Every
// signed tag is verified with the secpack's keyring and its trust rules (a
// signing key counts only when the pinned master certifies it). The synced
// commit is vouched for by its own valid tags; when it has none, the newest
// ancestor that has one is named, with the files changed since.
import { verdictWithoutSignature, verifyDetached, type SignatureStatus, type SignatureVerdict } from "@/lib/pgp";
import type { WarningRecord } from "./build";
import { catFiles, git, SECPACK_KIND_LABEL, type GitSecpack, type SecpackKind } from "./git";
import { sha256Hex } from "./read-text";
import type { SecpackTree } from "./source";
import { defineSource } from "./sync-source";

const SIGNATURE_START = "-----BEGIN PGP SIGNATURE-----";

export interface ParsedTag {
  name: string;
  /** The object the tag names (a commit for every secpack tag). */
  target: string;
  targetType: string;
  tagger: string | null;
  taggedAt: Date | null;
  message: string;
  /** The bytes the signature is over: the tag object up to its signature. */
  payload: Buffer;
  signature: Buffer | null;
  /** A lightweight tag: a plain name for a commit, with no tag object (no tagger, message or signature). */
  lightweight: boolean;
}

/** Parses a raw annotated tag object (`git cat-file tag NAME`). Pure. */
export function parseTagObject(name: string, raw: Buffer): ParsedTag {
  const text = raw.toString("utf8");
  const start = text.indexOf(SIGNATURE_START);
  const payloadText = start >= 0 ? text.slice(0, start) : text;
  const headerEnd = payloadText.indexOf("\n\n");
  const header = headerEnd >= 0 ? payloadText.slice(0, headerEnd) : payloadText;
  const field = (key: string) => header.split("\n").find((l) => l.startsWith(`${key} `))?.slice(key.length + 1) ?? null;
  const taggerLine = field("tagger");
  const taggerMatch = taggerLine ? /^(.*?) <[^>]*> (\d+) [+-]\d{4}$/.exec(taggerLine) : null;
  return {
    name,
    target: field("object") ?? "",
    targetType: field("type") ?? "",
    tagger: taggerMatch?.[1] ?? taggerLine,
    taggedAt: taggerMatch?.[2] ? new Date(Number(taggerMatch[2]) * 1000) : null,
    message: headerEnd >= 0 ? payloadText.slice(headerEnd + 2).trim() : "",
    payload: Buffer.from(payloadText, "utf8"),
    signature: start >= 0 ? Buffer.from(text.slice(start), "utf8") : null,
    lightweight: false,
  };
}

/**
 * A tag's verdict: a signature verdict for a signed tag object, or `unsigned`
 * for a tag with no signature to check (a lightweight tag, or a tag object
 * without one): nothing vouches for it, but nothing in it is malformed.
 */
export type TagStatus = SignatureStatus | "unsigned";

export interface TagVerdict extends Omit<ParsedTag, "payload" | "signature">, Omit<SignatureVerdict, "status"> {
  status: TagStatus;
  /** The tag names the synced commit. */
  onSyncedCommit: boolean;
}

/** Where the synced commit's trust comes from, in the database and the API. */
export interface ProvenanceRecord {
  location: string;
  kind: SecpackKind;
  commit: string | null;
  commitDate: string | null;
  commitSubject: string | null;
  /** The synced commit, when one of its own tags is valid; else the newest ancestor with one; null when none. */
  vouchedCommit: string | null;
  vouchedCommitDate: string | null;
  /** Files changed between the vouched commit and the synced one (empty when they are the same). */
  changedSince: string[];
  tagsTotal: number;
  tagsValid: number;
  /** Plain words where the data cannot answer (a plain folder, no valid tag ...). */
  note: string | null;
}

interface TagData {
  tree: SecpackTree;
  tags: ParsedTag[];
  /** The synced commit and its ancestors, newest first. */
  ancestry: string[];
}

/** Reads every tag of the repository (name, object, raw tag object) and the synced commit's ancestry. */
async function readTags(repo: GitSecpack): Promise<{ tags: ParsedTag[]; ancestry: string[] }> {
  const refs = (await git(repo.gitDir, ["for-each-ref", "refs/tags", "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)"]))
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name = "", type = "", oid = ""] = line.split("\0");
      return { name, type, oid };
    });
  const annotated = refs.filter((r) => r.type === "tag");
  const raws = await catFiles(repo.gitDir, annotated.map((r) => r.oid));
  const tags = annotated.map((r, i) => parseTagObject(r.name, raws[i] ?? Buffer.alloc(0)));
  // Lightweight tags carry no signature: kept, so the page can say so.
  for (const r of refs.filter((x) => x.type === "commit")) {
    tags.push({ name: r.name, target: r.oid, targetType: "commit", tagger: null, taggedAt: null, message: "", payload: Buffer.alloc(0), signature: null, lightweight: true });
  }
  const ancestry = (await git(repo.gitDir, ["rev-list", "--date-order", repo.commit])).split("\n").filter(Boolean);
  return { tags, ancestry };
}

/** The verdict on a tag with no signature: `unsigned`, saying whether it is lightweight. */
export function unsignedTagVerdict(tag: Pick<ParsedTag, "lightweight">): Omit<SignatureVerdict, "status"> & { status: TagStatus } {
  const reason = tag.lightweight
    ? "a lightweight tag: a plain name for the commit, with no tag object and no signature"
    : "an annotated tag without a PGP signature";
  return { ...verdictWithoutSignature("malformed", reason), status: "unsigned" };
}

/** The newest commit of the ancestry (the synced one first) with a valid tag. Pure. */
export function vouchingCommit(ancestry: string[], verdicts: TagVerdict[]): string | null {
  const valid = new Set(verdicts.filter((v) => v.status === "valid").map((v) => v.target));
  return ancestry.find((c) => valid.has(c)) ?? null;
}

interface Verified {
  tree: SecpackTree;
  verdicts: TagVerdict[];
  provenance: ProvenanceRecord;
}

export function folderProvenance(location: string): ProvenanceRecord {
  return {
    location,
    kind: "folder",
    commit: null,
    commitDate: null,
    commitSubject: null,
    vouchedCommit: null,
    vouchedCommitDate: null,
    changedSince: [],
    tagsTotal: 0,
    tagsValid: 0,
    note: "the secpack was read from a plain folder: its git history and signed tags are unknown, so no tag vouches for these files",
  };
}

export const secpackTagsSource = defineSource({
  name: "tags",
  async fetch(ctx) {
    const repo = ctx.secpack.git;
    if (!repo) {
      return {
        data: { tree: ctx.secpack, tags: [], ancestry: [] },
        states: [{ name: "tags", location: ctx.secpack.location, sha256: "none", commit: null }],
      };
    }
    ctx.progress("tags", 0, 1);
    const { tags, ancestry } = await readTags(repo);
    const list = tags.map((t) => `${t.name}:${sha256Hex(Buffer.concat([t.payload, t.signature ?? Buffer.alloc(0)]))}`).sort().join("\n");
    return {
      data: { tree: ctx.secpack, tags, ancestry },
      states: [{ name: "tags", location: repo.gitDir, sha256: sha256Hex(list), commit: repo.commit }],
    };
  },
  parse: (data: TagData) => data,
  async verify(data: TagData, ctx): Promise<Verified> {
    const repo = data.tree.git;
    if (!repo) return { tree: data.tree, verdicts: [], provenance: folderProvenance(data.tree.location) };
    const reachable = new Set(data.ancestry);
    const verdicts: TagVerdict[] = [];
    // Only the tags on the synced commit's history can vouch for it; the others are not read.
    for (const tag of data.tags.filter((t) => reachable.has(t.target))) {
      const verdict = tag.signature ? await verifyDetached(tag.payload, tag.signature, ctx.keyring) : unsignedTagVerdict(tag);
      const { payload: _payload, signature: _signature, ...fields } = tag;
      verdicts.push({ ...fields, ...verdict, onSyncedCommit: tag.target === repo.commit });
    }
    const vouched = vouchingCommit(data.ancestry, verdicts);
    let changedSince: string[] = [];
    let vouchedCommitDate: string | null = null;
    if (vouched) {
      vouchedCommitDate = (await git(repo.gitDir, ["show", "-s", "--format=%cI", vouched])).trim();
      if (vouched !== repo.commit) {
        changedSince = (await git(repo.gitDir, ["diff", "--name-only", vouched, repo.commit])).split("\n").filter(Boolean);
      }
    }
    const tagsValid = verdicts.filter((v) => v.status === "valid").length;
    let note: string | null = null;
    if (!vouched) note = "no commit of the synced history carries a valid signed tag: nothing vouches for these files";
    else if (vouched !== repo.commit) {
      note = `the synced commit ${repo.commit.slice(0, 12)} carries no valid signed tag; the newest ancestor that does is ${vouched.slice(0, 12)}, and ${changedSince.length} file(s) changed since`;
    }
    return {
      tree: data.tree,
      verdicts,
      provenance: {
        location: data.tree.location,
        kind: repo.kind,
        commit: repo.commit,
        commitDate: repo.commitDate,
        commitSubject: repo.commitSubject,
        vouchedCommit: vouched,
        vouchedCommitDate,
        changedSince,
        tagsTotal: verdicts.length,
        tagsValid,
        note,
      },
    };
  },
  build(verified: Verified) {
    const { provenance, verdicts } = verified;
    const warnings: WarningRecord[] = [];
    const warn = (message: string) =>
      warnings.push({ kind: "source", bulletinNumber: null, advisoryNumber: null, file: null, line: null, message });
    if (provenance.kind !== "folder" && provenance.note) {
      warn(`${provenance.note}${provenance.changedSince.length ? `: ${provenance.changedSince.join(", ")}` : ""}`);
    }
    const unsigned = verdicts.filter((v) => v.status === "unsigned");
    if (unsigned.length > 0) {
      const lightweight = unsigned.filter((v) => v.lightweight).length;
      warn(
        `${unsigned.length} tag(s) on the synced history carry no signature (${lightweight} lightweight, ${unsigned.length - lightweight} annotated), so they vouch for nothing: ` +
          unsigned.map((v) => v.name).join(", "),
      );
    }
    const invalid = verdicts.filter((v) => v.status !== "valid" && v.status !== "unsigned");
    if (invalid.length > 0) {
      const bySigner = new Map<string, number>();
      for (const v of invalid) {
        const who = `${v.status}${v.signerUserId ? ` (${v.signerUserId})` : v.issuerKeyId ? ` (key ${v.issuerKeyId})` : ""}`;
        bySigner.set(who, (bySigner.get(who) ?? 0) + 1);
      }
      warn(
        `${invalid.length} of ${verdicts.length - unsigned.length} signed tags on the synced history do not verify with the master's trust: ` +
          [...bySigner].map(([who, n]) => `${n} ${who}`).join("; "),
      );
    }
    return {
      records: verified,
      warnings,
      counts: { tags: verdicts.length, tagsValid: provenance.tagsValid, tagsOnSyncedCommit: verdicts.filter((v) => v.onSyncedCommit).length },
    };
  },
  async clear(tx) {
    await tx.secpackTag.deleteMany();
    await tx.secpackProvenance.deleteMany();
  },
  async store(tx, records: Verified) {
    const p = records.provenance;
    await tx.secpackProvenance.create({ data: { id: 1, ...p, changedSince: p.changedSince.join("\n") } });
    await tx.secpackTag.createMany({
      data: records.verdicts.map((v) => ({
        name: v.name,
        target: v.target,
        tagger: v.tagger,
        taggedAt: v.taggedAt,
        message: v.message,
        onSyncedCommit: v.onSyncedCommit,
        status: v.status,
        reason: v.reason,
        fingerprint: v.fingerprint,
        issuerKeyId: v.issuerKeyId,
        signedAt: v.createdAt,
        hashAlgorithm: v.hashAlgorithm,
        certifiedByMaster: v.certifiedByMaster,
        signerUserId: v.signerUserId,
      })),
    });
  },
});

export { SECPACK_KIND_LABEL };
