/** Memory limits of the per-user entity-list caches (CACHE_MAX_MB, CACHE_IDLE_MINUTES). */
export interface ListCacheLimits {
  /** Approximate heap bytes one cache may hold; least recently used lists go first. */
  maxBytes: number;
  /** A list nobody asked for in this long is dropped. */
  idleMs: number;
  /** Told how many bytes idle lists freed, to give the memory back (`MemoryReturn.droppedIdle`). */
  onIdleDropped?: (bytes: number) => void;
}

export const DEFAULT_LIST_CACHE_LIMITS: Readonly<ListCacheLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  idleMs: 10 * 60_000,
});
