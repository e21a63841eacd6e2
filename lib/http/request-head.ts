// The head of a plain HTTP/1.1 request, read only when it is one beyond
// doubt: GET or HEAD, an origin-form target of RFC 3986 characters, CRLF
// line ends, token header names, visible-ASCII values, one Host, no body
// (no Content-Length, no Transfer-Encoding), no Upgrade, no Expect, and a
// Connection header of keep-alive or close at most. The front server answers
// such a request from its cache without node:http (lib/server/hit-server.ts);
// anything else, or anything in doubt, is left to node:http's own parser,
// which answers it as ever (a 400 for a malformed request, say). The test
// holds every head read here to what node:http reads from the same bytes.

export interface RequestHead {
  method: "GET" | "HEAD";
  /** The request target as sent (origin-form: a path and maybe a query). */
  url: string;
  /** The few headers the hit path reads; undefined when absent. */
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  /** The client said `Connection: close`: answer, then close. */
  close: boolean;
  /** The offset just past the head's blank line. */
  end: number;
}

/** node:http's default limit on a request's head (--max-http-header-size). */
export const MAX_HEAD_BYTES = 16 * 1024;

const REQUEST_LINE = /^(GET|HEAD) (\/[A-Za-z0-9\-._~:/?[\]@!$&'()*+,;=%]*) HTTP\/1\.1$/;
// A token, a colon, optional whitespace, visible ASCII (and inner spaces and tabs), optional whitespace.
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*((?:[!-~]+(?:[ \t]+[!-~]+)*)?)[ \t]*$/;
/** Headers that frame a body or change the connection: their requests are node:http's. */
const FRAMING = new Set(["content-length", "transfer-encoding", "upgrade", "expect", "http2-settings", "te", "trailer"]);
const READ = { "accept-encoding": "acceptEncoding", "if-none-match": "ifNoneMatch", "if-modified-since": "ifModifiedSince" } as const;

/**
 * The request head that starts at `start` in `text` (bytes as latin1, so an
 * offset in the string is one in the bytes): the head, "incomplete" when its
 * blank line has not come yet, or null when it is not a plain request beyond
 * doubt. A request with one of `declined` (lower-case names) is null too.
 */
export function readRequestHead(text: string, start: number, declined: ReadonlySet<string>): RequestHead | "incomplete" | null {
  const blank = text.indexOf("\r\n\r\n", start);
  if (blank < 0) return text.length - start > MAX_HEAD_BYTES ? null : "incomplete";
  const end = blank + 4;
  if (end - start > MAX_HEAD_BYTES) return null;
  const lines = text.slice(start, blank).split("\r\n");
  const requestLine = REQUEST_LINE.exec(lines[0] ?? "");
  if (!requestLine) return null;
  const head: RequestHead = {
    method: requestLine[1] as "GET" | "HEAD",
    url: requestLine[2] as string,
    acceptEncoding: undefined,
    ifNoneMatch: undefined,
    ifModifiedSince: undefined,
    close: false,
    end,
  };
  let host = 0;
  let connection = 0;
  for (let i = 1; i < lines.length; i++) {
    const header = HEADER_LINE.exec(lines[i] as string);
    if (!header) return null;
    const name = (header[1] as string).toLowerCase();
    const value = header[2] as string;
    if (FRAMING.has(name) || declined.has(name)) return null;
    if (name === "host") {
      host++;
    } else if (name === "connection") {
      connection++;
      for (const token of value.toLowerCase().split(",")) {
        const option = token.trim();
        if (option === "close") head.close = true;
        else if (option !== "keep-alive") return null;
      }
    } else if (name in READ) {
      const field = READ[name as keyof typeof READ];
      // Repeated, node:http joins them: leave that to it.
      if (head[field] !== undefined) return null;
      head[field] = value;
    }
  }
  // node:http answers 400 without a Host (requireHostHeader); two are in doubt.
  if (host !== 1 || connection > 1) return null;
  return head;
}
