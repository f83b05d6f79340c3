import { createHash } from 'node:crypto';
import type { RateBucketSpec, RateBuckets } from '../shared-state/shared-state.js';
import type { AbortSignalLike } from './cancel.js';
import { RateLimitHold, RateLimitWaitAborted, type Admission } from './rate-limiter.js';

/*
 * PluralKit's limits hold for all our instances together: they share one egress address (the
 * generic buckets) and each system's own bucket. This instance's limiter (rate-limiter.ts) keeps
 * its queue, lanes and deadlines; a request it admits then also takes its turn in the shared
 * buckets (REDIS_URL), charged to the same buckets under names every instance uses:
 *
 * - `generic_get|ip` → `generic_get:bot`: the bot's address, one for every instance;
 * - `own_system_get|<token key>` → `own_system_get:<token digest>`: PluralKit keys these by the
 *   token's system, and a system has one token at a time, so a digest of the token names the same
 *   bucket on every instance (the token key is seeded per process and would not).
 *
 * A bucket this instance found unlimited (no rate-limit headers) is not paced here either.
 */

function sharedName(bucketKey: string, token: string | undefined): string {
  const [scope, who] = bucketKey.split('|') as [string, string];
  if (who === 'ip' || token === undefined) return `${scope}:bot`;
  return `${scope}:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
}

function sleep(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RateLimitWaitAborted());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new RateLimitWaitAborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class SharedPacing {
  constructor(
    private readonly buckets: RateBuckets,
    private readonly now: () => number,
    /** A wait must end this long before the deadline (the limiter's own rule). */
    private readonly minAttemptMs: number,
  ) {}

  /**
   * Waits until the shared buckets let this admitted request go. Throws RateLimitHold when that
   * would be past the deadline, RateLimitWaitAborted when the signal fires.
   */
  async pass(bucketKeys: readonly string[], admission: Admission, token: string | undefined, options: { deadline?: number; signal?: AbortSignalLike }): Promise<void> {
    const specs: RateBucketSpec[] = [];
    bucketKeys.forEach((key, index) => {
      const bucket = admission.buckets[index]!;
      if (!bucket.unlimited) specs.push({ key: sharedName(key, token), intervalMs: bucket.intervalMs, toleranceMs: bucket.toleranceMs });
    });
    if (specs.length === 0) return;
    for (;;) {
      const taken = await this.buckets.take(specs);
      if (taken.admitted) return;
      const deadline = options.deadline;
      if (deadline !== undefined && this.now() + taken.retryAfterMs > deadline - this.minAttemptMs) throw new RateLimitHold(taken.retryAfterMs);
      await sleep(taken.retryAfterMs, options.signal);
    }
  }
}
