// The graceful stop of an HTTP server, as the primary process and each worker
// do it: no new connections, every answer from then on ends its connection
// (keep-alive clients reconnect elsewhere), idle connections closed at once,
// the requests under way answered, and after `graceMs` whatever still hangs
// is cut.
import type http from "node:http";

export interface GracefulServer {
  /** Stops accepting, lets the requests under way finish (at most `graceMs`), resolves once closed. */
  close(graceMs: number): Promise<void>;
}

export function graceful(server: http.Server): GracefulServer {
  let closing = false;
  // First: the server's own listener may answer at once (a cache hit), and a header set after that throws.
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing) res.setHeader("connection", "close");
  });
  return {
    async close(graceMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(idle);
      clearTimeout(deadline);
    },
  };
}
