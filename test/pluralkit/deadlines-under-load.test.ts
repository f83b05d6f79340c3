import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import type { PluralKitError } from '../../src/pluralkit/errors.js';
import { coversSince, readFrontHistory, switchPagesOf, type FrontHistory } from '../../src/stats/history-reader.js';
import { watchHttpRequests } from '../support/http-on-the-wire.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/*
 * Deadlines under load — the interactive budget, callers sharing one read, long reads beside a
 * burst of interactive calls — against the emulator with its rate limits on. Time is faked (setTimeout and Date, on both sides: the client, the emulator's
 * limiter and its fault delays); only loopback I/O runs for real, between small steps of time,
 * and each step waits until no request is still travelling (however slow the machine).
 */

const realImmediate = setImmediate;
const http = watchHttpRequests();
let emulator: PluralKitEmulator;
let client: PluralKitClient;

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: true, rateLimitClock: () => Date.now() });
});
afterAll(async () => {
  await emulator.close();
  http.stop();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2026-05-01T12:00:00Z') });
  emulator.reset();
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', publicViewTtlMs: 0, callBudgetMs: 8_000 });
});
afterEach(async () => {
  await elapse(15_000, 100);
  await client.close();
  vi.useRealTimers();
});

/** Requests the emulator holds (a fault delay, on the faked timers): on the wire, but waiting for time. */
const held = () => emulator.requests.filter((request) => request.answeredAt === undefined).length;

/**
 * Lets loopback I/O happen: a few real turns of the event loop, and more until every request on
 * the wire is one the emulator holds, so time never moves while a request is still travelling.
 */
async function io(): Promise<void> {
  for (let turns = 0; turns < 12 || http.onTheWire > held(); turns++) {
    if (turns > 1_000_000) throw new Error(`requests still on the wire: ${http.onTheWire}, held: ${held()}`);
    await new Promise((resolve) => realImmediate(resolve));
  }
}

/** Moves the faked clock on by `ms`, `step` at a time, letting I/O happen after each step. */
async function elapse(ms: number, step = 20): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    await vi.advanceTimersByTimeAsync(step);
    await io();
  }
}

/** Settles into `{ value }` or `{ error }`, so a rejection is never unhandled while time passes. */
function outcome<T>(promise: Promise<T>): { value?: T; error?: PluralKitError; at?: number } {
  const state: { value?: T; error?: PluralKitError; at?: number } = {};
  promise.then(
    (value) => Object.assign(state, { value, at: Date.now() }),
    (error: PluralKitError) => Object.assign(state, { error, at: Date.now() }),
  );
  return state;
}

const DAY = 86_400_000;

function systemWithSwitches(count: number) {
  const system = emulator.seedSystem({ name: 'Busy' });
  const alice = emulator.seedMember(system.id, { name: 'Alice' });
  const now = Date.now();
  for (let i = 0; i < count; i++) emulator.seedSwitch(system.id, { timestamp: new Date(now - 60_000 - i * (DAY / 10)), members: i % 2 ? [alice.id] : [] });
  return system;
}

/** `count` different anonymous GETs at once (IP bucket): the interactive load. */
function burst(count: number) {
  const ids = Array.from({ length: count }, (_, i) => emulator.seedSystem({ name: `Burst ${i}` }).id);
  return ids.map((id) => outcome(client.getSystem(id)));
}

const sent = (path: string) => emulator.requests.filter((request) => request.path === `/v2${path}`);

describe('the interactive budget', () => {
  it('a call our limiter would hold past its budget fails at once as rate-limited with the real wait, never sent', async () => {
    const budgeted = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', callBudgetMs: 1_000 });
    try {
      const ids = Array.from({ length: 40 }, (_, i) => emulator.seedSystem({ name: `S${i}` }).id);
      const start = Date.now();
      const results = ids.map((id) => outcome(budgeted.getSystem(id)));
      await elapse(1_500);
      const held = results.filter((result) => result.error !== undefined);
      // 8 at once, then one per 100 ms until 250 ms before the 1 s budget: the rest are told to come back.
      expect(results.length - held.length).toBe(15);
      for (const { error, at } of held) {
        expect(error).toMatchObject({ kind: 'rate-limited', status: null, outcome: 'not-sent' });
        // Told at once, with when a request asking now would go: after the queue that did fit.
        expect(at).toBe(start);
        expect(error!.retryAfterMs).toBe(800);
      }
      expect(emulator.requests).toHaveLength(15);
      expect(emulator.requests.filter((request) => request.status !== 200)).toEqual([]);
    } finally {
      await budgeted.close();
    }
  });
});

describe('callers sharing one read keep their own deadlines', () => {
  it('a long reader joining a short reader\'s request keeps its longer deadline, and the short one\'s timeout does not end it', async () => {
    const system = systemWithSwitches(5);
    emulator.clearRequests();
    emulator.injectFault({ path: `/systems/${system.id}/switches`, delayMs: 3_000 });
    const start = Date.now();
    const short = outcome(client.getSystemSwitches(system.id, { limit: 100 }, { deadline: start + 1_000 }));
    const long = outcome(client.getSystemSwitches(system.id, { limit: 100 }, { deadline: start + 600_000, longRead: true }));

    await elapse(1_200);
    expect(short.error).toMatchObject({ kind: 'timeout' });
    expect(short.at! - start).toBeLessThan(1_100);
    expect(long.value).toBeUndefined();

    await elapse(2_200);
    expect(long.value).toHaveLength(5);
    expect(sent(`/systems/${system.id}/switches`)).toHaveLength(1);
  });

  it('a short caller joining a read that waits for the rate limit past its deadline is told at once how long, and the read goes on', async () => {
    const system = systemWithSwitches(5);
    const others = burst(20); // 8 at once, then one per 100 ms: a read asking now waits about 1.2 s
    await io();
    const start = Date.now();
    const long = outcome(client.getSystemSwitches(system.id, {}, { deadline: start + 600_000 }));
    await io();
    const short = outcome(client.getSystemSwitches(system.id, {}, { deadline: start + 800 }));
    await io();
    expect(short.error).toMatchObject({ kind: 'rate-limited', outcome: 'not-sent' });
    expect(short.error!.retryAfterMs).toBeGreaterThan(1_000);
    expect(short.error!.retryAfterMs).toBeLessThan(1_500);
    expect(short.at).toBe(start);

    await elapse(2_000);
    expect(long.value).toHaveLength(5);
    expect(others.every((other) => other.value !== undefined)).toBe(true);
    expect(sent(`/systems/${system.id}/switches`)).toHaveLength(1);
  });

  it('when the last caller leaves, the request is cancelled: never sent if it was still waiting for the rate limit', async () => {
    const system = systemWithSwitches(5);
    burst(20);
    await io();
    const first = new AbortController();
    const second = new AbortController();
    const a = outcome(client.getSystemSwitches(system.id, {}, { signal: first.signal }));
    const b = outcome(client.getSystemSwitches(system.id, {}, { signal: second.signal }));
    await io();
    const queued = client.queuedForRateLimit;
    first.abort();
    await io();
    expect(a.error).toMatchObject({ kind: 'aborted' });
    expect(client.queuedForRateLimit).toBe(queued); // the other caller still waits for it
    second.abort();
    await io();
    expect(b.error).toMatchObject({ kind: 'aborted' });
    expect(client.queuedForRateLimit).toBe(queued - 1);
    await elapse(3_000);
    expect(sent(`/systems/${system.id}/switches`)).toHaveLength(0);
  });

  it('when the last caller leaves a request on the wire, it is cancelled: the next caller starts a new one', async () => {
    const system = systemWithSwitches(5);
    emulator.clearRequests();
    emulator.injectFault({ path: `/systems/${system.id}/switches`, delayMs: 2_000 });
    const controller = new AbortController();
    const gone = outcome(client.getSystemSwitches(system.id, {}, { signal: controller.signal, deadline: Date.now() + 600_000 }));
    const impatient = outcome(client.getSystemSwitches(system.id, {}, { deadline: Date.now() + 500 }));
    await elapse(600);
    expect(impatient.error).toMatchObject({ kind: 'timeout' });
    expect(gone.value).toBeUndefined();
    controller.abort();
    await io();
    expect(gone.error).toMatchObject({ kind: 'aborted' });
    const next = outcome(client.getSystemSwitches(system.id, {}));
    await elapse(500);
    expect(next.value).toHaveLength(5);
    expect(sent(`/systems/${system.id}/switches`)).toHaveLength(2);
  });
});

describe('a long read under a burst of interactive calls', () => {
  /** 80 interactive GETs and one 450-switch read (5 pages) at once; the read has 10 minutes. */
  async function readUnderBurst(longRead: boolean) {
    const system = systemWithSwitches(450);
    emulator.clearRequests();
    const start = Date.now();
    const interactive = burst(80);
    const read = outcome<FrontHistory>(readFrontHistory(switchPagesOf(client, system.id), { since: null, deadline: start + 600_000, longRead, now: () => Date.now() }));
    await elapse(12_000, 50);
    return { start, read, interactive };
  }

  it('keeps a share of the rate: its 5 pages are read while the burst is still being served', async () => {
    const { start, read, interactive } = await readUnderBurst(true);
    expect(read.value!.switches).toHaveLength(450);
    expect(read.value!.requests).toBe(5);
    expect(read.at! - start).toBeLessThan(3_000);
    const answered = interactive.filter((call) => call.value !== undefined);
    expect(Math.max(...answered.map((call) => call.at!))).toBeGreaterThan(read.at! + 3_000);
    // The burst gives up a quarter of the rate while both wait: who cannot go within the 8 s
    // budget is told before it, with how long to wait; nothing meets a 429.
    expect(answered.length).toBeGreaterThanOrEqual(70);
    for (const call of interactive.filter((other) => other.error !== undefined)) {
      expect(call.error).toMatchObject({ kind: 'rate-limited', outcome: 'not-sent', status: null });
      expect(call.error!.retryAfterMs).toBeGreaterThan(0);
      expect(call.at! - start).toBeLessThanOrEqual(8_000 - 250);
    }
    expect(emulator.requests.filter((request) => request.status === 429)).toEqual([]);
  });

  it('(first come, first served, as an interactive read: every page waits behind the burst)', async () => {
    const { start, read } = await readUnderBurst(false);
    expect(read.value!.switches).toHaveLength(450);
    expect(read.at! - start).toBeGreaterThan(7_000);
  });

  it('stops with what it read when the next page could only go after its deadline, and says how far back it got', async () => {
    const system = systemWithSwitches(450);
    emulator.clearRequests();
    let pages = 0;
    const fetchPage = switchPagesOf(client, system.id);
    const read = outcome<FrontHistory>(
      readFrontHistory(
        (query, call) => {
          // PluralKit's limiter says come back in 90 s: past the read's deadline.
          if (++pages === 3) emulator.injectFault({ path: `/systems/${system.id}/switches`, status: 429, body: { message: '429: too many requests', retry_after: 90_000, scope: 'generic_get', code: 0 } });
          return fetchPage(query, call);
        },
        { since: null, deadline: Date.now() + 60_000, longRead: true, now: () => Date.now() },
      ),
    );
    await elapse(1_000);
    expect(read.value!.switches).toHaveLength(200);
    expect(coversSince(read.value!, null)).toBe(false);
  });

  it('a long read that cannot get its first page before its deadline is told how long to wait', async () => {
    const system = systemWithSwitches(450);
    emulator.injectFault({ path: `/systems/${system.id}/switches`, status: 429, body: { message: '429: too many requests', retry_after: 90_000, scope: 'generic_get', code: 0 } });
    const read = outcome(readFrontHistory(switchPagesOf(client, system.id), { since: null, deadline: Date.now() + 60_000, longRead: true, now: () => Date.now() }));
    await elapse(500);
    expect(read.error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 90_000 });
  });
});
