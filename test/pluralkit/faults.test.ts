import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

let emulator: PluralKitEmulator;
let client: PluralKitClient;
const MAX_RETRIES = 2;
const TIMEOUT_MS = 250;

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: false });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  // Public views are not kept here: these tests count requests (shared-reads.test.ts covers keeping).
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', timeoutMs: TIMEOUT_MS, maxRetries: MAX_RETRIES, publicViewTtlMs: 0 });
});
afterEach(async () => {
  await client.close();
});

async function failure(promise: Promise<unknown>): Promise<PluralKitError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluralKitError);
  return error as PluralKitError;
}

function seed() {
  const system = emulator.seedSystem({ name: 'Faulty' });
  const member = emulator.seedMember(system.id, { name: 'M' });
  return { system, member, token: system.token! };
}

describe('GETs are retried with bounded backoff', () => {
  it('recovers from two 503s', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 503, body: { message: 'down', code: 0 }, times: 2 });
    expect((await client.getSystem(system.id)).name).toBe('Faulty');
    expect(emulator.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives up after maxRetries retries with a typed 5xx error', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 500, body: { message: '500: Internal Server Error', code: 0 }, times: 10 });
    const error = await failure(client.getSystem(system.id));
    expect(error).toMatchObject({ kind: 'api', status: 500, code: 0, message: '500: Internal Server Error', method: 'GET', route: '/systems/{systemRef}' });
    expect(emulator.requests).toHaveLength(1 + MAX_RETRIES);
  });

  it('does not retry a deterministic 501', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 501, body: { message: 'Unimplemented', code: 50001 } });
    expect(await failure(client.getSystem(system.id))).toMatchObject({ status: 501, code: 50001 });
    expect(emulator.requests).toHaveLength(1);
  });

  it('recovers from a connection reset', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, reset: true });
    expect((await client.getSystem(system.id)).id).toBe(system.id);
    expect(emulator.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('times out each attempt after timeoutMs and ends with kind timeout', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, delayMs: 1_000, times: 10 });
    const started = Date.now();
    const error = await failure(client.getSystem(system.id));
    expect(error.kind).toBe('timeout');
    expect(emulator.requests).toHaveLength(1 + MAX_RETRIES);
    expect(Date.now() - started).toBeLessThan(3 * TIMEOUT_MS + 2_000);
  });

  it('reports connection resets that never stop as kind network', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, reset: true, times: 10 });
    const error = await failure(client.getSystem(system.id));
    expect(error.kind).toBe('network');
    expect(emulator.requests).toHaveLength(1 + MAX_RETRIES);
  });
});

describe('responses that cannot be read', () => {
  it('malformed JSON → kind malformed-response, not retried', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, malformed: true });
    const error = await failure(client.getSystem(system.id));
    expect(error).toMatchObject({ kind: 'malformed-response', status: 200 });
    expect(emulator.requests).toHaveLength(1);
  });

  it('a wrong type in a field we use → kind malformed-response naming the field', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}/members`, status: 200, body: [{ id: 'abcde', uuid: 'u', name: 42 }] });
    const error = await failure(client.getSystemMembers(system.id));
    expect(error.kind).toBe('malformed-response');
    expect(error.message).toContain('0.name');
  });

  it('unknown keys and missing optional keys are tolerated', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 200, body: { id: system.id, uuid: system.uuid, created: '2024-01-01T00:00:00Z', shiny_new_key: true } });
    const result = await client.getSystem(system.id);
    expect(result).toMatchObject({ id: system.id, name: null, privacy: null });
    expect(result).not.toHaveProperty('shiny_new_key');
  });

  it('an error body that is not PluralKit-shaped still gives a typed error', async () => {
    const { system } = seed();
    emulator.injectFault({ path: `/systems/${system.id}`, status: 502, body: '<html>Bad gateway</html>', times: 10 });
    const error = await failure(client.getSystem(system.id));
    expect(error).toMatchObject({ kind: 'api', status: 502, code: null });
    expect(error.message).toContain('HTTP 502');
  });
});

describe('writes that may have reached the server are never repeated', () => {
  it('createSwitch after a 500: one request, typed error', async () => {
    const { member, token } = seed();
    emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', status: 500, body: { message: '500: Internal Server Error', code: 0 }, times: 5 });
    expect(await failure(client.createSwitch('@me', { members: [member.id] }, { token }))).toMatchObject({ kind: 'api', status: 500, outcome: 'unknown' });
    expect(emulator.requests).toHaveLength(1);
  });

  it('createSwitch after a connection reset: one request, kind network', async () => {
    const { member, token } = seed();
    emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', reset: true, times: 5 });
    expect(await failure(client.createSwitch('@me', { members: [member.id] }, { token }))).toMatchObject({ kind: 'network', outcome: 'unknown' });
    expect(emulator.requests).toHaveLength(1);
  });

  it('createSwitch that times out is not retried, though the server did create it', async () => {
    const { system, member, token } = seed();
    emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', delayMs: 600 });
    expect((await failure(client.createSwitch('@me', { members: [member.id] }, { token }))).kind).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await client.getSystemSwitches(system.id)).toHaveLength(1);
  });

  it('DELETE and PATCH are not retried after a 503 either', async () => {
    const { member, token } = seed();
    emulator.injectFault({ method: 'DELETE', path: `/members/${member.id}`, status: 503, times: 5 });
    emulator.injectFault({ method: 'PATCH', path: `/members/${member.id}`, status: 503, times: 5 });
    expect((await failure(client.deleteMember(member.id, { token }))).status).toBe(503);
    expect((await failure(client.updateMember(member.id, { name: 'N' }, { token }))).status).toBe(503);
    expect(emulator.requests).toHaveLength(2);
  });

  it('a write whose connection was refused is retried: it cannot have been sent', async () => {
    const { token } = seed();
    const closed = await startPluralKitEmulator();
    const url = closed.url;
    await closed.close();
    const refused = new PluralKitClient({ baseUrl: url, userAgent: 'switchboard-tests', maxRetries: 1 });
    try {
      const error = await failure(refused.createSwitch('@me', { members: [] }, { token }));
      expect(error).toMatchObject({ kind: 'network', outcome: 'not-sent' });
      expect(error.message).not.toContain(token);
      expect(JSON.stringify(error)).not.toContain(token);
    } finally {
      await refused.close();
    }
  });
});

describe('writes say whether they may have been applied (outcome)', () => {
  const switchesOf = (id: string) => client.getSystemSwitches(id);

  it('PluralKit stores the switch, then answers 500: outcome unknown, one request, and the switch is there', async () => {
    const { system, member, token } = seed();
    emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, status: 500, body: { message: '500: Internal Server Error', code: 0 } });
    expect(await failure(client.createSwitch('@me', { members: [member.id] }, { token }))).toMatchObject({ kind: 'api', status: 500, outcome: 'unknown' });
    expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await switchesOf(system.id)).toHaveLength(1);
  });

  it('PluralKit stores it, then the connection drops: kind network, outcome unknown, not repeated', async () => {
    const { system, member, token } = seed();
    emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, reset: true });
    expect(await failure(client.createSwitch('@me', { members: [member.id] }, { token }))).toMatchObject({ kind: 'network', outcome: 'unknown' });
    expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await switchesOf(system.id)).toHaveLength(1);
  });

  it('PluralKit takes longer than the budget, then stores it: kind timeout, outcome unknown, stored later', async () => {
    const { system, member, token } = seed();
    const budgeted = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', callBudgetMs: 300 });
    try {
      emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', delayMs: 700 });
      expect(await failure(budgeted.createSwitch('@me', { members: [member.id] }, { token }))).toMatchObject({ kind: 'timeout', outcome: 'unknown' });
      expect(await switchesOf(system.id)).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await switchesOf(system.id)).toHaveLength(1);
      expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    } finally {
      await budgeted.close();
    }
  });

  it('a definite 4xx refusal is outcome rejected', async () => {
    const { member, token } = seed();
    await client.createSwitch('@me', { members: [member.id] }, { token });
    expect(await failure(client.createSwitch('@me', { members: [member.id] }, { token }))).toMatchObject({ status: 400, code: 40004, outcome: 'rejected' });
  });

  it('refused before sending (bad input) is outcome not-sent', async () => {
    const { token } = seed();
    expect(await failure(client.createSwitch('@me', { members: ['not a ref!'] }, { token }))).toMatchObject({ kind: 'invalid-request', outcome: 'not-sent' });
    expect(emulator.requests).toHaveLength(0);
  });

  it('one write may get a longer deadline than the interactive budget and the per-attempt timeout', async () => {
    const { system, member, token } = seed();
    // Budget 300 ms, attempts 250 ms (timeoutMs): PluralKit answers after 1.2 s.
    const budgeted = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', timeoutMs: TIMEOUT_MS, callBudgetMs: 300 });
    try {
      emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, delayMs: 1_200 });
      const created = await budgeted.createSwitch('@me', { members: [member.id] }, { token, deadline: Date.now() + 5_000 });
      expect(created.members.map((m) => m.id)).toEqual([member.id]);
      expect(await switchesOf(system.id)).toHaveLength(1);
      // The same delay without the longer deadline: cut at the budget, outcome unknown.
      emulator.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, delayMs: 1_200 });
      expect(await failure(budgeted.createSwitch('@me', { members: [] }, { token }))).toMatchObject({ kind: 'timeout', outcome: 'unknown' });
      // A shorter deadline than the budget is honoured too.
      emulator.injectFault({ path: `/systems/${system.id}`, delayMs: 1_000 });
      const started = Date.now();
      expect(await failure(budgeted.getSystem(system.id, { deadline: Date.now() + 100 }))).toMatchObject({ kind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(250);
    } finally {
      await budgeted.close();
    }
  });
});

describe('the token never reaches an error', () => {
  function expectNoToken(error: PluralKitError, token: string): void {
    const texts = [error.message, JSON.stringify(error), JSON.stringify(error.fieldErrors), inspect(error, { depth: 10 }), String(error.cause ?? '')];
    const all = texts.join('\n');
    expect(all).not.toContain(encodeURIComponent(token));
    // Not even a piece of it: a JSON SyntaxError, for one, quotes the first 10 characters of the body.
    for (let start = 0; start + 10 <= token.length; start++) expect(all).not.toContain(token.slice(start, start + 10));
  }

  it('scrubs it from the message and from field errors, keys included, of a PluralKit error body that echoes it', async () => {
    const { member, token } = seed();
    emulator.injectFault({
      method: 'PATCH',
      path: `/members/${member.id}`,
      status: 400,
      body: {
        message: `Error parsing JSON model for token ${token}`,
        code: 40001,
        errors: {
          name: [{ message: `Field name is invalid (sent with ${token})` }],
          [token]: [{ message: `unexpected key ${encodeURIComponent(token)}` }],
        },
      },
    });
    const error = await failure(client.updateMember(member.id, { name: 'N' }, { token }));
    expect(error).toMatchObject({ kind: 'api', status: 400, code: 40001 });
    expect(error.message).toContain('[token]');
    expect(error.fieldErrors.name?.[0]?.message).toContain('[token]');
    expect(Object.keys(error.fieldErrors)).toContain('[token]');
    expectNoToken(error, token);
  });

  it.each([
    ['a 429 message', { status: 429, body: { message: 'slow down, TOKEN', retry_after: 10, code: 0 }, times: 10 }],
    ['a 500 plain-text body', { status: 500, body: 'upstream said TOKEN', times: 10 }],
    ['a 200 body that is not JSON', { status: 200, body: 'TOKEN is not JSON' }],
    ['a 200 body with truncated JSON', { status: 200, body: '{"id": "TOKEN", "truncated' }],
    ['a 200 body of the wrong shape', { status: 200, body: { id: 'TOKEN', uuid: 42, created: 'TOKEN' } }],
  ] as const)('keeps it out of the error for %s', async (_name, fault) => {
    const { token } = seed();
    const body = typeof fault.body === 'string' ? fault.body.replaceAll('TOKEN', token) : JSON.parse(JSON.stringify(fault.body).replaceAll('TOKEN', token));
    emulator.injectFault({ path: '/systems/@me', ...fault, body });
    expectNoToken(await failure(client.getSystem('@me', { token })), token);
  });
});

describe('signal and deadline', () => {
  it('an abort during a slow GET → kind aborted, no retry', async () => {
    const { system } = seed();
    const patient = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests' });
    try {
      emulator.injectFault({ path: `/systems/${system.id}`, delayMs: 1_000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      expect((await failure(patient.getSystem(system.id, { signal: controller.signal }))).kind).toBe('aborted');
      expect(emulator.requests).toHaveLength(1);
      const aborted = new AbortController();
      aborted.abort();
      expect((await failure(patient.getSystem(system.id, { signal: aborted.signal }))).kind).toBe('aborted');
      expect(emulator.requests).toHaveLength(1);
    } finally {
      await patient.close();
    }
  });

  it('a deadline during a slow GET → kind timeout, no retry past it', async () => {
    const { system } = seed();
    const patient = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests' });
    try {
      emulator.injectFault({ path: `/systems/${system.id}`, delayMs: 1_000, times: 5 });
      const started = Date.now();
      expect((await failure(patient.getSystem(system.id, { deadline: Date.now() + 200 }))).kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(600);
      expect(emulator.requests).toHaveLength(1);
    } finally {
      await patient.close();
    }
  });
});
