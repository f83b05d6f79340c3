export interface EntityListCacheOptions {
  /** How long a loaded list counts as fresh; default 60 s. */
  ttlMs?: number;
  /** Keys kept at most; the least recently used go first. Default 1,000. */
  maxKeys?: number;
  /** Clock in milliseconds; tests pass a fake one. */
  now?: () => number;
}

interface Entry<T> {
  value: T[];
  loadedAt: number;
}

/**
 * A short-lived cache of entity lists (a system's members or groups) per key,
 * with single-flight loading and least-recently-used eviction.
 *
 * Keys are the caller's choice and must include the auth context (the Discord
 * user and the system the token belongs to), so a list loaded with one user's
 * token is never served to another user or after the token changes.
 */
export class EntityListCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T[]>>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: EntityListCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Fresh cached data, or loads it (once, however many callers ask at the same time). */
  async get(key: string, loader: () => Promise<T[]>): Promise<T[]> {
    const entry = this.entries.get(key);
    if (entry && this.isFreshEntry(entry)) {
      this.touch(key, entry);
      return entry.value;
    }
    return this.load(key, loader);
  }

  /** Whatever is cached (even if stale), without loading. */
  peek(key: string): T[] | undefined {
    const entry = this.entries.get(key);
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
    const entry = this.entries.get(key);
    return entry !== undefined && this.isFreshEntry(entry);
  }

  /** Forget a key, e.g. after the user's own write; a load already under way will not store its older result. */
  invalidate(key: string): void {
    this.entries.delete(key);
    // A load under way may have read the data before the write: it still answers its callers, but stores nothing.
    this.loading.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private isFreshEntry(entry: Entry<T>): boolean {
    return this.now() - entry.loadedAt < this.ttlMs;
  }

  private touch(key: string, entry: Entry<T>): void {
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
    this.entries.delete(key);
    this.entries.set(key, { value, loadedAt: this.now() });
    while (this.entries.size > this.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
