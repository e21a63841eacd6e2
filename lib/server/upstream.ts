// One GET of a loopback upstream (Next.js, or the primary's front server
// behind a worker), the whole body collected: the front server's misses
// (front.ts fetchUpstream) and the search splicer's template pages
// (search-splice.ts) both ask through it.
import http from "node:http";

/** A rendered answer, as the upstream (Next.js, the primary's front server or renderMiss) gave it. */
export interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET `path` from the upstream with these request headers; the status, headers and whole body. */
export function getFromUpstream(upstream: { host: string; port: number }, path: string, headers: http.OutgoingHttpHeaders = {}): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: upstream.host, port: upstream.port, method: "GET", path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}
