// The plain request heads the front server answers without node:http
// (lib/http/request-head.ts) are read exactly as node:http reads them: for
// some 3,000 generated heads, valid, odd and malformed, every head read here
// is read by node:http's own server from the same bytes as one request with
// the same method, target and headers, followed by the next request on the
// connection (the same framing). What node:http would refuse or read
// otherwise is never read here; what is in doubt is left to it.
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { after, before, test } from "node:test";
import { readRequestHead, type RequestHead } from "@/lib/http/request-head";

const DECLINED = new Set(["rsc", "next-action"]);
const NONE = new Set<string>();

let server: http.Server;
let port: number;
type Read = { method: string; url: string; headers: http.IncomingHttpHeaders };
/** What node:http read on the last connection (the cases run one at a time). */
let lastConnection: Read[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    lastConnection.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    res.end();
  });
  server.on("connection", () => (lastConnection = []));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Sends a head and a follower on one connection; resolves with what node:http read once it answered both or closed. */
function sendToNode(head: string): Promise<Read[]> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if ((received.match(/HTTP\/1\.1 /g) ?? []).length >= 2) socket.end();
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(lastConnection));
    socket.write(Buffer.from(`${head}GET /__end HTTP/1.1\r\nHost: e\r\n\r\n`, "latin1"));
    setTimeout(() => socket.destroy(), 2000).unref();
  });
}

/** A small deterministic generator (mulberry32), so a failure names a case that comes back. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ["GET", "GET", "GET", "HEAD", "POST", "get", "OPTIONS", "GET ", "G\u00e9T"];
const TARGETS = [
  "/", "/qsb", "/qsb?year=2019&signature=verified", "/search?q=memory+leak", "/%41%2F", "/xsa/XSA-306", "/a b", "/\u00e4",
  "*", "http://x/qsb", "/\t", "/x#y", "/[v]", '/"q"', "/{x}", "/a|b", "/a\\b", "/~user/.././", "/?", "/a^b", "/`", "/<p>", "",
];
const VERSIONS = ["HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "http/1.1", "HTTP/2", "HTTP/1.10", "HTTP/1.1 "];
const SEPARATORS = [" ", " ", " ", "  ", "\t"];
const HOSTS = ["Host: h", "host:x", "Host:", "HOST: a, b", "Host: example.org:8080", "Host:  h  "];
const HEADERS = [
  "Accept-Encoding: gzip, deflate, br", "accept-encoding: gzip;q=0, br", "Accept-Encoding:", "Accept-Encoding:  identity  ",
  'If-None-Match: "abc"', 'If-None-Match: W/"a", "b"', "If-Modified-Since: Wed, 02 Dec 2026 06:00:16 GMT",
  "Connection: close", "Connection: keep-alive", "Connection: Keep-Alive, close", "Connection: upgrade", "Connection:",
  "User-Agent: wrk", "Accept: */*", "X-Tab: a\tb", "X-Obs: caf\u00e9", "X-Ctl: a\u0001b", "X-Trail: a \t",
  "Content-Length: 0", "Content-Length: 5", "Transfer-Encoding: chunked", "Upgrade: websocket", "Expect: 100-continue",
  "Bad Name: x", "Name : x", ":x", "X(y): z", " folded", "\tfolded", "RSC: 1", "Next-Action: abc", "X-Empty:", "X-Long: " + "v".repeat(300), "Host: again",
];
const ENDINGS = ["\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\n", "\r"];

// Half the cases draw only from the first, well-formed, part of each list; the others from all of it.
const PLAIN = { methods: 4, targets: 6, versions: 3, headers: 19 };

function generate(next: () => number): string {
  const plain = next() < 0.5;
  const pick = <T>(list: readonly T[], plainCount: number): T => list[Math.floor(next() * (plain ? plainCount : list.length))] as T;
  const ending = () => (plain || next() < 0.9 ? "\r\n" : pick(ENDINGS, 1));
  const sep = () => (plain || next() < 0.9 ? " " : pick(SEPARATORS, 1));
  let head = `${pick(METHODS, PLAIN.methods)}${sep()}${pick(TARGETS, PLAIN.targets)}${sep()}${pick(VERSIONS, PLAIN.versions)}${ending()}`;
  const count = Math.floor(next() * 6);
  if (plain || next() < 0.85) head += `${pick(HOSTS, HOSTS.length)}${ending()}`;
  for (let i = 0; i < count; i++) head += `${pick(HEADERS, PLAIN.headers)}${ending()}`;
  if (!plain && next() < 0.05) head = `\r\n${head}`;
  return `${head}\r\n`;
}

const expectedHead = (node: Read, end: number): RequestHead => ({
  method: node.method as "GET" | "HEAD",
  url: node.url,
  acceptEncoding: node.headers["accept-encoding"],
  ifNoneMatch: node.headers["if-none-match"],
  ifModifiedSince: node.headers["if-modified-since"],
  close: /(^|,)\s*close\s*(,|$)/i.test(node.headers.connection ?? ""),
  end,
});

test("every head read here, node:http reads the same from the same bytes (3,000 generated heads)", async () => {
  const next = random(20261202);
  let read = 0;
  for (let i = 0; i < 3000; i++) {
    const head = generate(next);
    const ours = readRequestHead(head, 0, DECLINED);
    // Incomplete (its blank line is not a CRLF pair) is left to node:http as well.
    if (ours === null || ours === "incomplete") continue;
    read++;
    const node = await sendToNode(head);
    const [first, follower] = node;
    assert.ok(first, `node:http did not read ${JSON.stringify(head)}`);
    assert.deepEqual(ours, expectedHead(first, head.length), JSON.stringify(head));
    // The same framing: the next request on the connection is the follower (none after a close).
    if (ours.close) assert.ok(!follower || follower.url === "/__end", JSON.stringify(head));
    else assert.equal(follower?.url, "/__end", `node:http read ${node.length} requests from ${JSON.stringify(head)} and its follower`);
  }
  // Enough of them are plain requests for the comparison to mean something.
  assert.ok(read >= 300, `only ${read} heads read`);
});

test("what it leaves to node:http, and what it reads", () => {
  const plain = "GET /qsb?year=2019 HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nIf-None-Match: \"e\"\r\n\r\n";
  const head = readRequestHead(plain + plain, 0, NONE);
  assert.ok(head && head !== "incomplete");
  assert.deepEqual(head, { method: "GET", url: "/qsb?year=2019", acceptEncoding: "gzip, br", ifNoneMatch: '"e"', ifModifiedSince: undefined, close: false, end: plain.length });
  // The second of two pipelined requests, from where the first ended.
  assert.deepEqual(readRequestHead(plain + plain, plain.length, NONE), { ...head, end: 2 * plain.length });
  assert.equal(readRequestHead("GET / HTTP/1.1\r\nHost: x\r\n", 0, NONE), "incomplete");
  assert.equal(readRequestHead(`GET /${"a".repeat(20_000)}`, 0, NONE), null, "a head longer than node:http takes");
  for (const refused of [
    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
    "GET / HTTP/1.0\r\nHost: x\r\n\r\n",
    "GET / HTTP/1.1\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
    "GET / HTTP/1.1\nHost: x\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nAccept-Encoding: br\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n",
    "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /a\u00e4 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: x\r\nRSC: 1\r\n\r\n",
  ]) {
    assert.equal(readRequestHead(refused, 0, DECLINED), null, JSON.stringify(refused));
  }
  assert.equal((readRequestHead("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0, NONE) as RequestHead).close, true);
});
