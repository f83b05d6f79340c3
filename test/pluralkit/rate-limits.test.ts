import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import { watchHttpRequests } from '../support/http-on-the-wire.js';
import { ManualClock } from '../support/manual-clock.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/*
 * The client and the emulator's limiter share one manual clock: the client's waits (its own
 * limiter, 429s, Reset) end when `drive` moves the clock, and it moves only while no request is on
 * the wire, so what the emulator sees arrives when the client sent it. Seconds of pacing take
 * milliseconds, and a slow machine cannot change what the limiters see.
 */
const clock = new ManualClock();
const http = watchHttpRequests();
let emulator: PluralKitEmulator;
let client: PluralKitClient;

/** Waits for `outcome`, moving the shared clock through every wait on the way. */
const drive = <T>(outcome: Promise<T>): Promise<T> => clock.runWhenQuiet(outcome, () => http.onTheWire === 0);

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: true, rateLimitClock: () => clock.now() });
});
afterAll(async () => {
  await emulator.close();
  http.stop();
});
beforeEach(() => {
  emulator.reset();
  // A fresh client per test: its buckets must not carry state between tests.
  // Public views are not kept here: these tests count requests (shared-reads.test.ts covers keeping).
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', maxRetries: 3, publicViewTtlMs: 0, clock });
});
afterEach(async () => {
  await client.close();
});

const statuses = () => emulator.requests.map((r) => r.status);
function systems(count: number): string[] {
  return Array.from({ length: count }, (_, i) => emulator.seedSystem({ name: `S${i}` }).id);
}
const TOO_MANY = { message: '429: too many requests', retry_after: 700, scope: 'generic_get', code: 0 };

describe('pacing against the server limiter', () => {
  it('50 GETs and 20 writes for one system at once finish without a single 429', async () => {
    const system = emulator.seedSystem({ name: 'Busy' });
    const token = system.token!;
    const members = Array.from({ length: 25 }, (_, i) => emulator.seedMember(system.id, { name: `M${i}` }));
    // Fifty different GETs (identical ones in flight would be shared): half anonymous, half with the token.
    const gets = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? client.getSystemSwitches(system.id, { limit: i + 1 }) : client.getMember(members[(i - 1) / 2]!.id, { token }),
    );
    const writes = Array.from({ length: 20 }, (_, i) => client.updateMember(members[0]!.id, { description: `edit ${i}` }, { token }));
    await drive(Promise.all([...gets, ...writes]));
    expect(emulator.requests).toHaveLength(70);
    expect(statuses().filter((s) => s !== 200)).toEqual([]);
  });

  it('keeps separate per-system buckets for owned targets (X-RateLimit-Scope own_system_*)', async () => {
    const system = emulator.seedSystem();
    const token = system.token!;
    await drive(Promise.all(Array.from({ length: 12 }, () => client.getSystem('@me', { token }))));
    expect(emulator.requests.every((r) => r.status === 200)).toBe(true);
    // Own-system requests went to the own bucket, so the IP bucket is still fresh: 8 at once.
    emulator.clearRequests();
    const started = clock.now();
    await drive(Promise.all(Array.from({ length: 8 }, () => client.getSystem(system.id))));
    expect(clock.now() - started).toBeLessThan(500);
    expect(statuses().every((s) => s === 200)).toBe(true);
  });
});

describe('429 handling', () => {
  it('waits retry_after (ms) and retries', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: TOO_MANY });
    const result = await drive(client.getSystem(system.id));
    expect(result.id).toBe(system.id);
    const [first, second] = emulator.requests;
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(690);
  });

  it('retries a POST that got a 429 (the server did nothing), creating exactly one switch', async () => {
    const system = emulator.seedSystem();
    const member = emulator.seedMember(system.id, { name: 'M' });
    emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', status: 429, body: { ...TOO_MANY, retry_after: 50, scope: 'generic_update' } });
    await drive(client.createSwitch('@me', { members: [member.id] }, { token: system.token! }));
    expect(statuses()).toEqual([429, 200]);
    const switches = await client.getSystemSwitches(system.id);
    expect(switches).toHaveLength(1);
  });

  it('gives up after maxRetries with the 429 as a typed rate-limit error', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: { ...TOO_MANY, retry_after: 20 }, times: 10 });
    const error = (await drive(client.getSystem(system.id).catch((e: unknown) => e))) as PluralKitError;
    expect(error).toBeInstanceOf(PluralKitError);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, code: 0, retryAfterMs: 20, outcome: 'not-sent' });
    expect(emulator.requests).toHaveLength(4);
  });

  it('fails with kind rate-limited, not timeout, instead of waiting out a 429 past the deadline', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: { ...TOO_MANY, retry_after: 5_000 } });
    const started = clock.now();
    const error = (await drive(client.getSystem(system.id, { deadline: clock.now() + 500 }).catch((e: unknown) => e))) as PluralKitError;
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 5_000, outcome: 'not-sent' });
    expect(clock.now() - started).toBeLessThan(400);
    expect(emulator.requests).toHaveLength(1);
  });

  it('fails with kind aborted when the signal fires while waiting out a 429', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: { ...TOO_MANY, retry_after: 5_000 } });
    const controller = new AbortController();
    void clock.sleep(100).then(() => controller.abort());
    const error = (await drive(client.getSystem(system.id, { signal: controller.signal }).catch((e: unknown) => e))) as PluralKitError;
    expect(error).toMatchObject({ kind: 'aborted' });
    // Nobody else waited for that read, so it was cancelled instead of retried after the 5 s.
    await drive(clock.sleep(50));
    expect(client.queuedForRateLimit).toBe(0);
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('X-RateLimit-Reset', () => {
  it('is read as Unix seconds: Remaining 0 holds the next request until Reset', async () => {
    const system = emulator.seedSystem();
    const resetSeconds = Math.floor(clock.now() / 1000) + 2;
    emulator.injectFault({
      path: `/systems/${system.id}`,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetSeconds), 'X-RateLimit-Scope': 'generic_get' },
    });
    await drive(client.getSystem(system.id));
    await drive(client.getSystem(system.id));
    const [, second] = emulator.requests;
    expect(second!.at).toBeGreaterThanOrEqual(resetSeconds * 1000 - 5);
    expect(statuses()).toEqual([200, 200]);
  });
});

describe('bursts, with the server limiter on, off, and switched part-way', () => {
  const allOk = (ids: string[]) => drive(Promise.all(ids.map((id) => client.getSystem(id))));

  it('100 different GETs at once with limits on: no 429, paced at the server rate after one burst', async () => {
    const ids = systems(100);
    const started = clock.now();
    await allOk(ids);
    expect(emulator.requests).toHaveLength(100);
    expect(statuses().filter((s) => s !== 200)).toEqual([]);
    // 8 at once, then 10/s: about 9.2 s.
    expect(clock.now() - started).toBeGreaterThan(8_500);
  });

  it('limits off (no rate-limit headers at all): the burst goes through unpaced', async () => {
    emulator.setRateLimits(false);
    const ids = systems(100);
    const started = clock.now();
    await allOk(ids);
    expect(emulator.requests.every((r) => r.headers['x-ratelimit-limit'] === undefined)).toBe(true);
    expect(statuses().filter((s) => s !== 200)).toEqual([]);
    expect(clock.now() - started).toBeLessThan(3_000);
  });

  it('after responses without headers, limits switched on: 100 GETs at once, no 429, all succeed', async () => {
    const ids = systems(100);
    emulator.setRateLimits(false);
    for (let i = 0; i < 5; i++) await drive(client.getSystem(ids[0]!));
    emulator.setRateLimits(true);
    emulator.clearRequests();
    await allOk(ids);
    expect(statuses().filter((s) => s === 429)).toEqual([]);
    expect(emulator.requests).toHaveLength(100);
  });

  it('limits on, switched off part-way, then on again: everything succeeds, at most one burst meets a 429', async () => {
    const ids = systems(60);
    // Not driven on its own: one driver moves the clock at a time.
    const first = Promise.all(ids.slice(0, 20).map((id) => client.getSystem(id)));
    await drive(clock.sleep(600));
    emulator.setRateLimits(false);
    await drive(first);
    await allOk(ids.slice(20, 40));
    await allOk(ids);
    emulator.setRateLimits(true);
    await allOk(ids);
    // The emulator's limiter kept its state while it sent no headers, so its bucket may not be
    // full when it comes back; only what was in flight before the first response with headers
    // (one burst, 8) can meet a 429, and those are retried.
    expect(statuses().filter((s) => s === 429).length).toBeLessThanOrEqual(8);
  });
});
