// Where the feeds live. Paths are relative to the site; pass the site URL
// (from SITE_URL, read by lib/env.ts, never here) for absolute addresses.
import { normalizeRelease } from "@/lib/vocabulary/release";
import type { FeedFormat } from "./types";

const FILES: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml", json: "feed.json" };

export const FEED_FORMATS: readonly FeedFormat[] = ["rss", "atom", "json"];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** MIME types as autodiscovery `<link rel="alternate" type>` wants them (no parameters). */
export const FEED_MIME_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

export const FEED_FORMAT_NAMES: Record<FeedFormat, string> = { rss: "RSS 2.0", atom: "Atom 1.0", json: "JSON Feed 1.1" };

export type FeedPaths = Record<FeedFormat, string>;

const paths = (base: string): FeedPaths => ({ rss: `${base}/${FILES.rss}`, atom: `${base}/${FILES.atom}`, json: `${base}/${FILES.json}` });

/** The site-wide bulletin feeds: /feed.xml, /atom.xml, /feed.json. */
export const bulletinFeedPaths = (): FeedPaths => paths("");
/** One release's bulletin feeds: /releases/4.3/feed.xml … */
export const releaseFeedPaths = (release: string): FeedPaths => paths(`/releases/${encodeURIComponent(release)}`);
/** The feeds of XSAs affecting Qubes: /xsa/feed.xml … */
export const advisoryFeedPaths = (): FeedPaths => paths("/xsa");
/** The warrant canaries' feeds (and an entry when the next one is overdue): /canaries/feed.xml … */
export const canaryFeedPaths = (): FeedPaths => paths("/canaries");

export const osvPath = (id: string) => `/api/osv/${encodeURIComponent(id)}.json`;
export const OSV_ALL_PATH = "/api/osv/all.json";

/** Prefix each path with the site URL (no trailing slash). */
export function absolute(siteUrl: string, feedPaths: FeedPaths): FeedPaths {
  const base = siteUrl.replace(/\/+$/, "");
  return { rss: base + feedPaths.rss, atom: base + feedPaths.atom, json: base + feedPaths.json };
}

/** A release as a URL path segment gives it ("4.3", "R4.3", "Qubes%204.3") → its stored name, or null. */
export function releaseFromSegment(segment: string): string | null {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // keep it as given
  }
  return normalizeRelease(text);
}

/**
 * Feed autodiscovery for Next metadata (`alternates.types`): site-relative,
 * so the links stay right whatever SITE_URL says. Next replaces `alternates`
 * as a whole, so a page that sets its own (a canonical URL) must spread these
 * back in: `alternates: { canonical, types: FEED_ALTERNATE_TYPES }`.
 */
export const FEED_ALTERNATE_TYPES: Record<string, { url: string; title: string }[]> = {
  [FEED_MIME_TYPES.rss]: [
    { url: bulletinFeedPaths().rss, title: "Qubes Security Bulletins (RSS)" },
    { url: advisoryFeedPaths().rss, title: "Xen advisories affecting Qubes (RSS)" },
  ],
  [FEED_MIME_TYPES.atom]: [
    { url: bulletinFeedPaths().atom, title: "Qubes Security Bulletins (Atom)" },
    { url: advisoryFeedPaths().atom, title: "Xen advisories affecting Qubes (Atom)" },
  ],
  [FEED_MIME_TYPES.json]: [
    { url: bulletinFeedPaths().json, title: "Qubes Security Bulletins (JSON Feed)" },
    { url: advisoryFeedPaths().json, title: "Xen advisories affecting Qubes (JSON Feed)" },
  ],
};
