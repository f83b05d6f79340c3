/*
 * State that every instance of a deployment must see alike: one interface per need, with an
 * in-process implementation (one instance, the default) and a Redis one (REDIS_URL, several
 * instances). The composition root picks one (open-shared-state.ts); nothing else keeps such state
 * in module scope.
 *
 * Command registration needs no lock here: the registration store already claims each definition
 * change in the database every instance shares (src/stores/registration/). The front log's work
 * (posting a change, polling, the webhook check) is claimed the same way, per system, in the
 * log-subscriptions store: a claim must hold even while Redis is away.
 */

/** One GCRA bucket as the caller paces it: a request every `intervalMs`, up to `toleranceMs` ahead. */
export interface RateBucketSpec {
  /** The bucket's name, the same on every instance (e.g. `generic_get:bot`). */
  key: string;
  intervalMs: number;
  toleranceMs: number;
}

export type RateTake = { admitted: true } | { admitted: false; retryAfterMs: number };

/**
 * Rate-limit buckets: a request charged to several buckets goes only when all of them allow it,
 * and is then charged to all of them at once (atomically), or to none.
 */
export interface RateBuckets {
  take(buckets: readonly RateBucketSpec[]): Promise<RateTake>;
}

/**
 * A short-lived cache of JSON values, each tagged (a system's short ID, or null when unknown).
 * `drop(tag)` removes the entries of that tag and every untagged entry; `drop(null)` removes all.
 * `get` may answer synchronously (in-process), so a hit costs no promise on the hot path.
 */
export interface TaggedCache {
  readonly ttlMs: number;
  get(key: string): { value: unknown } | undefined | Promise<{ value: unknown } | undefined>;
  /** Kept for `ttlMs`; never waited for (a lost set only costs a later miss). */
  set(key: string, value: unknown, tag: string | null): void;
  /** Settled once no instance can be served a dropped entry any more. */
  drop(tag: string | null): void | Promise<void>;
}

/**
 * Versions of things cached per instance (a system's member list): `change(key)` after our own
 * write, and every instance compares `stamp(key)` with the stamp it saw when it loaded, reloading
 * when they differ. A stamp is opaque; null means "never changed, or forgotten" (a forgotten
 * stamp only costs one reload).
 */
export interface Versions {
  stamp(key: string): Promise<string | null>;
  change(key: string): Promise<void>;
}

export interface SharedState {
  /** `redis` when instances share it; `in-process` when it is this process's alone. */
  readonly kind: 'in-process' | 'redis';
  readonly rateBuckets: RateBuckets;
  /** PluralKit's public views (PLURALKIT_PUBLIC_CACHE_SECONDS). */
  readonly publicViews: TaggedCache;
  readonly versions: Versions;
  close(): Promise<void>;
}
