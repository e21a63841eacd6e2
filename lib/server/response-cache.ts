// A bounded in-memory cache of whole responses, each with its compressed
// copies, emptied whenever the data version changes.
import type { Encoded } from "./compress";

export interface CachedResponse extends Encoded {
  status: number;
  headers: Record<string, string>;
  etag: string;
}

const sizeOf = (entry: CachedResponse) => entry.body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0);

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

  /** Keeps the entry unless it alone would take an eighth of the cache. */
  set(key: string, entry: CachedResponse): CachedResponse {
    const size = sizeOf(entry);
    if (size > this.maxBytes / 8) return entry;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= sizeOf(old);
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      const dropped = this.entries.get(oldest);
      if (dropped) this.bytes -= sizeOf(dropped);
      this.entries.delete(oldest);
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
