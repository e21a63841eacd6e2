import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_MASTER_FINGERPRINT } from "@/lib/env";
import type { SyncOptions } from "@/lib/secpack/sync";
import { pluggedSources } from "@/lib/secpack/sources";
import { QSB_INDEX_FILE, SECPACK_DIR, SUPPORTED_RELEASES_FILE, XSA_TRACKER_FILE } from "./fixtures";
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
