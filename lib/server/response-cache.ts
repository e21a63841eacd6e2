// A bounded in-memory cache of whole responses, emptied whenever the data
// version (the last successful sync) changes.
import { gzipSync } from "node:zlib";

export interface CachedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzipped: Buffer | null;
  etag: string;
}

export class ResponseCache {
  private entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private version: string | null = null;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 128 * 1024 * 1024,
  ) {}

  /** Empties the cache when the data changed since it was filled. */
  setVersion(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.entries.clear();
    this.bytes = 0;
  }

  get currentVersion(): string | null {
    return this.version;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Least recently used goes first: re-insert to mark as recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Omit<CachedResponse, "gzipped">): CachedResponse {
    const gzipped = entry.body.length >= 1024 ? gzipSync(entry.body) : null;
    const full: CachedResponse = { ...entry, gzipped };
    const size = full.body.length + (gzipped?.length ?? 0);
    if (size > this.maxBytes / 8) return full;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length + (old.gzipped?.length ?? 0);
      this.entries.delete(key);
    }
    this.entries.set(key, full);
    this.bytes += size;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      const dropped = this.entries.get(oldest);
      this.bytes -= (dropped?.body.length ?? 0) + (dropped?.gzipped?.length ?? 0);
      this.entries.delete(oldest);
    }
    return full;
  }

  get size(): number {
    return this.entries.size;
  }
}
