// nginx for the comparison, on a loopback port of its own, with its own
// configuration and folders in a temporary directory; started and stopped
// by the benchmark. Two modes: serving files (the same bytes the app
// serves, and a gzip -9 copy beside each for gzip_static), and the shipped
// deploy/nginx.conf (a brief cache in front of the app that revalidates
// with the app's ETags) on loopback ports.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { childServer, type RunningServer } from "./child-server";

export interface SiteFile {
  /** The path nginx serves it at: "/t3.html". */
  urlPath: string;
  body: Buffer;
}

/** nginx, running. */
export type RunningNginx = RunningServer;

export function hasNginx(): boolean {
  return spawnSync("nginx", ["-v"]).status === 0;
}

// As root, nginx's workers would switch to "nobody", who cannot read a private temporary folder.
const user = process.getuid?.() === 0 ? "user root root;" : "";

const common = (dir: string) => `
${user}
daemon off;
master_process on;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  sendfile on;
  tcp_nopush on;
  types {
    text/html html;
    application/xml xml;
    application/json json;
    text/plain txt;
    text/css css;
    application/javascript js;
  }
  default_type application/octet-stream;
`;

/** The configuration for serving `root` (gzip_static: the .gz copy when the client takes gzip). */
export function filesConfig(dir: string, root: string, port: number): string {
  return `${common(dir)}
  server {
    listen 127.0.0.1:${port};
    root ${root};
    gzip_static on;
    gzip_vary on;
    location / { try_files $uri =404; }
  }
}
`;
}

export function writeSite(root: string, files: SiteFile[]): void {
  mkdirSync(root, { recursive: true });
  for (const file of files) {
    const target = path.join(root, file.urlPath);
    writeFileSync(target, file.body);
    writeFileSync(`${target}.gz`, gzipSync(file.body, { level: 9 }));
  }
}

export async function startNginx(dir: string, config: string, port: number): Promise<RunningNginx> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, config);
  const child: ChildProcess = spawn("nginx", ["-p", dir, "-e", path.join(dir, "error.log"), "-c", file], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  return childServer(child, { name: "nginx", url: `http://127.0.0.1:${port}`, probe: "/", timeoutMs: 10_000, stopSignal: "SIGQUIT", output: () => errors });
}

/** Where the shipped configuration keeps its cache (the test and the bench put it in their own folder). */
export const SHIPPED_CACHE_PATH = "/var/cache/nginx/advisory-tracker";

/** deploy/nginx.conf, as shipped. */
export function shippedConfig(root: string): string {
  return readFileSync(path.join(root, "deploy", "nginx.conf"), "utf8");
}

/**
 * The shipped deploy/nginx.conf on a loopback port, its two upstream servers
 * (3001, 3002) replaced by `upstreamPorts` (the same port twice for one app),
 * its cache in `dir`, inside this file's common http block.
 */
export function deployConfig(dir: string, shipped: string, port: number, upstreamPorts: [number, number]): string {
  const site = shipped
    .replace("127.0.0.1:3001", `127.0.0.1:${upstreamPorts[0]}`)
    .replace("127.0.0.1:3002", `127.0.0.1:${upstreamPorts[1]}`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(SHIPPED_CACHE_PATH, path.join(dir, "cache"));
  if (!site.includes(`127.0.0.1:${upstreamPorts[1]}`) || !site.includes(`listen 127.0.0.1:${port};`) || site.includes(SHIPPED_CACHE_PATH)) {
    throw new Error(`deploy/nginx.conf no longer has the upstream servers 127.0.0.1:3001 and :3002, \`listen 80;\` and the cache folder ${SHIPPED_CACHE_PATH} that the test and the bench replace`);
  }
  return `${common(dir)}\n${site}\n}\n`;
}
