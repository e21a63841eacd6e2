// The graceful stop: a request that comes on a busy keep-alive connection
// after the stop began is answered, with "connection: close", even when the
// server answers it at once (a cache hit writes its head in the same turn);
// the connection then ends. Before, the stop's own header came after that
// head and threw: the process died in the middle of its drain.
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { test } from "node:test";
import { graceful } from "@/lib/server/graceful";

test("a request answered at once during the stop gets connection: close, and nothing throws", async () => {
  const server = http.createServer((req, res) => {
    if (req.url === "/slow") return void setTimeout(() => res.end("slow"), 300);
    res.writeHead(200, ["content-type", "text/plain"]);
    res.end("fast");
  });
  const stop = graceful(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const errors: unknown[] = [];
  const onError = (error: unknown) => errors.push(error);
  process.on("uncaughtException", onError);
  try {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = stop.close(5000);
    // The connection is busy (its /slow is under way), so the stop leaves it open: the next request comes on it.
    socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    await ended;
    await closed;
    assert.deepEqual(errors, []);
    const answers = received.split("HTTP/1.1 ").filter(Boolean);
    assert.equal(answers.length, 2, received);
    assert.match(answers[0] ?? "", /\r\n\r\nslow$/);
    assert.match(answers[1] ?? "", /^200 OK\r\n/);
    assert.match(answers[1] ?? "", /\r\nconnection: close\r\n/i);
    assert.match(answers[1] ?? "", /fast/);
  } finally {
    process.off("uncaughtException", onError);
  }
});
