import { approximateSize } from '../core/approximate-size.js';
import { DEFAULT_LIST_CACHE_LIMITS } from './list-cache-limits.js';

export interface EntityListCacheOptions<T = unknown> {
  /** How long a loaded list counts as fresh; default 60 s. */
  ttlMs?: number;
  /** Keys kept at most; the least recently used go first. Default 1,000. */
  maxKeys?: number;
  /**
   * Approximate heap bytes of all lists together; the least recently used go first, and a list
   * larger than this is returned but not kept. Default 64 MB (the app passes CACHE_MAX_MB).
   */
  maxBytes?: number;
  /** A list not asked for in this long is dropped. Default 10 min (the app passes CACHE_IDLE_MINUTES). */
  idleMs?: number;
  /** Bytes one list holds; default an estimate of its parsed-JSON heap size. */
  sizeOf?: (value: readonly T[]) => number;
  /** Clock in milliseconds; tests pass a fake one. */
  now?: () => number;
  /** Told the bytes each sweep dropped for idleness, so the process can give that memory back (src/core/memory-return.ts). */
  onIdleDropped?: (bytes: number) => void;
}

interface Entry<T> {
  value: T[];
  loadedAt: number;
  usedAt: number;
  bytes: number;
}

/** Idle lists are also swept by a timer, at most this far apart, so an idle bot gives memory back. */
const MAX_SWEEP_INTERVAL_MS = 60_000;

/**
 * A short-lived cache of entity lists (a system's members or groups) per key,
 * with single-flight loading, least-recently-used eviction, a memory bound and
 * an idle expiry.
 *
 * Keys are the caller's choice and must include the auth context (the Discord
 * user and the system the token belongs to), so a list loaded with one user's
 * token is never served to another user or after the token changes.
 */
export class EntityListCache<T> {
  /** In least-recently-used order: every use moves a key to the end. */
  private readonly entries = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T[]>>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly maxBytes: number;
  private readonly idleMs: number;
  private readonly sizeOf: (value: readonly T[]) => number;
  private readonly now: () => number;
  private readonly onIdleDropped: ((bytes: number) => void) | undefined;
  private bytes = 0;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: EntityListCacheOptions<T> = {}) {
    const limits = DEFAULT_LIST_CACHE_LIMITS;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 1000;
    this.maxBytes = options.maxBytes ?? limits.maxBytes;
    this.idleMs = options.idleMs ?? limits.idleMs;
    this.sizeOf = options.sizeOf ?? approximateSize;
    this.now = options.now ?? Date.now;
    this.onIdleDropped = options.onIdleDropped;
  }

  /** Fresh cached data, or loads it (once, however many callers ask at the same time). */
  async get(key: string, loader: () => Promise<T[]>): Promise<T[]> {
    const entry = this.live(key);
    if (entry && this.isFreshEntry(entry)) {
      this.touch(key, entry);
      return entry.value;
    }
    return this.load(key, loader);
  }

  /** Whatever is cached (even if stale), without loading. */
  peek(key: string): T[] | undefined {
    const entry = this.live(key);
    if (entry) this.touch(key, entry);
    return entry?.value;
  }

  /**
   * For autocomplete: whatever is cached right now (stale or not), starting a
   * background reload when it is stale or missing. Never waits on the loader;
   * a failed background load is dropped (the next call tries again).
   */
  peekAndRefresh(key: string, loader: () => Promise<T[]>): T[] | undefined {
    const cached = this.peek(key);
    if (!this.isFresh(key)) this.load(key, loader).catch(() => undefined);
    return cached;
  }

  /**
   * Cached data at once if there is any (refreshing it in the background when
   * stale); otherwise waits for a load at most `waitMs`, then gives up with
   * undefined while the load goes on and fills the cache for the next call.
   */
  async getWithin(key: string, loader: () => Promise<T[]>, waitMs: number): Promise<T[] | undefined> {
    const cached = this.peekAndRefresh(key, loader);
    if (cached) return cached;
    const pending = this.loading.get(key);
    if (!pending) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      return await Promise.race([pending.catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  isFresh(key: string): boolean {
    const entry = this.live(key);
    return entry !== undefined && this.isFreshEntry(entry);
  }

  /** Forget a key, e.g. after the user's own write; a load already under way will not store its older result. */
  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
    // A load under way may have read the data before the write: it still answers its callers, but stores nothing.
    this.loading.delete(key);
  }

  /**
   * After a write that concerns several keys (every user of one system): each cached list whose
   * key matches becomes `change(list)`, or is forgotten when that is null. Loads under way for
   * those keys store nothing, as with `invalidate`. Costs one pass over the keys.
   */
  updateWhere(matches: (key: string) => boolean, change: (value: T[]) => T[] | null): void {
    for (const key of [...this.loading.keys()]) if (matches(key)) this.loading.delete(key);
    for (const [key, entry] of [...this.entries]) {
      if (!matches(key)) continue;
      const value = change(entry.value);
      if (value === null) this.remove(key, entry);
      // Keeps its load time (the change is ours, not a fresh read); the user's write counts as a use.
      else this.put(key, value, entry.loadedAt, this.now());
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Approximate heap bytes of the lists kept right now. */
  get approximateBytes(): number {
    return this.bytes;
  }

  /** Drops every list nobody asked for in `idleMs`. Runs on its own as well; exposed for tests and shutdown. */
  sweep(): void {
    const cutoff = this.now() - this.idleMs;
    const before = this.bytes;
    for (const [key, entry] of this.entries) {
      // Least recently used first: the first one still in use ends the sweep.
      if (entry.usedAt > cutoff) break;
      this.remove(key, entry);
    }
    if (this.entries.size === 0) this.stopSweeper();
    if (this.bytes < before) this.onIdleDropped?.(before - this.bytes);
  }

  /** Stops the background sweep (it also stops by itself once the cache is empty). */
  dispose(): void {
    this.stopSweeper();
  }

  private live(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.usedAt <= this.now() - this.idleMs) {
      this.remove(key, entry);
      return undefined;
    }
    return entry;
  }

  private isFreshEntry(entry: Entry<T>): boolean {
    return this.now() - entry.loadedAt < this.ttlMs;
  }

  private touch(key: string, entry: Entry<T>): void {
    entry.usedAt = this.now();
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private load(key: string, loader: () => Promise<T[]>): Promise<T[]> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    const load: Promise<T[]> = Promise.resolve()
      .then(loader)
      .then((value) => {
        if (this.loading.get(key) === load) this.store(key, value);
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === load) this.loading.delete(key);
      });
    this.loading.set(key, load);
    return load;
  }

  private store(key: string, value: T[]): void {
    const now = this.now();
    this.put(key, value, now, now);
  }

  private put(key: string, value: T[], loadedAt: number, usedAt: number): void {
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    const bytes = this.sizeOf(value);
    // One list above the whole budget would evict everything and still not fit: serve it, keep nothing.
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, loadedAt, usedAt, bytes });
    this.bytes += bytes;
    this.sweep();
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxKeys && this.bytes <= this.maxBytes) break;
      this.remove(oldest, entry);
    }
    this.startSweeper();
  }

  private remove(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private startSweeper(): void {
    if (this.sweeper !== undefined || this.entries.size === 0) return;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1_000, Math.min(this.idleMs, MAX_SWEEP_INTERVAL_MS)));
    // Never what keeps the process alive.
    this.sweeper.unref();
  }

  private stopSweeper(): void {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
