// Unique searches without a React render each: per data version, the
// search page as Next.js renders it for a template query, and each new
// query's page made from it by splicing in what depends on the query: the
// <title>, the search box's value, the results region (the HTML text of the
// one function the page itself uses), and the same in the page's inline RSC
// payload (self.__next_f.push strings: the router state's URL parts, the
// input's defaultValue, the title row, the region's string or Flight text
// row), so that hydration, client navigation and back/forward see the same
// page. Anything it cannot do exactly (no query, an exact ID's redirect, a
// template whose pieces are not each found once) goes to Next.js as before.
// Each page comes with its security headers, its CSP hashing the inline
// scripts of this very HTML (the template's, hashed once, and the page's own
// payload script), so that a front server behind which it is kept
// (upstreamIsFront) need not read the page again for them.
import { param, intParam, type SearchParams } from "@/lib/search-params";
import { escapeReact } from "@/lib/text/react-escape";
import { inlineHash, inlineHashes, policyFor, securityHeaders } from "./security-headers";
import type { UpstreamAnswer } from "./upstream";

/** What the page shows for a query: its results region's HTML, or where it redirects. */
export type SearchRegion = (query: string, page: number | undefined) => Promise<{ html: string; redirect: string | null }>;

export interface SplicerOptions {
  /** GET a path from Next.js (the front server's upstream). */
  fetchPage: (path: string) => Promise<UpstreamAnswer>;
  region: SearchRegion;
}

/** Says that a page was spliced, not rendered (for the operator, and the tests that compare the two). */
export const SPLICED_HEADER = "x-rendered-by";

/** A query found nowhere (the short template: its region is a line of text). */
export const TEMPLATE_QUERY = "zqxjvtemplate";
/** Queries whose region is long (a Flight text row, 1024 characters or more), tried in order. */
const LONG_TEMPLATE_QUERIES = ["xen", "the", "e", "a"];
/** React Flight writes a string this long (UTF-16 units) as a text row of its own. */
const FLIGHT_TEXT_ROW = 1024;

const REGION_OPEN = '<div id="search-results" class="space-y-4">';
const FLIGHT_SCRIPT = /<script>self\.__next_f\.push\((\[[13],"(?:[^"\\]|\\.)*"\])\)<\/script>/g;

/** A string in a Flight row: JSON, with a leading $ doubled (React's escape for its own references). */
function flightString(value: string): string {
  return JSON.stringify(value.startsWith("$") ? `$${value}` : value);
}

/** Next.js's escaping of the push script's JSON (htmlEscapeJsonString). */
function htmlEscapeJson(json: string): string {
  return json.replace(/[&><\u2028\u2029]/g, (c) => ({ "&": "\\u0026", ">": "\\u003e", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" })[c] ?? c);
}

/** Next.js's rendered search (getRenderedSearch): "?" and the pairs, each part encodeURIComponent'd. */
function renderedSearch(search: URLSearchParams): string {
  const pairs = [...search].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

interface Query {
  key: string;
  /** As the page reads it (param): trimmed, at most 200 characters. */
  q: string;
  page: number | undefined;
  search: URLSearchParams;
}

function readKey(key: string): Query | null {
  if (!key.startsWith("/search?")) return null;
  const search = new URLSearchParams(key.slice("/search?".length));
  const params: SearchParams = Object.fromEntries([...search.keys()].map((k) => [k, search.getAll(k)]));
  const q = param(params, "q");
  return q ? { key, q, page: intParam(params, "page"), search } : null;
}

/** A text cut at named pieces, each found exactly once: the parts between them and the pieces' names in order. */
interface Cut {
  parts: string[];
  names: string[];
}

function cutAt(text: string, pieces: Record<string, string>): Cut | null {
  const found: { name: string; at: number; length: number }[] = [];
  for (const [name, piece] of Object.entries(pieces)) {
    const at = text.indexOf(piece);
    if (at < 0 || text.indexOf(piece, at + 1) >= 0) return null;
    found.push({ name, at, length: piece.length });
  }
  found.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const f of found) {
    if (f.at < from) return null;
    parts.push(text.slice(from, f.at));
    from = f.at + f.length;
  }
  parts.push(text.slice(from));
  return { parts, names: found.map((f) => f.name) };
}

/**
 * A cut's parts as the bytes a page is made of, encoded once for all the
 * pages made from it (`escape`: what the parts are in the page, the payload's
 * JSON string escaping), and the pieces put between them per page.
 */
interface EncodedCut {
  parts: Buffer[];
  names: string[];
}

function encodeCut(cut: Cut, escape: (text: string) => string = (text) => text): EncodedCut {
  return { parts: cut.parts.map((part) => Buffer.from(escape(part), "utf8")), names: cut.names };
}

/** The parts and the pieces (each escaped and encoded here: all that is new in a page), in order. */
function joinEncoded(cut: EncodedCut, pieces: Record<string, string | Buffer[]>, escape: (text: string) => string = (text) => text): Buffer[] {
  const out: Buffer[] = [cut.parts[0] ?? Buffer.alloc(0)];
  cut.names.forEach((name, i) => {
    const piece = pieces[name] ?? "";
    if (typeof piece === "string") out.push(Buffer.from(escape(piece), "utf8"));
    else out.push(...piece);
    out.push(cut.parts[i + 1] ?? Buffer.alloc(0));
  });
  return out;
}

/**
 * The text of a string in the payload's push script, without its quotes:
 * JSON's escaping and then Next.js's, both a character at a time, so the
 * string's parts can be escaped apart (each cut next to a piece's ASCII).
 */
const inPushScript = (text: string) => htmlEscapeJson(JSON.stringify(text).slice(1, -1));

const PUSH_OPEN = Buffer.from('self.__next_f.push([1,"', "utf8");
const PUSH_CLOSE = Buffer.from('"])', "utf8");
const SCRIPT_OPEN = Buffer.from("<script>", "utf8");
const SCRIPT_CLOSE = Buffer.from("</script>", "utf8");

/** One form of the page (its region short, or long: a Flight text row), cut where the query shows. */
interface Template {
  html: EncodedCut;
  /** The decoded payload's parts, as the push script's string has them. */
  payload: EncodedCut;
  /** The Flight row id of the region's text row (long form only). */
  textRow: string | null;
  /** The page's title for a query ("Search: q · Advisory Tracker"). */
  title: (q: string) => string;
  status: number;
  /** Next.js's headers with the security headers (the CSP is each page's own: see policy). */
  headers: UpstreamAnswer["headers"];
  /** The hashes of the template's inline scripts before and after the payload's place, and of its styles: a page's CSP is these and its payload script's. */
  inline: { before: string[]; after: string[]; styles: string[] };
}

const PAYLOAD_PLACE = "\u0000payload\u0000";

/** The pieces of the visible HTML that depend on the query (the payload's place is one more). */
function htmlPieces(q: Query, title: string, region: string): Record<string, string> {
  return {
    title: `<title>${escapeReact(title)}</title>`,
    input: ` value="${escapeReact(q.q)}"`,
    region: `${REGION_OPEN}${region}</div>`,
    payload: PAYLOAD_PLACE,
  };
}

/** The pieces of the decoded RSC payload that depend on the query. */
function payloadPieces(q: Query, title: string, region: string, textRow: string | null): Record<string, string> {
  return {
    canonical: `"c":${JSON.stringify(`/search?${q.search.toString()}`.split("/"))}`,
    search: `"q":${JSON.stringify(renderedSearch(q.search))}`,
    value: `"defaultValue":${flightString(q.q)}`,
    title: `{"children":${flightString(title)}}`,
    region: textRow ? `${textRow}:T${Buffer.byteLength(region, "utf8").toString(16)},${region}` : `"__html":${flightString(region)}`,
  };
}

/** The page's HTML with its payload scripts taken out (their place marked once), and the payload they carried. */
function separatePayload(html: string): { visible: string; payload: string } | null {
  const bytes: Buffer[] = [];
  let visible = "";
  let from = 0;
  for (const match of html.matchAll(FLIGHT_SCRIPT)) {
    const [kind, data] = JSON.parse(match[1] ?? "[]") as [number, string];
    bytes.push(kind === 1 ? Buffer.from(data, "utf8") : Buffer.from(data, "base64"));
    const at = match.index ?? 0;
    visible += html.slice(from, at) + (bytes.length === 1 ? PAYLOAD_PLACE : "");
    from = at + match[0].length;
  }
  if (bytes.length === 0) return null;
  return { visible: visible + html.slice(from), payload: Buffer.concat(bytes).toString("utf8") };
}

const unescapeReact = (text: string) => text.replace(/&lt;|&gt;|&quot;|&#x27;|&amp;/g, (e) => ({ "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&amp;": "&" })[e] ?? e);

async function buildTemplate(options: SplicerOptions, query: string, long: boolean): Promise<Template | null> {
  const q = readKey(`/search?${new URLSearchParams({ q: query }).toString()}`);
  if (!q) return null;
  const { html: region, redirect } = await options.region(q.q, q.page);
  if (redirect || region.length >= FLIGHT_TEXT_ROW !== long) return null;
  const page = await options.fetchPage(q.key);
  if (page.status !== 200) return null;
  const separated = separatePayload(page.body.toString("utf8"));
  if (!separated) return null;
  const shown = unescapeReact(/<title>([^<]*)<\/title>/.exec(separated.visible)?.[1] ?? "");
  const marker = `Search: ${q.q}`;
  const at = shown.indexOf(marker);
  if (at < 0) return null;
  const title = (text: string) => `${shown.slice(0, at)}Search: ${text}${shown.slice(at + marker.length)}`;
  const textRow = long ? (new RegExp(`(?:^|\\n)([0-9a-f]+):T${Buffer.byteLength(region, "utf8").toString(16)},`).exec(separated.payload)?.[1] ?? null) : null;
  if (long && !textRow) return null;
  const html = cutAt(separated.visible, htmlPieces(q, title(q.q), region));
  const payload = cutAt(separated.payload, payloadPieces(q, title(q.q), region, textRow));
  if (!html || !payload) return null;
  // The template's own validators and length are not the spliced page's.
  const headers = { ...page.headers };
  delete headers.etag;
  delete headers["content-length"];
  delete headers["last-modified"];
  const type = headers["content-type"];
  Object.assign(headers, securityHeaders(typeof type === "string" ? type : undefined, null));
  // What depends on the query (the title, the input, the region) holds no inline script or style, escaped as it is.
  const [before = "", after = ""] = separated.visible.split(PAYLOAD_PLACE);
  const inline = { before: inlineHashes(before).scripts, after: inlineHashes(after).scripts, styles: inlineHashes(separated.visible).styles };
  return { html: encodeCut(html), payload: encodeCut(payload, inPushScript), textRow, title, status: page.status, headers, inline };
}

/** A spliced page and its CSP: the template's inline scripts and styles, and the page's own payload script, hashed once. */
function splice(template: Template, q: Query, region: string): { body: Buffer; policy: string } {
  const title = template.title(q.q);
  const code = [PUSH_OPEN, ...joinEncoded(template.payload, payloadPieces(q, title, region, template.textRow), inPushScript), PUSH_CLOSE];
  const body = Buffer.concat(joinEncoded(template.html, { ...htmlPieces(q, title, region), payload: [SCRIPT_OPEN, ...code, SCRIPT_CLOSE] }));
  const { before, after, styles } = template.inline;
  return { body, policy: policyFor({ scripts: [...new Set([...before, inlineHash(code), ...after])], styles }) };
}

/**
 * The splicer: for a /search cache key, the page spliced from this data
 * version's templates, or null where Next.js must render it (then the front
 * server asks it as before).
 */
export function createSearchSplicer(options: SplicerOptions): (key: string, version: string | null) => Promise<UpstreamAnswer | null> {
  let forVersion: string | null = null;
  let templates: Promise<{ short: Template | null; long: Template | null }> | null = null;
  const load = async () => {
    const short = await buildTemplate(options, TEMPLATE_QUERY, false).catch(() => null);
    let long: Template | null = null;
    for (const query of LONG_TEMPLATE_QUERIES) {
      long = await buildTemplate(options, query, true).catch(() => null);
      if (long) break;
    }
    return { short, long };
  };
  return async (key, version) => {
    const q = readKey(key);
    if (!q || version === null) return null;
    if (forVersion !== version || !templates) {
      forVersion = version;
      templates = load();
    }
    // A query that fails here (the database, say) is Next.js's to render and answer, as before.
    const read = await Promise.all([templates, options.region(q.q, q.page)]).catch(() => null);
    if (!read) return null;
    const [{ short, long }, { html: region, redirect }] = read;
    if (redirect) return null;
    const template = region.length >= FLIGHT_TEXT_ROW ? long : short;
    if (!template) return null;
    const { body, policy } = splice(template, q, region);
    return { status: template.status, headers: { ...template.headers, "content-security-policy": policy, [SPLICED_HEADER]: "search-splice" }, body };
  };
}
