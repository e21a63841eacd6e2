// Search over bulletins and advisories: IDs in every spelling, CVE IDs, and
// free text over titles and bodies. Each result says why it matched.
import { getDb } from "@/lib/db";
import { advisoryId, bulletinId } from "@/lib/ids";
import { markSnippet, type SnippetPart } from "@/lib/text/snippet";
import { plainMarkdown } from "@/lib/text/plain-markdown";
import { searchAdvisoryReasons } from "./announcements";
import { searchAdvisoryTitles, searchBulletinText } from "./search-text";

export interface SearchResult {
  kind: "bulletin" | "advisory";
  /** The bulletin's or advisory's number. */
  number: number;
  id: string;
  href: string;
  title: string | null;
  date: string | null;
  why: string;
  /** Around the first match, cut at word boundaries, the matched words marked. */
  snippet: SnippetPart[] | null;
  exact: boolean;
}

export interface SearchOutcome {
  query: string;
  /** How the query was read: "xsa", "qsb", "number", "cve", "text" or "empty". */
  interpretation: "xsa" | "qsb" | "number" | "cve" | "text" | "empty";
  /** Where an unambiguous exact ID should take the reader. */
  redirect: string | null;
  results: SearchResult[];
}

const QSB_QUERY = /^\s*(?:qsb[\s#:-]*|#\s*)0*(\d{1,4})\s*$/i;
const XSA_QUERY = /^\s*xsa[\s#:-]*0*(\d{1,5})\s*$/i;
const NUMBER_QUERY = /^\s*0*(\d{1,5})\s*$/;
const CVE_QUERY = /^\s*(CVE-\d{4}-\d{4,})\s*$/i;
export const MAX_QUERY_LENGTH = 200;

export async function searchAll(rawQuery: string): Promise<SearchOutcome> {
  const query = rawQuery.slice(0, MAX_QUERY_LENGTH).trim();
  if (!query) return { query, interpretation: "empty", redirect: null, results: [] };

  const qsb = QSB_QUERY.exec(query);
  if (qsb) {
    const n = Number(qsb[1]);
    const hit = await bulletinResult(n, `is bulletin number ${n}`);
    return { query, interpretation: "qsb", redirect: hit ? hit.href : null, results: hit ? [hit] : [] };
  }
  const xsa = XSA_QUERY.exec(query);
  if (xsa) {
    const n = Number(xsa[1]);
    const hit = await advisoryResult(n, `is advisory number ${n}`);
    return { query, interpretation: "xsa", redirect: hit ? hit.href : null, results: hit ? [hit, ...(await bulletinsForAdvisory(n))] : [] };
  }
  const number = NUMBER_QUERY.exec(query);
  if (number) {
    // A bare number is an XSA number first (the common case), then a QSB number.
    const n = Number(number[1]);
    const results = [await advisoryResult(n, `is XSA number ${n}`), ...(await bulletinsForAdvisory(n)), await bulletinResult(n, `is QSB number ${n}`)];
    return { query, interpretation: "number", redirect: null, results: dedupe(results.filter((r): r is SearchResult => r !== null)) };
  }
  const cve = CVE_QUERY.exec(query);
  if (cve) {
    const id = (cve[1] ?? "").toUpperCase();
    const db = getDb();
    const advisories = await db.advisoryCve.findMany({ where: { cve: id }, include: { advisory: true }, orderBy: { advisoryNumber: "asc" } });
    const results: SearchResult[] = [];
    for (const { advisory: a, ...found } of advisories) {
      const source = found.source === "bulletin" && found.bulletinNumber !== null ? `as ${bulletinId(found.bulletinNumber)} line ${found.line ?? "?"} quotes it` : "per Xen's index";
      results.push({ kind: "advisory", number: a.number, id: advisoryId(a.number), href: `/xsa/${a.number}`, title: a.title, date: a.date, why: `has ${id} among its CVEs (${source})`, snippet: null, exact: true });
      results.push(...(await bulletinsForAdvisory(a.number)));
    }
    results.push(...(await textResults([id], `mentions ${id}`)));
    return { query, interpretation: "cve", redirect: null, results: dedupe(results) };
  }
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  const [text, reasons] = await Promise.all([textResults(words, null), reasonResults(words)]);
  return { query, interpretation: "text", redirect: null, results: dedupe([...reasons, ...text]).slice(0, 100) };
}

/** XSAs whose "not affected" reason in the Qubes news has every word ("oxenstored", "shadow paging"). */
async function reasonResults(words: string[]): Promise<SearchResult[]> {
  const hits = await searchAdvisoryReasons(words);
  return hits.map((h) => ({
    kind: "advisory" as const,
    number: h.number,
    id: h.id,
    href: `/xsa/${h.number}`,
    title: h.title,
    date: h.date,
    why: `has ${quoteAll(words)} in the reason the Qubes news gives for it not affecting Qubes OS`,
    snippet: markSnippet(plainMarkdown(h.reason), words),
    exact: false,
  }));
}

async function bulletinResult(n: number, why: string): Promise<SearchResult | null> {
  const b = await getDb().bulletin.findUnique({ where: { number: n }, select: { number: true, title: true, date: true } });
  if (!b) return null;
  return { kind: "bulletin", number: n, id: bulletinId(n), href: `/qsb/${n}`, title: b.title, date: b.date, why, snippet: null, exact: true };
}

async function advisoryResult(n: number, why: string): Promise<SearchResult | null> {
  const a = await getDb().advisory.findUnique({ where: { number: n }, select: { title: true, date: true, qubesAffected: true } });
  if (!a) return null;
  return { kind: "advisory", number: n, id: advisoryId(n), href: `/xsa/${n}`, title: a.title, date: a.date, why, snippet: null, exact: true };
}

async function bulletinsForAdvisory(n: number): Promise<SearchResult[]> {
  const links = await getDb().bulletinAdvisory.findMany({
    where: { advisoryNumber: n },
    include: { bulletin: { select: { title: true, date: true } } },
    orderBy: { bulletinNumber: "desc" },
  });
  return links
    .sort((a, b) => (a.relation === b.relation ? b.bulletinNumber - a.bulletinNumber : a.relation === "covers" ? -1 : 1))
    .map((l) => ({
      kind: "bulletin" as const,
      number: l.bulletinNumber,
      id: bulletinId(l.bulletinNumber),
      href: `/qsb/${l.bulletinNumber}`,
      title: l.bulletin.title,
      date: l.bulletin.date,
      why: l.relation === "covers" ? `covers ${advisoryId(n)}` : `mentions ${advisoryId(n)} for context`,
      snippet: null,
      exact: false,
    }));
}

/**
 * Every word must occur in the title or the body; title hits rank first
 * (search-text.ts, by index). Only the 100 results kept get their snippet
 * marked: at ten times the data a common word has hundreds of hits.
 */
async function textResults(words: string[], why: string | null): Promise<SearchResult[]> {
  const lower = words.map((w) => w.toLowerCase());
  const [bulletins, advisories] = await Promise.all([searchBulletinText(lower), searchAdvisoryTitles(lower)]);
  const scored: { result: SearchResult; score: number; excerpt: (() => string | null) | null }[] = [];
  for (const b of bulletins) {
    scored.push({
      score: b.inTitle * 1000 + b.occurrences,
      excerpt: b.excerpt,
      result: {
        kind: "bulletin",
        number: b.number,
        id: bulletinId(b.number),
        href: `/qsb/${b.number}`,
        title: b.title,
        date: b.date,
        why: why ?? (b.inTitle === lower.length ? `has ${quoteAll(words)} in its title` : `has ${quoteAll(words)} in its title or text`),
        snippet: null,
        exact: false,
      },
    });
  }
  for (const a of advisories) {
    scored.push({
      score: 1000 * lower.length - 1,
      excerpt: null,
      result: { kind: "advisory", number: a.number, id: advisoryId(a.number), href: `/xsa/${a.number}`, title: a.title, date: a.date, why: why ?? `has ${quoteAll(words)} in its title`, snippet: null, exact: false },
    });
  }
  return scored
    .sort((x, y) => y.score - x.score || (y.result.date ?? "").localeCompare(x.result.date ?? ""))
    .slice(0, 100)
    .map((s) => (s.excerpt ? { ...s.result, snippet: markSnippet(s.excerpt(), lower) } : s.result));
}

function quoteAll(words: string[]): string {
  return words.map((w) => `“${w}”`).join(" and ");
}

function dedupe(results: SearchResult[]): SearchResult[] {
  const seen = new Set<string>();
  return results.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
