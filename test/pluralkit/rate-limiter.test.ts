import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  parseRateLimitHeaders,
  RateLimiter,
  RateLimitHold,
  RateLimitWaitAborted,
  type Admission,
  type RateLimitedRequest,
  type RateLimitHeaders,
} from '../../src/pluralkit/rate-limiter.js';
import { systemClock } from '../../src/core/clock.js';

const START = 1_700_000_000_000;
const anonGet: RateLimitedRequest = { method: 'GET', route: '/systems/{systemRef}', target: 'system:abcde', tokenKey: null };
const ownGet: RateLimitedRequest = { method: 'GET', route: '/systems/{systemRef}', target: 'system:@me', tokenKey: 'k1' };
const unknownGet: RateLimitedRequest = { method: 'GET', route: '/members/{memberRef}', target: 'member:abcde', tokenKey: 'k1' };
const write: RateLimitedRequest = { method: 'PATCH', route: '/members/{memberRef}', target: 'member:abcde', tokenKey: 'k1' };
const NONE: RateLimitHeaders = { limit: null, remaining: null, resetAtMs: null, scope: null };
const GET_IP = ['generic_get|ip'];

beforeEach(() => {
  vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function limiter(): RateLimiter {
  // The wall clock, which vitest's fake timers replace.
  return new RateLimiter({ clock: systemClock });
}

function admit(rl: RateLimiter, buckets: readonly string[], deadline?: number): Promise<Admission> {
  const now = rl.tryAdmit(buckets);
  return now ? Promise.resolve(now) : rl.wait(buckets, { deadline });
}

/** Asks for `count` admissions at once; returns when each was admitted, relative to the start, in order of asking. */
async function schedule(rl: RateLimiter, buckets: readonly string[], count: number): Promise<number[]> {
  const start = Date.now();
  const times: number[] = new Array(count).fill(-1);
  const all = Array.from({ length: count }, (_, i) => admit(rl, buckets).then(() => (times[i] = Date.now() - start)));
  await vi.advanceTimersByTimeAsync(0);
  for (let spins = 0; times.includes(-1) && spins < 10_000; spins++) await vi.advanceTimersByTimeAsync(1);
  await Promise.all(all);
  return times;
}

describe('bucket selection, keyed like PluralKit', () => {
  it('uses the IP bucket without a token or without a path entity, the own bucket for @me', () => {
    const rl = limiter();
    expect(rl.bucketsFor(anonGet)).toEqual(['generic_get|ip']);
    expect(rl.bucketsFor({ ...write, target: null })).toEqual(['generic_update|ip']);
    expect(rl.bucketsFor(ownGet)).toEqual(['own_system_get|k1']);
  });

  it('charges both buckets while ownership is unknown, then learns it from X-RateLimit-Scope', () => {
    const rl = limiter();
    expect(rl.bucketsFor(unknownGet)).toEqual(['own_system_get|k1', 'generic_get|ip']);
    rl.observe(unknownGet, { limit: 10, remaining: 8, resetAtMs: null, scope: 'own_system_get' });
    expect(rl.bucketsFor(unknownGet)).toEqual(['own_system_get|k1']);
    expect(rl.bucketsFor(write)).toEqual(['own_system_update|k1']);

    const other = { ...unknownGet, target: 'member:qwert' };
    rl.observe(other, { limit: 10, remaining: 8, resetAtMs: null, scope: 'generic_get' });
    expect(rl.bucketsFor(other)).toEqual(['generic_get|ip']);
  });

  it('moves a GET route to the message scope only if the server says so', () => {
    const rl = limiter();
    const message: RateLimitedRequest = { method: 'GET', route: '/messages/{messageId}', target: null, tokenKey: null };
    expect(rl.bucketsFor(message)).toEqual(['generic_get|ip']);
    rl.observe(message, { limit: 10, remaining: 9, resetAtMs: null, scope: 'message' });
    expect(rl.bucketsFor(message)).toEqual(['message|ip']);
  });
});

describe('GCRA pacing', () => {
  it('lets a burst of rate−2 GETs through at once, then one every 100 ms', async () => {
    const times = await schedule(limiter(), GET_IP, 12);
    expect(times.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(times.slice(8)).toEqual([100, 200, 300, 400]);
  });

  it('spaces writes 333 ms apart after one immediate write', async () => {
    const times = await schedule(limiter(), ['generic_update|ip'], 4);
    expect(times.map((t) => Math.round(t / 10) * 10)).toEqual([0, 330, 670, 1000]);
  });

  it('waits for the slowest bucket when charged to two', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    expect(rl.expectedWait(['own_system_get|k1', 'generic_get|ip'])).toBe(100);
  });

  it('refills with time', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await schedule(rl, GET_IP, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('follows a learnt X-RateLimit-Limit', async () => {
    const rl = limiter();
    rl.observe(anonGet, { limit: 4, remaining: 3, resetAtMs: null, scope: 'generic_get' });
    // 4/s: 250 ms interval, burst 2; one slot is already used by the observed request.
    expect(await schedule(rl, GET_IP, 3)).toEqual([0, 250, 500]);
  });

  it('catches up with a lower X-RateLimit-Remaining than it expected (other clients on the same IP)', () => {
    const rl = limiter();
    rl.observe(anonGet, { limit: 10, remaining: 2, resetAtMs: null, scope: 'generic_get' });
    expect(rl.expectedWait(GET_IP)).toBe(100);
  });

  it('keeps first come, first served: a later request never overtakes one waiting on the same bucket', async () => {
    const rl = limiter();
    const order: string[] = [];
    await schedule(rl, GET_IP, 8);
    const both = rl.wait(['own_system_get|k1', 'generic_get|ip']).then(() => order.push('both'));
    const ipOnly = admit(rl, GET_IP).then(() => order.push('ip'));
    const ownOnly = admit(rl, ['own_system_get|k1']).then(() => order.push('own'));
    await vi.advanceTimersByTimeAsync(250);
    await Promise.all([both, ipOnly, ownOnly]);
    // The own bucket has room, yet the own-only request waited for the one ahead of it (100 ms);
    // the IP-only one waited for the next IP slot (200 ms).
    expect(order).toEqual(['both', 'own', 'ip']);
  });
});

describe('deadlines and aborts', () => {
  it('refuses at once, queueing nothing, a wait that would end past the deadline, and says how long', async () => {
    const rl = limiter();
    await schedule(rl, ['generic_update|ip'], 1);
    const refused = await rl.wait(['generic_update|ip'], { deadline: Date.now() + 100 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitHold);
    const expected = rl.expectedWait(['generic_update|ip']);
    expect(expected).toBeGreaterThan(300);
    expect((refused as RateLimitHold).retryAfterMs).toBe(expected);
    expect(rl.queued).toBe(0);
  });

  it('counts the queue ahead: the 20th GET of a burst expects ~1.2 s', async () => {
    const rl = limiter();
    for (let i = 0; i < 19; i++) void admit(rl, GET_IP);
    expect(rl.expectedWait(GET_IP)).toBe(1200);
    const refused = await rl.wait(GET_IP, { deadline: Date.now() + 1000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitHold);
    expect((refused as RateLimitHold).retryAfterMs).toBe(1200);
    await vi.advanceTimersByTimeAsync(2000);
  });

  it('leaves the queue with RateLimitHold when a 429 pushes its turn past the deadline', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    const waiting = rl.wait(GET_IP, { deadline: Date.now() + 2_000 }).catch((e: unknown) => e);
    rl.block(GET_IP, 5_000);
    await vi.advanceTimersByTimeAsync(2_000);
    const result = await waiting;
    expect(result).toBeInstanceOf(RateLimitHold);
    expect((result as RateLimitHold).retryAfterMs).toBeGreaterThan(2_500);
    expect(rl.queued).toBe(0);
  });

  it('when an unpaced bucket finds its limiter again, tells at once those whose turn now comes past their deadline', async () => {
    const rl = limiter();
    const first = rl.tryAdmit(GET_IP)!;
    rl.complete(first, anonGet, { headers: NONE, status: 200 });
    // Unpaced: 30 ask with a 1 s deadline; one burst goes, the rest wait for responses.
    const outcomes: Array<Admission | RateLimitHold> = [];
    const asks = Array.from({ length: 30 }, () => admit(rl, GET_IP, Date.now() + 1_000).then((a) => outcomes.push(a), (e: RateLimitHold) => outcomes.push(e)));
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toHaveLength(8);
    // The first answer carries headers: back on the 10/s schedule, 22 in line, 750 ms left.
    rl.complete(outcomes[0] as Admission, anonGet, { headers: { limit: 10, remaining: 1, resetAtMs: null, scope: 'generic_get' }, status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    const held = outcomes.filter((o): o is RateLimitHold => o instanceof RateLimitHold);
    expect(held.length).toBeGreaterThan(10);
    expect(Math.min(...held.map((h) => h.retryAfterMs))).toBeGreaterThan(750);
    expect(Date.now() - START).toBe(0); // told at once, not at the deadline
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(asks);
  });

  it('leaves the queue with RateLimitWaitAborted when the signal fires', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    const controller = new AbortController();
    const waiting = rl.wait(GET_IP, { signal: controller.signal }).catch((e: unknown) => e);
    const behind = admit(rl, GET_IP);
    controller.abort();
    expect(await waiting).toBeInstanceOf(RateLimitWaitAborted);
    await vi.advanceTimersByTimeAsync(100);
    await behind; // took the aborted request's place at 100 ms
    expect(rl.queued).toBe(0);
  });
});

describe('what responses teach it', () => {
  it('honours a 429 retry_after before anything else on that bucket', () => {
    const rl = limiter();
    rl.block(GET_IP, 1500);
    expect(rl.tryAdmit(GET_IP)).toBeNull();
    expect(rl.expectedWait(GET_IP)).toBe(1500);
  });

  it('with Remaining 0 waits until Reset, read as Unix seconds', () => {
    const rl = limiter();
    const headers = parseRateLimitHeaders({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(START / 1000 + 3),
      'x-ratelimit-scope': 'generic_get',
    });
    expect(headers.resetAtMs).toBe(START + 3000);
    rl.observe(anonGet, headers);
    expect(rl.expectedWait(GET_IP)).toBe(3000);
  });

  it('after a successful response without headers stops pacing by time, but never has more than one burst in flight', async () => {
    const rl = limiter();
    const first = rl.tryAdmit(GET_IP)!;
    rl.complete(first, anonGet, { headers: NONE, status: 200 });
    const admitted: Admission[] = [];
    const asks = Array.from({ length: 30 }, () => admit(rl, GET_IP).then((a) => admitted.push(a)));
    await vi.advanceTimersByTimeAsync(0);
    expect(admitted).toHaveLength(8); // one burst, at once
    await vi.advanceTimersByTimeAsync(5_000);
    expect(admitted).toHaveLength(8); // time alone frees nothing: only responses do
    for (let i = 0; i < 4; i++) rl.complete(admitted[i]!, anonGet, { headers: NONE, status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(admitted).toHaveLength(12);
    while (admitted.length < 30) {
      for (const admission of admitted) rl.complete(admission, anonGet, { headers: NONE, status: 200 });
      await vi.advanceTimersByTimeAsync(0);
    }
    await Promise.all(asks);
  });

  it('an error without headers proves nothing: pacing goes on', async () => {
    const rl = limiter();
    const first = rl.tryAdmit(GET_IP)!;
    rl.complete(first, anonGet, { headers: NONE, status: 404 });
    // The first request took a slot: 7 more at once, then 100 ms apart.
    expect(await schedule(rl, GET_IP, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 100, 200]);
  });

  it('back on its schedule as soon as headers return, and the schedule did not run ahead while unpaced', async () => {
    const rl = limiter();
    const first = rl.tryAdmit(GET_IP)!;
    rl.complete(first, anonGet, { headers: NONE, status: 200 });
    // 1,000 unpaced requests, a few at a time.
    for (let i = 0; i < 125; i++) {
      const batch = await Promise.all(Array.from({ length: 8 }, () => admit(rl, GET_IP)));
      for (const admission of batch) rl.complete(admission, anonGet, { headers: NONE, status: 200 });
    }
    const last = rl.tryAdmit(GET_IP)!;
    rl.complete(last, anonGet, { headers: { limit: 10, remaining: 9, resetAtMs: null, scope: 'generic_get' }, status: 200 });
    // About one burst used, not 1,000 requests' worth of schedule.
    expect(rl.expectedWait(GET_IP)).toBeLessThanOrEqual(100);
    const times = await schedule(rl, GET_IP, 5);
    expect(times.at(-1)).toBeLessThanOrEqual(500);
    expect(times.at(-1)).toBeGreaterThanOrEqual(400);
  });

  it('a 429 ends unpaced mode', async () => {
    const rl = limiter();
    const first = rl.tryAdmit(GET_IP)!;
    rl.complete(first, anonGet, { headers: NONE, status: 200 });
    rl.block(GET_IP, 0);
    expect((await schedule(rl, GET_IP, 12)).at(-1)).toBeGreaterThan(0);
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads numbers, tolerates absence and treats a millisecond-sized Reset as ms', () => {
    expect(parseRateLimitHeaders({})).toEqual({ limit: null, remaining: null, resetAtMs: null, scope: null });
    expect(parseRateLimitHeaders({ 'x-ratelimit-reset': '1700000000123' }).resetAtMs).toBe(1_700_000_000_123);
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit': 'abc' }).limit).toBeNull();
  });
});

describe('the long-read lane', () => {
  /** Queues the lanes given in order, all at once; returns the order they were admitted in. */
  async function admissionOrder(rl: RateLimiter, lanes: Array<'i' | 'L'>): Promise<string[]> {
    const order: string[] = [];
    const waits = lanes.map((lane, i) => rl.wait(GET_IP, { longRead: lane === 'L' }).then(() => order.push(`${lane}${i}`)));
    for (let spins = 0; order.length < lanes.length && spins < 100; spins++) await vi.advanceTimersByTimeAsync(100);
    await Promise.all(waits);
    return order;
  }

  it('puts a long read\'s request after three interactive ones already waiting, not behind all of them', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    const order = await admissionOrder(rl, [...Array<'i'>(20).fill('i'), 'L']);
    expect(order.indexOf('L20')).toBe(3);
  });

  it('gives long reads one admission in four while both lanes wait, each lane first come first served', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    const order = await admissionOrder(rl, [...Array<'i'>(20).fill('i'), ...Array<'L'>(10).fill('L')]);
    expect(order.slice(0, 20).filter((name) => name.startsWith('L'))).toHaveLength(5);
    const positions = (lane: string) => order.filter((name) => name.startsWith(lane)).map((name) => Number(name.slice(1)));
    expect(positions('i')).toEqual([...positions('i')].sort((a, b) => a - b));
    expect(positions('L')).toEqual([...positions('L')].sort((a, b) => a - b));
  });

  it('gives a long read the whole rate when nothing interactive waits', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    const start = Date.now();
    const times: number[] = [];
    const waits = Array.from({ length: 5 }, () => rl.wait(GET_IP, { longRead: true }).then(() => times.push(Date.now() - start)));
    await vi.advanceTimersByTimeAsync(600);
    await Promise.all(waits);
    expect(times).toEqual([100, 200, 300, 400, 500]);
  });

  it('a long read asking now expects to wait behind three interactive waiters, an interactive request behind all', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    const waits = Array.from({ length: 20 }, () => rl.wait(GET_IP));
    expect(rl.expectedWait(GET_IP)).toBe(2_100);
    expect(rl.expectedWait(GET_IP, { longRead: true })).toBe(400);
    await vi.advanceTimersByTimeAsync(2_100);
    await Promise.all(waits);
  });
});

describe('a deadline that moves while waiting', () => {
  it('is read again: a waiter whose deadline moved later is not dropped at the old one, and says when it expects to go', async () => {
    const rl = limiter();
    await schedule(rl, GET_IP, 8);
    for (let i = 0; i < 10; i++) void rl.wait(GET_IP);
    const options = { deadline: Date.now() + 1_400 };
    const outcome = rl.wait(GET_IP, options).then(
      () => 'admitted',
      (error: unknown) => error,
    );
    expect(rl.expectedAdmission(options)).toBe(Date.now() + 1_100);
    options.deadline = Date.now() + 60_000;
    // A 429 pushes every turn 2 s back: past the old deadline, well within the new one.
    rl.block(GET_IP, 2_000);
    expect(rl.expectedAdmission(options)).toBe(Date.now() + 3_000);
    await vi.advanceTimersByTimeAsync(3_100);
    expect(await outcome).toBe('admitted');
    expect(rl.expectedAdmission(options)).toBeUndefined();
  });
});
