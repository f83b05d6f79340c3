import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualTimers, startPluralKitEmulator, type PluralKitEmulator, type SeededSystem } from '../support/pluralkit-emulator/index.js';
import { call, expectPkError } from './helpers.js';

let pk: PluralKitEmulator;
let system: SeededSystem;
/** Frozen unless a test advances it, so bucket refills never depend on machine speed. */
let clockMs = Date.now();

beforeAll(async () => {
  pk = await startPluralKitEmulator({ rateLimitClock: () => clockMs });
});
afterAll(async () => {
  await pk.close();
});
beforeEach(() => {
  pk.reset();
  pk.setRateLimits(true);
  clockMs = Date.now();
  system = pk.seedSystem({ name: 'Limited' });
});

function ip(address: string): Record<string, string> {
  return { 'x-pluralkit-client-ip': address };
}

describe('rate limits', () => {
  it('sends limit, remaining, reset in UNIX seconds and scope on every limited response', async () => {
    const response = await call(pk, 'GET', `/systems/${system.id}`, { headers: ip('10.0.0.1') });
    expect(response.headers.get('x-ratelimit-limit')).toBe('10');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('9');
    expect(response.headers.get('x-ratelimit-scope')).toBe('generic_get');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    expect(Math.abs(reset - Date.now() / 1000)).toBeLessThan(5);
    const downstreamError = await call(pk, 'GET', `/systems/${system.id}/switches?limit=x`, { headers: ip('10.0.0.1') });
    expect(downstreamError.status).toBe(400);
    expect(downstreamError.headers.get('x-ratelimit-remaining')).toBe('8');
  });

  it('does not limit requests rejected before the limiter', async () => {
    const notFound = await call(pk, 'GET', '/systems/zzzzzz', { headers: ip('10.0.0.2') });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('answers 429 with retry_after in ms and the generic scope once the burst is spent', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let index = 0; index < 12; index++) {
      const response = await call(pk, 'PATCH', `/systems/${system.id}`, { headers: ip('10.0.0.3'), body: { name: 'x' } });
      statuses.push(response.status);
      if (response.status === 429 && (response.json as { retry_after: number }).retry_after > 0) limited = response;
    }
    expect(statuses.slice(0, 2)).toEqual([403, 403]);
    expect(statuses).toContain(429);
    expect(limited?.json).toEqual({ message: '429: too many requests', retry_after: expect.any(Number), scope: 'generic_update', code: 0 });
    const retryAfter = (limited?.json as { retry_after: number }).retry_after;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(334);
    expect(limited?.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('keys own-entity requests per system and everything else per client IP', async () => {
    const own = await call(pk, 'GET', '/systems/@me', { token: system.token, headers: ip('10.0.0.4') });
    expect(own.headers.get('x-ratelimit-scope')).toBe('own_system_get');
    expect(own.headers.get('x-ratelimit-remaining')).toBe('9');
    const sameSystemOtherIp = await call(pk, 'GET', '/systems/@me/members', { token: system.token, headers: ip('10.0.0.5') });
    expect(sameSystemOtherIp.headers.get('x-ratelimit-remaining')).toBe('8');
    const anonymousSameIp = await call(pk, 'GET', `/systems/${system.id}`, { headers: ip('10.0.0.4') });
    expect(anonymousSameIp.headers.get('x-ratelimit-scope')).toBe('generic_get');
    expect(anonymousSameIp.headers.get('x-ratelimit-remaining')).toBe('9');
    const anonymousSameIpAgain = await call(pk, 'GET', `/systems/${system.id}`, { headers: ip('10.0.0.4') });
    expect(anonymousSameIpAgain.headers.get('x-ratelimit-remaining')).toBe('8');
    const ownCreate = await call(pk, 'POST', '/members', { token: system.token, headers: ip('10.0.0.4'), body: { name: 'M' } });
    expect(ownCreate.headers.get('x-ratelimit-scope')).toBe('generic_update');
  });

  it('shares the generic_get bucket for message lookups', async () => {
    await call(pk, 'GET', `/systems/${system.id}`, { headers: ip('10.0.0.6') });
    const message = await call(pk, 'GET', '/messages/1', { headers: ip('10.0.0.6') });
    expect(message.headers.get('x-ratelimit-scope')).toBe('generic_get');
    expect(message.headers.get('x-ratelimit-remaining')).toBe('8');
  });

  it('refills the bucket over time', async () => {
    for (let index = 0; index < 3; index++) await call(pk, 'GET', `/systems/${system.id}`, { headers: ip('10.0.0.7') });
    clockMs += 1000;
    const refilled = await call(pk, 'GET', `/systems/${system.id}`, { headers: ip('10.0.0.7') });
    expect(refilled.headers.get('x-ratelimit-remaining')).toBe('9');
  });

  it('can be switched off', async () => {
    pk.setRateLimits(false);
    const response = await call(pk, 'GET', `/systems/${system.id}`);
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('fault injection', () => {
  it('replaces the next matching response with the given status and body, then stops', async () => {
    pk.injectFault({ path: '/systems/@me', status: 503, body: { message: 'down' }, headers: { 'Retry-After': '1' } });
    const faulted = await call(pk, 'GET', '/systems/@me', { token: system.token });
    expect(faulted.status).toBe(503);
    expect(faulted.json).toEqual({ message: 'down' });
    expect(faulted.headers.get('retry-after')).toBe('1');
    expect((await call(pk, 'GET', '/systems/@me', { token: system.token })).status).toBe(200);
  });

  it('honours times, method and RegExp paths', async () => {
    pk.injectFault({ method: 'PATCH', path: /^\/members\/[a-z]+$/, times: 2, status: 500, body: { message: 'boom', code: 0 } });
    const member = pk.seedMember(system.id, { name: 'M' });
    expect((await call(pk, 'GET', `/members/${member.id}`)).status).toBe(200);
    for (let index = 0; index < 2; index++) {
      expect((await call(pk, 'PATCH', `/members/${member.id}`, { token: system.token, body: { name: 'y' } })).status).toBe(500);
    }
    expect((await call(pk, 'PATCH', `/members/${member.id}`, { token: system.token, body: { name: 'y' } })).status).toBe(200);
  });

  it('delays and then answers normally when only a delay is given', async () => {
    pk.setRateLimits(false);
    pk.injectFault({ path: '/systems/@me', delayMs: 150 });
    const started = Date.now();
    const response = await call(pk, 'GET', '/systems/@me', { token: system.token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it('resets the connection', async () => {
    pk.injectFault({ path: '/systems/@me', reset: true });
    await expect(call(pk, 'GET', '/systems/@me', { token: system.token })).rejects.toThrow();
    expect(pk.requests.at(-1)?.status).toBe(0);
  });

  it('tells request watchers about each answer, and about a reset connection, until they unsubscribe', async () => {
    const answered: Array<[string, number]> = [];
    const stop = pk.onRequestAnswered((request) => answered.push([request.path, request.status]));
    await call(pk, 'GET', `/systems/${system.id}`);
    pk.injectFault({ path: '/systems/@me', reset: true });
    await expect(call(pk, 'GET', '/systems/@me', { token: system.token })).rejects.toThrow();
    stop();
    await call(pk, 'GET', `/systems/${system.id}`);
    expect(answered).toEqual([
      [`/v2/systems/${system.id}`, 200],
      ['/v2/systems/@me', 0],
    ]);
    expect(pk.requests[0]!.answeredAt).toBeGreaterThanOrEqual(pk.requests[0]!.at);
  });

  it('afterCommit carries the write out and loses only its answer; a plain fault changes nothing', async () => {
    pk.setRateLimits(false);
    pk.injectFault({ method: 'POST', path: '/members', status: 502, body: { message: 'bad gateway', code: 0 } });
    expect((await call(pk, 'POST', '/members', { token: system.token, body: { name: 'Kept out' } })).status).toBe(502);
    pk.injectFault({ method: 'POST', path: '/members', reset: true, afterCommit: true });
    await expect(call(pk, 'POST', '/members', { token: system.token, body: { name: 'Made anyway' } })).rejects.toThrow();
    const names = ((await call(pk, 'GET', '/systems/@me/members', { token: system.token })).json as Array<{ name: string }>).map((member) => member.name);
    expect(names).toEqual(['Made anyway']);
  });

  it('answers with truncated JSON', async () => {
    pk.injectFault({ path: '/systems/@me', malformed: true });
    const response = await fetch(`${pk.url}/systems/@me`, { headers: { authorization: system.token ?? '', 'user-agent': 't' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    await expect(response.json()).rejects.toThrow();
  });
});

describe('faults after the handler committed (afterCommit)', () => {
  const fronters = async () => (await call(pk, 'GET', '/systems/@me/fronters', { token: system.token })).json as { members: Array<{ id: string }> } | undefined;

  it('stores the switch, then answers with the injected 500 and the pipeline\'s rate-limit headers', async () => {
    const member = pk.seedMember(system.id, { name: 'M' });
    pk.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    const response = await call(pk, 'POST', '/systems/@me/switches', { token: system.token, body: { members: [member.id] } });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-ratelimit-scope')).toBe('own_system_update');
    expect(pk.requests.at(-1)).toMatchObject({ status: 500, handledStatus: 200 });
    expect((await fronters())?.members.map((m) => m.id)).toEqual([member.id]);
  });

  it('without afterCommit the same fault means the handler never ran', async () => {
    const member = pk.seedMember(system.id, { name: 'M' });
    pk.injectFault({ method: 'POST', path: '/systems/@me/switches', status: 500 });
    expect((await call(pk, 'POST', '/systems/@me/switches', { token: system.token, body: { members: [member.id] } })).status).toBe(500);
    expect(pk.requests.at(-1)?.handledStatus).toBeUndefined();
    expect((await call(pk, 'GET', '/systems/@me/fronters', { token: system.token })).status).toBe(204);
  });

  it('stores at once and answers only after the delay', async () => {
    pk.setRateLimits(false);
    const member = pk.seedMember(system.id, { name: 'M' });
    pk.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, delayMs: 400 });
    const started = Date.now();
    const posting = call(pk, 'POST', '/systems/@me/switches', { token: system.token, body: { members: [member.id] } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fronters())?.members.map((m) => m.id)).toEqual([member.id]);
    expect((await posting).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('a plain delay stores only after the delay ("takes 12 s, then stores it")', async () => {
    pk.setRateLimits(false);
    const member = pk.seedMember(system.id, { name: 'M' });
    pk.injectFault({ method: 'POST', path: '/systems/@me/switches', delayMs: 400 });
    const posting = call(pk, 'POST', '/systems/@me/switches', { token: system.token, body: { members: [member.id] } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await call(pk, 'GET', '/systems/@me/fronters', { token: system.token })).status).toBe(204);
    expect((await posting).status).toBe(200);
  });

  it('stores, then drops the connection', async () => {
    const member = pk.seedMember(system.id, { name: 'M' });
    pk.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, reset: true });
    await expect(call(pk, 'POST', '/systems/@me/switches', { token: system.token, body: { members: [member.id] } })).rejects.toThrow();
    expect(pk.requests.at(-1)).toMatchObject({ status: 0, handledStatus: 200 });
    expect((await fronters())?.members.map((m) => m.id)).toEqual([member.id]);
  });

  it('refuses an afterCommit fault that would do nothing', () => {
    expect(() => pk.injectFault({ path: '/systems/@me', afterCommit: true })).toThrow(/afterCommit/);
  });
});

describe('fault delays on manual timers (faultTimers)', () => {
  it('hold the request until the test advances them: the write is stored only then, and answered', async () => {
    const timers = new ManualTimers();
    const held = await startPluralKitEmulator({ rateLimits: false, faultTimers: timers });
    try {
      const own = held.seedSystem({ name: 'Held' });
      const member = held.seedMember(own.id, { name: 'M' });
      held.injectFault({ method: 'POST', path: '/systems/@me/switches', delayMs: 28_000 });
      const posting = call(held, 'POST', '/systems/@me/switches', { token: own.token, body: { members: [member.id] } });
      await expect.poll(() => timers.pending).toBe(1);
      timers.advance(27_999);
      expect((await call(held, 'GET', '/systems/@me/fronters', { token: own.token })).status).toBe(204);
      timers.advance(1);
      expect((await posting).status).toBe(200);
      expect((await call(held, 'GET', '/systems/@me/fronters', { token: own.token })).status).toBe(200);
    } finally {
      await held.close();
    }
  });
});

describe('request log and reset', () => {
  it('records method, path, query, lowercased headers, parsed body and status', async () => {
    pk.clearRequests();
    await call(pk, 'PATCH', '/systems/@me?x=1', { token: system.token, body: { name: 'Logged' }, headers: { 'X-Custom': 'yes' } });
    expect(pk.requests).toHaveLength(1);
    expect(pk.requests[0]).toMatchObject({
      method: 'PATCH',
      path: '/v2/systems/@me',
      query: { x: '1' },
      body: { name: 'Logged' },
      status: 200,
    });
    expect(pk.requests[0]?.headers['x-custom']).toBe('yes');
    expect(typeof pk.requests[0]?.at).toBe('number');
  });

  it('reset drops data, log, faults and rate-limit state', async () => {
    for (let index = 0; index < 5; index++) await call(pk, 'PATCH', `/systems/${system.id}`, { headers: ip('10.9.9.9'), body: { name: 'x' } });
    pk.injectFault({ path: '/systems/zzzzzz', status: 418 });
    pk.reset();
    expect(pk.requests).toHaveLength(0);
    expectPkError(await call(pk, 'GET', `/systems/${system.id}`, { headers: ip('10.9.9.9') }), 404, 20001);
    expect((await call(pk, 'GET', '/systems/zzzzzz')).status).toBe(404);
    const fresh = pk.seedSystem();
    const update = await call(pk, 'PATCH', `/systems/${fresh.id}`, { headers: ip('10.9.9.9'), body: { name: 'x' } });
    expect(update.headers.get('x-ratelimit-remaining')).toBe('2');
  });
});
