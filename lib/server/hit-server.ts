// An HTTP server whose cache hits are answered straight from the socket, and
// everything else by node:http. Each chunk a connection reads is scanned for
// plain GET and HEAD requests (lib/http/request-head.ts); as long as each is
// complete and answered synchronously by `hit`, its answer is written at once
// (the cached head bytes, a Date line, the body) with no IncomingMessage, no
// ServerResponse and no parser of node:http's. The first request that is not
// such a hit (a miss, a POST, a request split across reads, anything in
// doubt) hands the connection, from that request on, to node:http for the
// rest of its life, which then answers it as any http.Server does.
// Measured here (wrk, 2 workers, a 30 KB body): node:http 34-37k req/s with
// p99 at 256 connections of 44 to 250 ms against nginx's 15 to 18 ms; a
// socket answering directly 49-61k req/s, p99 11 to 17 ms.
import http from "node:http";
import type net from "node:net";
import { readRequestHead, type RequestHead } from "@/lib/http/request-head";

/** An answer to write: its status, its headers as writeHead's flat list, its body (none for HEAD or a 304). */
export interface Reply {
  status: number;
  headers: string[];
  body: Buffer | undefined;
}

export interface HitServerOptions<R extends Reply> {
  /**
   * The answer for a plain request when it is a hit known now; null when it
   * is not (node:http then takes the connection); a promise when it cannot
   * be known yet (the data version being read): the connection waits for it
   * and asks again with `read` true (answer with what was just read, do not
   * wait again), or goes to node:http if it rejects.
   */
  hit: (head: RequestHead, read: boolean) => R | null | Promise<unknown>;
  /** Request headers whose requests are always node:http's (lower-case names). */
  declined: ReadonlySet<string>;
  /** Called once a hit is written, with the time it took in ms. */
  answered?: (head: RequestHead, reply: R, ms: number) => void;
}

/** The status line and header lines of a reply's header list, made once per list. */
const HEADS = new WeakMap<string[], Buffer>();

function headBytes(reply: Reply): Buffer {
  let head = HEADS.get(reply.headers);
  if (!head) {
    let text = `HTTP/1.1 ${reply.status} ${http.STATUS_CODES[reply.status] ?? ""}\r\n`;
    for (let i = 0; i < reply.headers.length; i += 2) text += `${reply.headers[i]}: ${reply.headers[i + 1]}\r\n`;
    head = Buffer.from(text, "latin1");
    HEADS.set(reply.headers, head);
  }
  return head;
}

/** The Date header as node:http writes it, made at most once a second. */
let dateSecond = -1;
let dateLine = "";
function currentDateLine(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `date: ${new Date(second * 1000).toUTCString()}\r\n`;
  }
  return dateLine;
}

export class HitServer<R extends Reply = Reply> extends http.Server {
  /** Connections still answered here (not yet node:http's). */
  private readonly direct = new Set<net.Socket>();

  constructor(requestListener: http.RequestListener, private readonly options: HitServerOptions<R>) {
    super(requestListener);
    // node:http's own connection listener, called for a connection handed over.
    const [toHttp] = this.listeners("connection") as ((socket: net.Socket) => void)[];
    if (!toHttp) throw new Error("node:http did not listen for connections");
    this.removeAllListeners("connection");
    this.on("connection", (socket: net.Socket) => this.answerDirectly(socket, toHttp));
  }

  /** Idle connections, those answered here included (all of them: an answer here is never under way). */
  override closeIdleConnections(): void {
    for (const socket of this.direct) socket.end();
    super.closeIdleConnections();
  }

  override closeAllConnections(): void {
    for (const socket of this.direct) socket.destroy();
    super.closeAllConnections();
  }

  private answerDirectly(socket: net.Socket, toHttp: (socket: net.Socket) => void): void {
    this.direct.add(socket);
    const { hit, declined, answered } = this.options;
    // As node:http ends a head: Keep-Alive says the idle timeout when there is one.
    const keepAlive = `connection: keep-alive\r\n${this.keepAliveTimeout > 0 ? `keep-alive: timeout=${Math.floor(this.keepAliveTimeout / 1000)}\r\n` : ""}\r\n`;
    const close = () => socket.destroy();
    /** A request waits for `hit` to know (the socket paused meanwhile): the client's end and the idle timeout wait too. */
    let waiting = false;
    let endedWhileWaiting = false;
    // An http.Server's sockets are half-open: the client's end is not ours, so end too (after what is written).
    const ended = () => {
      if (waiting) endedWhileWaiting = true;
      else socket.end();
    };
    const forget = () => this.direct.delete(socket);
    const onData = (chunk: Buffer, read = false) => {
      if (socket.writableEnded) return;
      const text = chunk.toString("latin1");
      let at = 0;
      while (at < text.length) {
        const started = answered ? performance.now() : 0;
        const head = readRequestHead(text, at, declined);
        if (head === null || head === "incomplete") break;
        // Only the request that waited is asked with `read`: each wait answers it, so none waits for ever.
        const reply = hit(head, read && at === 0);
        if (reply instanceof Promise) {
          wait(reply, at === 0 ? chunk : chunk.subarray(at));
          return;
        }
        if (!reply) break;
        socket.cork();
        socket.write(headBytes(reply));
        socket.write(currentDateLine() + (head.close ? "connection: close\r\n\r\n" : keepAlive), "latin1");
        if (reply.body) socket.write(reply.body);
        socket.uncork();
        answered?.(head, reply, performance.now() - started);
        at = head.end;
        if (head.close) {
          socket.end();
          return;
        }
        // A client that sends faster than it reads: node:http holds such a pipeline back.
        if (socket.writableNeedDrain) break;
      }
      if (at < text.length) handOver(at === 0 ? chunk : chunk.subarray(at));
    };
    // Handing the connection over here instead would leave it with node:http
    // for good: after an idle moment, every connection that a load opens at
    // once asks while the version is read, and all were answered by node:http
    // at about twice the CPU per hit (measured with wrk on /feed.xml).
    const wait = (known: Promise<unknown>, rest: Buffer) => {
      waiting = true;
      socket.pause();
      socket.setTimeout(0);
      const again = (asked: boolean) => {
        waiting = false;
        if (socket.destroyed || !this.direct.has(socket)) return;
        socket.setTimeout(this.keepAliveTimeout);
        if (asked) onData(rest, true);
        else handOver(rest);
        if (waiting || !this.direct.has(socket)) return;
        if (endedWhileWaiting) socket.end();
        else socket.resume();
      };
      known.then(
        () => again(true),
        () => again(false),
      );
    };
    const handOver = (rest: Buffer) => {
      socket.pause();
      socket.off("data", onData);
      socket.off("error", close);
      socket.off("timeout", close);
      socket.off("end", ended);
      socket.off("close", forget);
      socket.setTimeout(0);
      forget();
      socket.unshift(rest);
      toHttp.call(this, socket);
      socket.resume();
    };
    socket.on("data", onData);
    socket.on("error", close);
    // node:http's keep-alive timeout, for a connection idle between requests.
    socket.setTimeout(this.keepAliveTimeout);
    socket.on("timeout", close);
    socket.on("end", ended);
    socket.on("close", forget);
  }
}
