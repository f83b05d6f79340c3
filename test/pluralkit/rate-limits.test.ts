import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

let emulator: PluralKitEmulator;
let client: PluralKitClient;

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: true });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  // A fresh client per test: its buckets must not carry state between tests.
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', maxRetries: 3 });
});
afterEach(async () => {
  await client.close();
});

const statuses = () => emulator.requests.map((r) => r.status);
const TOO_MANY = { message: '429: too many requests', retry_after: 700, scope: 'generic_get', code: 0 };

describe('pacing against the server limiter', () => {
  it('50 GETs and 20 writes for one system at once finish without a single 429', async () => {
    const system = emulator.seedSystem({ name: 'Busy' });
    const token = system.token!;
    const member = emulator.seedMember(system.id, { name: 'M' });
    const gets = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? client.getSystem(system.id) : client.getMember(member.id, { token }),
    );
    const writes = Array.from({ length: 20 }, (_, i) => client.updateMember(member.id, { description: `edit ${i}` }, { token }));
    await Promise.all([...gets, ...writes]);
    expect(emulator.requests).toHaveLength(70);
    expect(statuses().filter((s) => s !== 200)).toEqual([]);
  }, 30_000);

  it('keeps separate per-system buckets for owned targets (X-RateLimit-Scope own_system_*)', async () => {
    const system = emulator.seedSystem();
    const token = system.token!;
    await Promise.all(Array.from({ length: 12 }, () => client.getSystem('@me', { token })));
    expect(emulator.requests.every((r) => r.status === 200)).toBe(true);
    // Own-system requests went to the own bucket, so the IP bucket is still fresh: 8 at once.
    emulator.clearRequests();
    const started = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => client.getSystem(system.id)));
    expect(Date.now() - started).toBeLessThan(500);
    expect(statuses().every((s) => s === 200)).toBe(true);
  });
});

describe('429 handling', () => {
  it('waits retry_after (ms) and retries', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: TOO_MANY });
    const result = await client.getSystem(system.id);
    expect(result.id).toBe(system.id);
    const [first, second] = emulator.requests;
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(690);
  });

  it('retries a POST that got a 429 (the server did nothing), creating exactly one switch', async () => {
    const system = emulator.seedSystem();
    const member = emulator.seedMember(system.id, { name: 'M' });
    emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', status: 429, body: { ...TOO_MANY, retry_after: 50, scope: 'generic_update' } });
    await client.createSwitch('@me', { members: [member.id] }, { token: system.token! });
    expect(statuses()).toEqual([429, 200]);
    const switches = await client.getSystemSwitches(system.id);
    expect(switches).toHaveLength(1);
  });

  it('gives up after maxRetries with the 429 as a typed error', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: { ...TOO_MANY, retry_after: 20 }, times: 10 });
    const error = (await client.getSystem(system.id).catch((e: unknown) => e)) as PluralKitError;
    expect(error).toBeInstanceOf(PluralKitError);
    expect(error).toMatchObject({ kind: 'api', status: 429, code: 0, retryAfterMs: 20 });
    expect(emulator.requests).toHaveLength(4);
  });

  it('fails with kind timeout instead of waiting past the deadline', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: { ...TOO_MANY, retry_after: 5_000 } });
    const started = Date.now();
    const error = (await client.getSystem(system.id, { deadline: Date.now() + 500 }).catch((e: unknown) => e)) as PluralKitError;
    expect(error).toMatchObject({ kind: 'timeout', status: 429, retryAfterMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(400);
    expect(emulator.requests).toHaveLength(1);
  });

  it('fails with kind aborted when the signal fires while waiting out a 429', async () => {
    const system = emulator.seedSystem();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 429, body: { ...TOO_MANY, retry_after: 5_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = (await client.getSystem(system.id, { signal: controller.signal }).catch((e: unknown) => e)) as PluralKitError;
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('X-RateLimit-Reset', () => {
  it('is read as Unix seconds: Remaining 0 holds the next request until Reset', async () => {
    const system = emulator.seedSystem();
    const resetSeconds = Math.floor(Date.now() / 1000) + 2;
    emulator.injectFault({
      path: `/systems/${system.id}`,
      headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetSeconds), 'X-RateLimit-Scope': 'generic_get' },
    });
    await client.getSystem(system.id);
    await client.getSystem(system.id);
    const [, second] = emulator.requests;
    expect(second!.at).toBeGreaterThanOrEqual(resetSeconds * 1000 - 5);
    expect(statuses()).toEqual([200, 200]);
  });
});
