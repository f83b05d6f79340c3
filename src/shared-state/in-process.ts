import { InProcessTaggedCache } from './in-process-cache.js';
import type { RateBucketSpec, RateBuckets, RateTake, SharedState, Versions } from './shared-state.js';

/** Above this many, resting buckets and stamps are forgotten (per-system keys add up). */
const MAX_KEYS = 10_000;

/** GCRA over a Map: the same arithmetic as the Redis script (redis-scripts.ts), on this process's clock. */
export class InProcessRateBuckets implements RateBuckets {
  /** Bucket key → theoretical arrival time of the next request, epoch ms. */
  private readonly tats = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  take(buckets: readonly RateBucketSpec[]): Promise<RateTake> {
    return Promise.resolve(this.takeNow(buckets));
  }

  private takeNow(buckets: readonly RateBucketSpec[]): RateTake {
    const now = this.now();
    let retryAfterMs = 0;
    for (const bucket of buckets) {
      const tat = this.tats.get(bucket.key) ?? now;
      retryAfterMs = Math.max(retryAfterMs, tat - bucket.toleranceMs - now);
    }
    if (retryAfterMs > 0) return { admitted: false, retryAfterMs };
    if (this.tats.size >= MAX_KEYS) this.forgetResting(now);
    for (const bucket of buckets) this.tats.set(bucket.key, Math.max(this.tats.get(bucket.key) ?? now, now) + bucket.intervalMs);
    return { admitted: true };
  }

  /** A bucket whose schedule lies in the past behaves like a new one. */
  private forgetResting(now: number): void {
    for (const [key, tat] of this.tats) if (tat <= now) this.tats.delete(key);
  }
}

export class InProcessVersions implements Versions {
  private readonly stamps = new Map<string, string>();
  private counter = 0;

  stamp(key: string): Promise<string | null> {
    return Promise.resolve(this.stamps.get(key) ?? null);
  }

  change(key: string): Promise<void> {
    // Forgetting every stamp only makes each cached list reload once.
    if (this.stamps.size >= MAX_KEYS) this.stamps.clear();
    this.stamps.set(key, String(++this.counter));
    return Promise.resolve();
  }
}

export interface InProcessSharedStateOptions {
  publicViewTtlMs: number;
  now?: () => number;
}

/** One instance's own memory: the default, and what Redis falls back to while it is away. */
export function inProcessSharedState(options: InProcessSharedStateOptions): SharedState {
  return {
    kind: 'in-process',
    rateBuckets: new InProcessRateBuckets(options.now),
    publicViews: new InProcessTaggedCache({ ttlMs: options.publicViewTtlMs, now: options.now }),
    versions: new InProcessVersions(),
    close: () => Promise.resolve(),
  };
}
