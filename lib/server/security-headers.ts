// Security headers for every response, and a hash-based Content-Security-Policy
// for HTML: the hashes of exactly the inline scripts the page carries, so no
// 'unsafe-inline' and no per-request nonce (which would defeat the cache).
import { createHash } from "node:crypto";

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const INLINE_STYLE = /<style[^>]*>([\s\S]*?)<\/style>/gi;

/** A CSP source for one inline script's or style's text (or its UTF-8 bytes, in chunks). */
export function inlineHash(body: string | readonly Buffer[]): string {
  const hash = createHash("sha256");
  if (typeof body === "string") hash.update(body, "utf8");
  else for (const chunk of body) hash.update(chunk);
  return `'sha256-${hash.digest("base64")}'`;
}

function hashes(html: string, pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(pattern)) {
    const body = match[1] ?? "";
    if (body.length === 0) continue;
    found.add(inlineHash(body));
  }
  return [...found];
}

/** The hashes of a page's inline scripts and styles, each once, in the order the page has them. */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

export function inlineHashes(html: string): InlineHashes {
  return { scripts: hashes(html, INLINE_SCRIPT), styles: hashes(html, INLINE_STYLE) };
}

export function contentSecurityPolicy(html: string | null): string {
  return policyFor(html ? inlineHashes(html) : { scripts: [], styles: [] });
}

/** The CSP allowing exactly these inline scripts and styles. */
export function policyFor({ scripts, styles }: InlineHashes): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scripts.join(" ")}`.trim(),
    `style-src 'self' ${styles.join(" ")}`.trim(),
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response gets; HTML also gets its CSP. */
export function securityHeaders(contentType: string | undefined, html: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
  };
  if (contentType?.startsWith("text/html")) headers["content-security-policy"] = contentSecurityPolicy(html);
  else headers["content-security-policy"] = "default-src 'none'; frame-ancestors 'none'";
  return headers;
}
