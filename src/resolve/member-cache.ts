/**
 * A short-lived cache of entity lists (member or group lists) per key, with
 * single-flight loading. Callers choose keys that include the auth context, so
 * data loaded with one user's token is never served to another.
 */
export class EntityListCache<T> {
  private readonly entries = new Map<string, { value: T[]; loadedAt: number }>();
  private readonly loading = new Map<string, Promise<T[]>>();
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; maxKeys?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Fresh cached data, or loads it (once, however many callers ask at the same time). */
  async get(key: string, loader: () => Promise<T[]>): Promise<T[]> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.loadedAt < this.ttlMs) return entry.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const load = loader()
      .then((value) => {
        this.entries.delete(key);
        this.entries.set(key, { value, loadedAt: this.now() });
        while (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, load);
    return load;
  }

  /** Whatever is cached (even if stale), without loading. */
  peek(key: string): T[] | undefined {
    return this.entries.get(key)?.value;
  }

  isFresh(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.loadedAt < this.ttlMs;
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }
}
