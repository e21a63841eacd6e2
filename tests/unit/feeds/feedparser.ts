// Parse a feed with a real feed client: Debian's python3-feedparser
// (`apt-get install -y python3-feedparser`). Tests that need it skip, saying
// why, where no python3 with feedparser is found.
import { spawnSync } from "node:child_process";

const SCRIPT = `
import feedparser, json, sys, time
d = feedparser.parse(sys.stdin.buffer.read())
fmt = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', t) if t else None
print(json.dumps({
  "bozo": bool(d.bozo),
  "exc": str(d.get("bozo_exception", "")),
  "version": d.version,
  "feed": {"title": d.feed.get("title"), "id": d.feed.get("id"), "link": d.feed.get("link"), "updated": fmt(d.feed.get("updated_parsed"))},
  "entries": [{
    "id": e.get("id"), "title": e.get("title"), "link": e.get("link"), "summary": e.get("summary"),
    "published": e.get("published"), "updated": e.get("updated"),
    "published_iso": fmt(e.get("published_parsed")), "updated_iso": fmt(e.get("updated_parsed")),
    "tags": [t.get("term") for t in e.get("tags", [])],
  } for e in d.entries],
}))
`;

export interface ParsedFeed {
  bozo: boolean;
  exc: string;
  version: string;
  feed: { title: string | null; id: string | null; link: string | null; updated: string | null };
  entries: {
    id: string | null;
    title: string | null;
    link: string | null;
    summary: string | null;
    published: string | null;
    updated: string | null;
    published_iso: string | null;
    updated_iso: string | null;
    tags: string[];
  }[];
}

function findPython(): string | null {
  // The first python3 on PATH may be another installation (pyenv …) than the
  // one apt installs feedparser for.
  const candidates = [process.env.FEEDPARSER_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ["-c", "import feedparser"], { stdio: "ignore" });
    if (probe.status === 0) return candidate;
  }
  return null;
}

export const FEEDPARSER_PYTHON = findPython();

/** Pass as the `skip` option of tests that parse feeds with feedparser. */
export const withFeedparser: { skip: string | false } = {
  skip: FEEDPARSER_PYTHON ? false : "python3-feedparser is not installed (apt-get install -y python3-feedparser)",
};

export function parseFeed(body: string): ParsedFeed {
  if (!FEEDPARSER_PYTHON) throw new Error("python3-feedparser is not installed");
  const result = spawnSync(FEEDPARSER_PYTHON, ["-c", SCRIPT], { input: body, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`feedparser failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedFeed;
}
