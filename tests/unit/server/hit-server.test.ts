// Cache hits answered from the socket (lib/server/hit-server.ts): the same
// bytes as node:http's answer but for the Date; pipelined requests answered
// in order when a miss comes between hits; a connection handed to node:http
// in the middle (a POST with a body, a request split across packets) loses
// nothing; Connection: close, HEAD and 304 as node:http does them; an idle
// connection closed after the keep-alive timeout and at once by a graceful
// stop, or once the client ends its side; each hit logged.
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { after, before, test } from "node:test";
import { createFrontServer, type RequestLogEntry } from "@/lib/server/front";
import { graceful } from "@/lib/server/graceful";

let upstream: http.Server;
let upstreamPort: number;
const logged: RequestLogEntry[] = [];
const PAGE = `<html><body>${"<p>advisory</p>".repeat(300)}</body></html>`;

function front(): http.Server {
  return createFrontServer({
    upstream: { host: "127.0.0.1", port: upstreamPort },
    dataVersion: () => Promise.resolve("1"),
    versionTtlMs: 60_000,
    onRequest: (entry) => logged.push(entry),
  });
}

let server: http.Server;
let port: number;

async function listen(s: http.Server): Promise<number> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return (s.address() as net.AddressInfo).port;
}

before(async () => {
  upstream = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(req.url === "/other" ? "<p>other</p>" : req.method === "POST" ? "<p>posted</p>" : PAGE);
  });
  upstreamPort = await listen(upstream);
  server = front();
  port = await listen(server);
  assert.equal((await fetch(`http://127.0.0.1:${port}/page`)).headers.get("x-cache"), "miss");
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

interface Answer {
  head: string;
  body: Buffer;
}

/** Reads HTTP/1.1 answers with a Content-Length (or none, for a 304 or a HEAD) off raw bytes. */
function parseAnswers(bytes: Buffer, heads: ("GET" | "HEAD")[]): Answer[] {
  const answers: Answer[] = [];
  let at = 0;
  for (const method of heads) {
    const end = bytes.indexOf("\r\n\r\n", at);
    if (end < 0) break;
    const head = bytes.subarray(at, end).toString("latin1");
    const length = method === "HEAD" || head.startsWith("HTTP/1.1 304") ? 0 : Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
    answers.push({ head, body: bytes.subarray(end + 4, end + 4 + length) });
    at = end + 4 + length;
  }
  return answers;
}

/** Writes each part (50 ms apart), then waits for `count` answers or the close; says whether the server closed. */
async function exchange(parts: string[], heads: ("GET" | "HEAD")[], target = port): Promise<{ answers: Answer[]; closed: boolean }> {
  const socket = net.connect(target, "127.0.0.1");
  const chunks: Buffer[] = [];
  let closed = false;
  const done = new Promise<void>((resolve) => {
    const check = () => {
      if (parseAnswers(Buffer.concat(chunks), heads).length === heads.length) resolve();
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      check();
    });
    socket.on("close", () => {
      closed = true;
      resolve();
    });
  });
  for (const [i, part] of parts.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(part);
  }
  await done;
  // A close that follows the last answer at once.
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();
  return { answers: parseAnswers(Buffer.concat(chunks), heads), closed };
}

const request = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n${extra}\r\n`;
/** Header lines without the Date, names in lower case, sorted: node:http writes Date, Connection and Keep-Alive capitalised. */
const headerSet = (head: string) =>
  head
    .split("\r\n")
    .slice(1)
    .map((line) => line.replace(/^[^:]+/, (name) => name.toLowerCase()))
    .filter((line) => !line.startsWith("date:"))
    .sort();

test("a hit from the socket is node:http's answer but for the Date, and is logged as a hit", async () => {
  logged.length = 0;
  const direct = await exchange([request("/page")], ["GET"]);
  // Split across two packets: node:http takes the connection and answers it.
  const text = request("/page");
  const viaHttp = await exchange([text.slice(0, 12), text.slice(12)], ["GET"]);
  const [a, b] = [direct.answers[0], viaHttp.answers[0]];
  assert.ok(a && b);
  assert.match(a.head, /^HTTP\/1\.1 200 OK\r\n/);
  assert.deepEqual(headerSet(a.head), headerSet(b.head));
  assert.ok(headerSet(a.head).includes("x-cache: hit") && headerSet(a.head).includes("content-encoding: gzip"));
  assert.match(a.head, /\r\ndate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT/);
  assert.deepEqual(a.body, b.body);
  assert.equal(direct.closed, false);
  assert.deepEqual(
    logged.map((entry) => [entry.method, entry.path, entry.status, entry.cache]),
    [
      ["GET", "/page", 200, "hit"],
      ["GET", "/page", 200, "hit"],
    ],
  );
});

test("pipelined: hit, miss, hit in one packet are answered in order; a POST with a body after a hit loses nothing", async () => {
  const { answers } = await exchange([request("/page") + request("/other") + request("/page")], ["GET", "GET", "GET"]);
  assert.deepEqual(
    answers.map((answer) => /\r\nx-cache: (\w+)/i.exec(answer.head)?.[1]),
    ["hit", "miss", "hit"],
  );
  assert.equal(answers.length, 3);
  // A page that takes a POST (the release page's server action), with a body that looks like a request line's end.
  const post = "POST /releases/4.2 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab\r\nc";
  const mixed = await exchange([request("/page") + post, request("/page")], ["GET", "GET", "GET"]);
  assert.deepEqual(
    mixed.answers.map((answer) => answer.head.split("\r\n")[0]),
    ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"],
  );
  assert.equal(mixed.answers[1]?.body.toString(), "<p>posted</p>");
  assert.match(mixed.answers[2]?.head ?? "", /\r\nx-cache: hit/);
});

test("a connection whose first request waits for the data version read is answered from the socket once it is read; a failed read goes to node:http", async () => {
  const ttl = 40;
  let fail = false;
  const slow = createFrontServer({
    upstream: { host: "127.0.0.1", port: upstreamPort },
    dataVersion: () => new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error("the database is gone")) : resolve("1")), 60)),
    versionTtlMs: ttl,
  });
  const slowPort = await listen(slow);
  try {
    assert.equal((await fetch(`http://127.0.0.1:${slowPort}/page`)).headers.get("x-cache"), "miss");
    // Idle for over twice the TTL: the next request waits for a read.
    await new Promise((resolve) => setTimeout(resolve, 3 * ttl));
    const waited = await exchange([request("/page") + request("/page"), request("/page")], ["GET", "GET", "GET"], slowPort);
    assert.equal(waited.answers.length, 3);
    for (const answer of waited.answers) {
      assert.match(answer.head, /\r\nx-cache: hit/);
      // node:http writes "Date:"; an answer from the socket "date:". Before, the connection was node:http's from then on.
      assert.match(answer.head, /\r\ndate: /);
    }
    assert.equal(waited.closed, false);
    fail = true;
    await new Promise((resolve) => setTimeout(resolve, 3 * ttl));
    const failed = await exchange([request("/page")], ["GET"], slowPort);
    assert.match(failed.answers[0]?.head ?? "", /^HTTP\/1\.1 503 /);
    assert.match(failed.answers[0]?.head ?? "", /\r\nDate: /);
  } finally {
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  }
});

test("with no version TTL every request waits for its own read and is answered from the socket (before, the re-asked request waited again, for ever)", async () => {
  const eager = createFrontServer({ upstream: { host: "127.0.0.1", port: upstreamPort }, dataVersion: () => Promise.resolve("1"), versionTtlMs: 0 });
  const eagerPort = await listen(eager);
  try {
    assert.equal((await fetch(`http://127.0.0.1:${eagerPort}/page`)).headers.get("x-cache"), "miss");
    const answered = await exchange([request("/page") + request("/page")], ["GET", "GET"], eagerPort);
    assert.equal(answered.answers.length, 2);
    for (const answer of answered.answers) {
      assert.match(answer.head, /\r\nx-cache: hit/);
      assert.match(answer.head, /\r\ndate: /);
    }
  } finally {
    eager.closeAllConnections();
    await new Promise((resolve) => eager.close(resolve));
  }
});

test("Connection: close is answered, then closed; HEAD and a 304 have no body and the connection goes on", async () => {
  const closing = await exchange([request("/page", "Connection: close\r\n")], ["GET"]);
  assert.equal(closing.answers.length, 1);
  assert.match(closing.answers[0]?.head ?? "", /\r\nconnection: close/i);
  assert.equal(closing.closed, true);

  const etag = (await fetch(`http://127.0.0.1:${port}/page`)).headers.get("etag");
  const head = "HEAD /page HTTP/1.1\r\nHost: x\r\n\r\n";
  const { answers, closed } = await exchange([head + request("/page", `If-None-Match: ${etag}\r\n`) + request("/page")], ["HEAD", "GET", "GET"]);
  assert.equal(closed, false);
  assert.equal(answers.length, 3);
  assert.match(answers[0]?.head ?? "", /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\ncontent-length: \d+/);
  assert.match(answers[1]?.head ?? "", /^HTTP\/1\.1 304 Not Modified\r\n/);
  assert.doesNotMatch(answers[1]?.head ?? "", /content-length/i);
  assert.equal(answers[2]?.body.length, Number(/\r\ncontent-length: (\d+)/.exec(answers[2]?.head ?? "")?.[1]));
});

test("an idle connection answered from the socket closes after the keep-alive timeout, and at once on a graceful stop", async () => {
  const other = front();
  other.keepAliveTimeout = 300;
  const otherPort = await listen(other);
  await fetch(`http://127.0.0.1:${otherPort}/page`);
  const idle = net.connect(otherPort, "127.0.0.1");
  const closedAt = new Promise<number>((resolve) => idle.on("close", () => resolve(Date.now())));
  // Read (a paused socket never sees the close).
  idle.resume();
  idle.write(request("/page"));
  const started = Date.now();
  const gone = await closedAt;
  assert.ok(gone - started >= 250 && gone - started < 3000, `closed after ${gone - started} ms`);

  other.keepAliveTimeout = 60_000;
  // A client that ends its side after its answer: the server ends too, at once, not after the keep-alive timeout.
  const leaving = net.connect(otherPort, "127.0.0.1");
  const leavingClosed = new Promise<void>((resolve) => leaving.on("close", () => resolve()));
  await new Promise((resolve) => leaving.once("data", resolve).write(request("/page")));
  const leftAt = Date.now();
  leaving.end();
  await leavingClosed;
  assert.ok(Date.now() - leftAt < 2000, `closed ${Date.now() - leftAt} ms after the client's end`);

  const held = net.connect(otherPort, "127.0.0.1");
  const heldClosed = new Promise<void>((resolve) => held.on("close", () => resolve()));
  await new Promise((resolve) => held.once("data", resolve).write(request("/page")));
  const stopping = Date.now();
  await graceful(other).close(10_000);
  await heldClosed;
  assert.ok(Date.now() - stopping < 2000, `the stop took ${Date.now() - stopping} ms`);
});
