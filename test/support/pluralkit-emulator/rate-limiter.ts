/**
 * PluralKit's GCRA limiter (reference §5): period 1 s, burst = rate, cost 1, state per key.
 * Production keeps the theoretical arrival time in Redis and returns `remaining` through a Lua
 * float that Redis truncates to an integer; a request that leaves 0 ≤ remaining < 1 therefore
 * consumes capacity but is still answered 429 with retry_after 0. Reproduced here.
 */

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds, ceil; 0 for the truncation quirk above. */
  retryAfterMs: number;
  /** UNIX seconds, as production sends (the docs' "milliseconds" is wrong). */
  resetUnixSeconds: number;
}

const PERIOD_MS = 1000;

export class GcraLimiter {
  private readonly theoreticalArrival = new Map<string, number>();

  constructor(private readonly clock: () => number = () => performance.timeOrigin + performance.now()) {}

  reset(): void {
    this.theoreticalArrival.clear();
  }

  check(key: string, rate: number): RateLimitDecision {
    const now = this.clock();
    const emissionInterval = PERIOD_MS / rate;
    const burstOffset = emissionInterval * rate;
    const tat = Math.max(this.theoreticalArrival.get(key) ?? now, now);
    const newTat = tat + emissionInterval;
    const diff = now - (newTat - burstOffset);
    const remaining = diff / emissionInterval;

    if (remaining < 0) {
      return {
        allowed: false,
        limit: rate,
        remaining: 0,
        retryAfterMs: Math.ceil(-diff),
        resetUnixSeconds: unixSeconds(now, tat - now),
      };
    }
    this.theoreticalArrival.set(key, newTat);
    const whole = Math.trunc(remaining);
    return {
      allowed: whole > 0,
      limit: rate,
      remaining: whole,
      retryAfterMs: 0,
      resetUnixSeconds: unixSeconds(now, newTat - now),
    };
  }
}

function unixSeconds(nowMs: number, resetAfterMs: number): number {
  return Math.floor(nowMs / 1000) + Math.floor(resetAfterMs / 1000);
}
