import { approximateSize } from '../core/approximate-size.js';
import type { TaggedCache } from './shared-state.js';

/*
 * The in-process TaggedCache: one process's memory, bounded by age, by entry count and by
 * approximate size. It holds PluralKit's public views (what anyone may see is the same for
 * everyone, so 20 users asking for one system's fronters need one request), tagged with the short
 * ID of the system they belong to so a write drops exactly what it may have changed.
 */

export interface InProcessCacheOptions {
  /** How long an answer is served from memory. 0 turns the cache off. */
  ttlMs: number;
  /** Default 2,000. */
  maxEntries?: number;
  /** Approximate heap bytes; default 16 MB. */
  maxBytes?: number;
  now?: () => number;
}

interface Entry {
  value: unknown;
  system: string | null;
  bytes: number;
  expiresAt: number;
}

export class InProcessTaggedCache implements TaggedCache {
  private readonly entries = new Map<string, Entry>();
  readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private bytes = 0;

  constructor(options: InProcessCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlMs);
    this.maxEntries = options.maxEntries ?? 2_000;
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** The stored answer, or undefined (a stored answer may itself be null: a 204). */
  get(key: string): { value: unknown } | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key, entry);
      return undefined;
    }
    return entry;
  }

  set(key: string, value: unknown, system: string | null): void {
    if (this.ttlMs <= 0) return;
    const bytes = approximateSize(value) + key.length;
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, { value, system, bytes, expiresAt: this.now() + this.ttlMs });
    this.bytes += bytes;
    this.evict();
  }

  drop(tag: string | null): void {
    if (tag === null) {
      this.clear();
      return;
    }
    for (const [key, entry] of this.entries) {
      if (entry.system === tag || entry.system === null) this.delete(key, entry);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get approximateBytes(): number {
    return this.bytes;
  }

  /** Oldest first: insertion order is expiry order, since every entry lives equally long. */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      const over = this.entries.size > this.maxEntries || this.bytes > this.maxBytes;
      if (!over && entry.expiresAt > now) break;
      this.delete(key, entry);
    }
  }

  private delete(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
