// The ceiling Node.js itself sets here: a bare node:cluster HTTP server, with
// as many workers as the app's front server, answering each URL with the
// very status, headers and bytes the app sends (plain and gzip), with no
// logic at all: no cache lookup, no validators, no log. The bench measures
// it beside the app and nginx, so a ratio to nginx the app misses can be
// read against what the runtime allows on this machine.
//   node --import tsx scripts/bench/bare-node.ts <manifest.json>   (the server; started by startBareNode)
import { spawn, type ChildProcess } from "node:child_process";
import cluster from "node:cluster";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { childServer, type RunningServer } from "./child-server";

/** One URL's answer, as the app gave it: the flat header list without content-length. */
export interface BareAnswer {
  target: string;
  status: number;
  plain: { headers: string[]; file: string };
  gzip: { headers: string[]; file: string };
}

interface Manifest {
  port: number;
  workers: number;
  answers: BareAnswer[];
}

const SET_BY_NODE = new Set(["content-length", "date", "connection", "keep-alive", "transfer-encoding"]);

/** One answer of the app as it is on the wire (never decompressed), and its headers as writeHead takes them. */
export function rawAnswer(url: string, headers: Record<string, string>): Promise<{ status: number; headers: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const flat: string[] = [];
          for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
            const name = response.rawHeaders[i] ?? "";
            if (!SET_BY_NODE.has(name.toLowerCase())) flat.push(name, response.rawHeaders[i + 1] ?? "");
          }
          resolve({ status: response.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
        });
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

export async function startBareNode(dir: string, answers: BareAnswer[], port: number, workers: number): Promise<RunningServer> {
  const manifest = path.join(dir, "bare-node.json");
  writeFileSync(manifest, JSON.stringify({ port, workers, answers } satisfies Manifest));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", import.meta.filename, manifest], { stdio: ["ignore", "ignore", "inherit"] });
  return childServer(child, { name: "the bare Node.js server", url: `http://127.0.0.1:${port}`, probe: answers[0]?.target ?? "/", timeoutMs: 30_000, stopSignal: "SIGTERM" });
}

function serve(manifest: Manifest): void {
  type Variant = { body: Buffer; headers: string[] };
  const variant = (v: BareAnswer["plain"]): Variant => {
    const body = readFileSync(v.file);
    return { body, headers: [...v.headers, "content-length", String(body.length)] };
  };
  const byTarget = new Map(manifest.answers.map((a) => [a.target, { status: a.status, plain: variant(a.plain), gzip: variant(a.gzip) }]));
  http
    .createServer((req, res) => {
      const answer = byTarget.get(req.url ?? "/");
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      const { body, headers } = String(req.headers["accept-encoding"] ?? "").includes("gzip") ? answer.gzip : answer.plain;
      res.writeHead(answer.status, headers);
      res.end(body);
    })
    .listen(manifest.port, "127.0.0.1");
}

if (process.argv[1] === import.meta.filename) {
  const manifest = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Manifest;
  if (cluster.isPrimary) {
    for (let i = 0; i < Math.max(1, manifest.workers); i++) cluster.fork();
    process.once("SIGTERM", () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
      process.exit(0);
    });
  } else {
    serve(manifest);
  }
}
