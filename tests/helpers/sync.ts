import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_MASTER_FINGERPRINT } from "@/lib/env";
import type { SyncOptions } from "@/lib/secpack/sync";
import { pluggedSources } from "@/lib/secpack/sources";
import { PROJECT_ROOT, QSB_INDEX_FILE, SECPACK_DIR, SUPPORTED_RELEASES_FILE, XSA_TRACKER_FILE } from "./fixtures";
import type { AnyTestDatabase } from "./db";

/** Sync options over the real fixtures, into a test database (PostgreSQL: no file; its lock is an advisory lock). */
export function fixtureSyncOptions(test: AnyTestDatabase, overrides: Partial<SyncOptions> = {}): SyncOptions {
  return {
    secpack: SECPACK_DIR,
    xsaTracker: XSA_TRACKER_FILE,
    qsbIndex: QSB_INDEX_FILE,
    xenIndex: null,
    masterFingerprint: DEFAULT_MASTER_FINGERPRINT,
    dataDir: test.dir,
    databaseFile: test.file ?? path.join(test.dir, "tracker.db"),
    sources: pluggedSources({ supportedReleases: SUPPORTED_RELEASES_FILE }),
    ...overrides,
  };
}

/** A writable copy of the real secpack in a temporary folder (never in the project). */
export function copySecpack(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "secpack-copy-"));
  cpSync(SECPACK_DIR, dir, { recursive: true });
  return dir;
}

/**
 * Runs the sync CLI (`npm run sync`'s entry) as another process would, over
 * the real secpack, XSA tracker, QSB index and supported-releases page
 * (no Xen index, news posts or canary index), into `databaseUrl`.
 * Resolves with its exit code and everything it printed.
 */
export function runSyncCli(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const sync = spawn(process.execPath, ["--import", "tsx", "lib/secpack/cli.ts", "--json"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SECPACK_SOURCE: SECPACK_DIR,
      XSA_TRACKER_SOURCE: XSA_TRACKER_FILE,
      QSB_INDEX_SOURCE: QSB_INDEX_FILE,
      SUPPORTED_RELEASES_SOURCE: SUPPORTED_RELEASES_FILE,
      XEN_INDEX_SOURCE: "none",
      POSTS_SOURCE: "none",
      CANARY_INDEX_SOURCE: "none",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  sync.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  sync.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    sync.once("error", reject);
    sync.once("exit", (code) => resolve({ code, output }));
  });
}
