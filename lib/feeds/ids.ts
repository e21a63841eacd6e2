// Identifiers of feeds and feed entries. Pure.
//
// Scheme: name-based UUIDs (version 5, RFC 9562), as `urn:uuid:` URNs, from a
// namespace fixed in this file and a name made of the bulletin or advisory
// number only ("qsb:54", "xsa:306", "feed:bulletins", "feed:release:4.3").
//
// - They never depend on SITE_URL (a feed moved to another host keeps its
//   entry IDs, so readers do not show every bulletin again), nor on the title,
//   the date or the content (a revised bulletin keeps its ID and shows as
//   updated, not as a second entry).
// - `urn:uuid:` is a registered URN namespace, so the IDs are valid Atom
//   `<id>` IRIs, RSS `<guid isPermaLink="false">` values and JSON Feed ids,
//   without claiming a domain we do not own (a `tag:` URI needs an authority
//   the minter owns; `urn:qubes:…` is not a registered namespace).
// - The same bulletin has the same ID in the site-wide feed and in each
//   per-release feed: it is the same bulletin, and a reader subscribed to both
//   may merge them.
// Changing NAMESPACE or the names would make every reader show every entry
// again: never do it.
import { createHash } from "node:crypto";

/** Random, generated once for this project (2026-11). Never change it. */
export const NAMESPACE = "7474b50a-efd2-489a-8e74-afd004c6696c";

/** RFC 9562 version 5 UUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const urn = (name: string) => `urn:uuid:${uuidV5(name)}`;

/** The entry ID of a bulletin, in every feed. */
export const bulletinEntryId = (number: number) => urn(`qsb:${number}`);
/** The entry ID of an advisory in the XSA feed. */
export const advisoryEntryId = (number: number) => urn(`xsa:${number}`);
/** Feed IDs (Atom `<feed><id>`). */
export const bulletinsFeedId = () => urn("feed:bulletins");
export const releaseFeedId = (release: string) => urn(`feed:release:${release}`);
export const advisoriesFeedId = () => urn("feed:advisories");
export const canariesFeedId = () => urn("feed:canaries");
/** A canary's entry, and the entry saying that the promise a canary made (due by `until`) was not kept in time. */
export const canaryEntryId = (number: number) => urn(`canary:${number}`);
export const canaryOverdueEntryId = (number: number, until: string) => urn(`canary-overdue:${number}:${until}`);
