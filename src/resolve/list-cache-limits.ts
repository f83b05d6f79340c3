/*
 * Memory limits for the per-user entity-list caches, set once at start from the config
 * (CACHE_MAX_MB, CACHE_IDLE_MINUTES) so caches built deep inside the session layer follow them
 * without each owner passing them down. A cache given explicit options uses those instead.
 */

export interface ListCacheLimits {
  /** Approximate heap bytes one cache may hold; least recently used lists go first. */
  maxBytes: number;
  /** A list nobody asked for in this long is dropped. */
  idleMs: number;
}

export const DEFAULT_LIST_CACHE_LIMITS: Readonly<ListCacheLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  idleMs: 10 * 60_000,
});

let current: ListCacheLimits = { ...DEFAULT_LIST_CACHE_LIMITS };

/** At start, before the caches are built. */
export function configureListCaches(limits: Partial<ListCacheLimits>): void {
  current = { ...current, ...limits };
}

export function listCacheLimits(): Readonly<ListCacheLimits> {
  return current;
}
