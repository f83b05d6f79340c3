import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders, RateLimiter, type RateLimitedRequest } from '../../src/pluralkit/rate-limiter.js';

function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const anonGet: RateLimitedRequest = { method: 'GET', route: '/systems/{systemRef}', target: 'system:abcde', tokenKey: null };
const ownGet: RateLimitedRequest = { method: 'GET', route: '/systems/{systemRef}', target: 'system:@me', tokenKey: 'k1' };
const unknownGet: RateLimitedRequest = { method: 'GET', route: '/members/{memberRef}', target: 'member:abcde', tokenKey: 'k1' };
const write: RateLimitedRequest = { method: 'PATCH', route: '/members/{memberRef}', target: 'member:abcde', tokenKey: 'k1' };

/** Sends `count` requests as fast as the limiter allows; returns their send times relative to start. */
function schedule(limiter: RateLimiter, clock: ReturnType<typeof fakeClock>, buckets: string[], count: number): number[] {
  const start = clock.now();
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(clock.now() + limiter.reserve(buckets)! - start);
  return times;
}

describe('bucket selection, keyed like PluralKit', () => {
  it('uses the IP bucket without a token or without a path entity, the own bucket for @me', () => {
    const limiter = new RateLimiter();
    expect(limiter.bucketsFor(anonGet)).toEqual(['generic_get|ip']);
    expect(limiter.bucketsFor({ ...write, target: null })).toEqual(['generic_update|ip']);
    expect(limiter.bucketsFor(ownGet)).toEqual(['own_system_get|k1']);
  });

  it('charges both buckets while ownership is unknown, then learns it from X-RateLimit-Scope', () => {
    const limiter = new RateLimiter();
    expect(limiter.bucketsFor(unknownGet)).toEqual(['own_system_get|k1', 'generic_get|ip']);
    limiter.observe(unknownGet, { limit: 10, remaining: 8, resetAtMs: null, scope: 'own_system_get' });
    expect(limiter.bucketsFor(unknownGet)).toEqual(['own_system_get|k1']);
    expect(limiter.bucketsFor(write)).toEqual(['own_system_update|k1']);

    const other = { ...unknownGet, target: 'member:qwert' };
    limiter.observe(other, { limit: 10, remaining: 8, resetAtMs: null, scope: 'generic_get' });
    expect(limiter.bucketsFor(other)).toEqual(['generic_get|ip']);
  });

  it('moves a GET route to the message scope only if the server says so', () => {
    const limiter = new RateLimiter();
    const message: RateLimitedRequest = { method: 'GET', route: '/messages/{messageId}', target: null, tokenKey: null };
    expect(limiter.bucketsFor(message)).toEqual(['generic_get|ip']);
    limiter.observe(message, { limit: 10, remaining: 9, resetAtMs: null, scope: 'message' });
    expect(limiter.bucketsFor(message)).toEqual(['message|ip']);
  });
});

describe('GCRA pacing', () => {
  it('lets a burst of rate−2 GETs through at once, then one every 100 ms', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    const times = schedule(limiter, clock, ['generic_get|ip'], 12);
    expect(times.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(times.slice(8)).toEqual([100, 200, 300, 400]);
  });

  it('spaces writes 333 ms apart after one immediate write', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    const times = schedule(limiter, clock, ['generic_update|ip'], 4).map(Math.round);
    expect(times).toEqual([0, 333, 667, 1000]);
  });

  it('waits for the slowest bucket when charged to two', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    schedule(limiter, clock, ['generic_get|ip'], 8);
    expect(limiter.reserve(['own_system_get|k1', 'generic_get|ip'])).toBe(100);
  });

  it('refills with time', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    schedule(limiter, clock, ['generic_get|ip'], 8);
    clock.advance(1000);
    expect(schedule(limiter, clock, ['generic_get|ip'], 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('follows a learnt X-RateLimit-Limit', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    limiter.observe(anonGet, { limit: 4, remaining: 3, resetAtMs: null, scope: 'generic_get' });
    // 4/s: 250 ms interval, burst 2; one slot is already used by the observed request.
    expect(schedule(limiter, clock, ['generic_get|ip'], 3)).toEqual([0, 250, 500]);
  });

  it('catches up with a lower X-RateLimit-Remaining than it expected (other clients on the same IP)', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    limiter.observe(anonGet, { limit: 10, remaining: 2, resetAtMs: null, scope: 'generic_get' });
    expect(limiter.reserve(['generic_get|ip'])).toBe(100);
  });

  it('refuses, without reserving, a wait past the deadline', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    schedule(limiter, clock, ['generic_update|ip'], 1);
    expect(limiter.reserve(['generic_update|ip'], clock.now() + 100)).toBeNull();
    expect(limiter.delayFor(['generic_update|ip'])).toBeCloseTo(333.3, 0);
  });

  it('honours a 429 retry_after before anything else on that bucket', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    limiter.block(['generic_get|ip'], 1500);
    expect(limiter.reserve(['generic_get|ip'])).toBe(1500);
  });

  it('with Remaining 0 waits until Reset, read as Unix seconds', () => {
    const clock = fakeClock(1_700_000_000_000);
    const limiter = new RateLimiter({ now: clock.now });
    const headers = parseRateLimitHeaders({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(1_700_000_000 + 3),
      'x-ratelimit-scope': 'generic_get',
    });
    expect(headers.resetAtMs).toBe(1_700_000_003_000);
    limiter.observe(anonGet, headers);
    expect(limiter.reserve(['generic_get|ip'])).toBe(3000);
  });

  it('stops pacing after a successful response without rate-limit headers, and resumes when they return', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ now: clock.now });
    const none = { limit: null, remaining: null, resetAtMs: null, scope: null };
    limiter.observe(anonGet, none, ['generic_get|ip'], false); // e.g. a 404 before the limiter: proves nothing
    expect(schedule(limiter, clock, ['generic_get|ip'], 9).at(-1)).toBe(100);
    limiter.observe(anonGet, none, ['generic_get|ip'], true);
    expect(schedule(limiter, clock, ['generic_get|ip'], 50).every((t) => t === 0)).toBe(true);
    limiter.observe(anonGet, { limit: 10, remaining: 0, resetAtMs: null, scope: 'generic_get' });
    expect(limiter.reserve(['generic_get|ip'])).toBeGreaterThan(0);
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads numbers, tolerates absence and treats a millisecond-sized Reset as ms', () => {
    expect(parseRateLimitHeaders({})).toEqual({ limit: null, remaining: null, resetAtMs: null, scope: null });
    expect(parseRateLimitHeaders({ 'x-ratelimit-reset': '1700000000123' }).resetAtMs).toBe(1_700_000_000_123);
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit': 'abc' }).limit).toBeNull();
  });
});
