import { describe, expect, it } from 'vitest';
import type { SwitchSummary } from '../../src/pluralkit/models.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import { FrontHistoryCache } from '../../src/stats/history-cache.js';
import { readFrontHistory, type SwitchPageFetcher } from '../../src/stats/history-reader.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import { InProcessVersions } from '../../src/shared-state/in-process.js';
import { randomHistory, seededRandom } from './generate.js';
import { memoryPages } from './memory-pages.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-05-31T12:00:00Z');

/** 450 switches over the last 90 days (5 a day). */
const HISTORY: SwitchSummary[] = Array.from({ length: 450 }, (_, i) => ({
  id: `s${i}`,
  timestamp: new Date(NOW - 3_600_000 - i * (DAY / 5)).toISOString(),
  members: [i % 2 ? 'alice' : 'bob'],
}));

function cacheAt(clock: { now: number }, options: { maxEntries?: number; maxSwitches?: number } = {}) {
  return new FrontHistoryCache({ ttlMs: 120_000, now: () => clock.now, ...options });
}

const PUBLIC = { key: 'public:abcde', systemId: 'abcde' };
const OWNER = { key: 'owner:123:abcde', systemId: 'abcde' };

describe('FrontHistoryCache', () => {
  it('with shared versions, a write through one instance drops the reads every other instance kept of that system', async () => {
    const clock = { now: NOW };
    const versions = new InProcessVersions();
    const [here, there] = [new FrontHistoryCache({ now: () => clock.now, versions }), new FrontHistoryCache({ now: () => clock.now, versions })];
    const pages = memoryPages(HISTORY);
    await there.read({ ...OWNER, since: NOW - 7 * DAY }, pages.fetchPage);
    await there.read({ key: 'owner:123:fghij', systemId: 'fghij', since: NOW - 7 * DAY }, pages.fetchPage);
    expect((await there.read({ ...OWNER, since: NOW - 7 * DAY }, pages.fetchPage)).requests).toBe(0);
    await here.invalidate('ABCDE');
    expect((await there.read({ ...OWNER, since: NOW - 7 * DAY }, pages.fetchPage)).requests).toBe(1);
    // Another system's read stays.
    expect((await there.read({ key: 'owner:123:fghij', systemId: 'fghij', since: NOW - 7 * DAY }, pages.fetchPage)).requests).toBe(0);
  });

  it('serves a fresh read again without asking PluralKit, and reads again once it is 2 minutes old', async () => {
    const clock = { now: NOW };
    const cache = cacheAt(clock);
    const pages = memoryPages(HISTORY);
    const first = await cache.read({ ...PUBLIC, since: NOW - 30 * DAY }, pages.fetchPage);
    expect(first.requests).toBe(2);
    const progress: number[] = [];
    const again = await cache.read({ ...PUBLIC, since: NOW - 30 * DAY, onProgress: (n) => progress.push(n) }, pages.fetchPage);
    expect(again).toEqual({ ...first, requests: 0 });
    expect(progress).toEqual([first.switches.length]);
    clock.now += 120_000;
    expect((await cache.read({ ...PUBLIC, since: NOW - 30 * DAY }, pages.fetchPage)).requests).toBe(2);
  });

  it('serves a shorter range from a read that reaches further back', async () => {
    const cache = cacheAt({ now: NOW });
    const pages = memoryPages(HISTORY);
    await cache.read({ ...PUBLIC, since: NOW - 90 * DAY }, pages.fetchPage);
    const calls = pages.calls.length;
    const shorter = await cache.read({ ...PUBLIC, since: NOW - 7 * DAY }, pages.fetchPage);
    expect(pages.calls).toHaveLength(calls);
    expect(shorter.requests).toBe(0);
  });

  it('continues a cached shorter read for a longer range instead of starting from now', async () => {
    const cache = cacheAt({ now: NOW });
    const pages = memoryPages(HISTORY);
    const short = await cache.read({ ...PUBLIC, since: NOW - 7 * DAY }, pages.fetchPage);
    expect(pages.calls).toEqual([undefined]);
    const long = await cache.read({ ...PUBLIC, since: NOW - 60 * DAY }, pages.fetchPage);
    expect(pages.calls[1]).toBe(short.switches.at(-1)!.timestamp);
    expect(long.requests).toBe(3);
    expect(long.switches).toEqual(HISTORY.slice(0, long.switches.length));
    // Same figures as a read from scratch.
    const scratch = await readFrontHistory(memoryPages(HISTORY).fetchPage, { since: NOW - 60 * DAY });
    const stats = (switches: SwitchSummary[]) => computeFrontStats(switches, { start: NOW - 60 * DAY, now: NOW });
    expect(stats(long.switches)).toEqual(stats(scratch.switches));
  });

  it('never answers one auth context with another\'s read', async () => {
    const cache = cacheAt({ now: NOW });
    const publicPages = memoryPages(HISTORY.slice(0, 10));
    const ownerPages = memoryPages(HISTORY.slice(0, 20));
    await cache.read({ ...PUBLIC, since: null }, publicPages.fetchPage);
    const owner = await cache.read({ ...OWNER, since: null }, ownerPages.fetchPage);
    expect(owner.switches).toHaveLength(20);
    expect(ownerPages.calls).toHaveLength(1);
    expect((await cache.read({ ...PUBLIC, since: null }, ownerPages.fetchPage)).switches).toHaveLength(10);
  });

  it('drops every auth context\'s read of a system on invalidate, and only that system\'s', async () => {
    const cache = cacheAt({ now: NOW });
    const pages = memoryPages(HISTORY.slice(0, 10));
    await cache.read({ ...PUBLIC, since: null }, pages.fetchPage);
    await cache.read({ ...OWNER, since: null }, pages.fetchPage);
    await cache.read({ key: 'public:zzzzz', systemId: 'zzzzz', since: null }, pages.fetchPage);
    expect(cache.size).toBe(3);
    await cache.invalidate('ABC-DE');
    expect(cache.size).toBe(1);
    await cache.read({ ...OWNER, since: null }, pages.fetchPage);
    expect(pages.calls).toHaveLength(4);
  });

  it('does not store, or let anyone new join, a read that was under way when the system was invalidated', async () => {
    const cache = cacheAt({ now: NOW });
    const slow = memoryPages(HISTORY.slice(0, 10), { hold: true });
    const before = cache.read({ ...PUBLIC, since: null }, slow.fetchPage);
    await Promise.resolve();
    await cache.invalidate('abcde');
    const fresh = memoryPages(HISTORY.slice(0, 11));
    const after = await cache.read({ ...PUBLIC, since: null }, fresh.fetchPage);
    expect(after.switches).toHaveLength(11);
    slow.release();
    expect((await before).switches).toHaveLength(10);
    // The cache holds the read made after the invalidation, not the one that finished last.
    expect((await cache.read({ ...PUBLIC, since: null }, fresh.fetchPage)).switches).toHaveLength(11);
  });

  it('makes one read for concurrent callers of the same key and range, with progress for each', async () => {
    const cache = cacheAt({ now: NOW });
    const pages = memoryPages(HISTORY, { hold: true });
    const progressA: number[] = [];
    const progressB: number[] = [];
    const a = cache.read({ ...PUBLIC, since: NOW - 30 * DAY, onProgress: (n) => progressA.push(n) }, pages.fetchPage);
    const b = cache.read({ ...PUBLIC, since: NOW - 20 * DAY, onProgress: (n) => progressB.push(n) }, pages.fetchPage);
    pages.release();
    const [resultA, resultB] = await Promise.all([a, b]);
    expect(resultA).toBe(resultB);
    expect(pages.calls).toHaveLength(2);
    expect(progressA).toEqual([100, 200]);
    expect(progressB).toEqual([100, 200]);
  });

  it('starts a separate read when the one under way does not reach back far enough', async () => {
    const cache = cacheAt({ now: NOW });
    const pages = memoryPages(HISTORY, { hold: true });
    const short = cache.read({ ...PUBLIC, since: NOW - 7 * DAY }, pages.fetchPage);
    const long = cache.read({ ...PUBLIC, since: NOW - 60 * DAY }, pages.fetchPage);
    pages.release();
    expect((await short).switches.length).toBeLessThan((await long).switches.length);
  });

  it('joins a read under way only if it stops when the caller must: a card and /stats each read for themselves', async () => {
    const cache = cacheAt({ now: NOW });
    const pages = memoryPages(HISTORY, { hold: true });
    const since = NOW - 30 * DAY;
    const card = cache.read({ ...OWNER, since, deadline: NOW + 2_500 }, pages.fetchPage);
    const stats = cache.read({ ...OWNER, since, deadline: NOW + 14 * 60_000 }, pages.fetchPage);
    const laterStats = cache.read({ ...OWNER, since, deadline: NOW + 14 * 60_000 + 5_000 }, pages.fetchPage);
    const laterCard = cache.read({ ...OWNER, since, deadline: NOW + 2_500 + 100 }, pages.fetchPage);
    // The card's read and the /stats read: two first pages; the later ones joined their like.
    expect(pages.calls).toEqual([undefined, undefined]);
    pages.release();
    const [a, b, c, d] = await Promise.all([card, stats, laterStats, laterCard]);
    expect(c).toBe(b);
    expect(d).toBe(a);
    expect(a).not.toBe(b);
  });

  it('keeps a shared read going when one caller aborts, and aborts it when all have', async () => {
    const cache = cacheAt({ now: NOW });
    const pages = memoryPages(HISTORY, { hold: true });
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.read({ ...PUBLIC, since: null, signal: first.signal }, pages.fetchPage);
    const b = cache.read({ ...PUBLIC, since: null, signal: second.signal }, pages.fetchPage);
    first.abort();
    await expect(a).rejects.toMatchObject({ kind: 'aborted' });
    pages.release();
    expect((await b).switches).toHaveLength(450);

    const held = memoryPages(HISTORY, { hold: true });
    const lone = new AbortController();
    const c = cache.read({ key: 'public:other', systemId: 'other', since: null, signal: lone.signal }, held.fetchPage);
    lone.abort();
    await expect(c).rejects.toMatchObject({ kind: 'aborted' });
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The read saw the abort at its first page and went no further.
    expect(held.calls).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it('asks for the newest switch again before a kept public read answers, and refuses at once when the history went private', async () => {
    const cache = cacheAt({ now: NOW });
    let history: SwitchSummary[] = HISTORY;
    let refusing = false;
    const requests: Array<{ before?: string; limit: number }> = [];
    const fetchPage: SwitchPageFetcher = async (query, call) => {
      requests.push(query);
      if (refusing) throw new PluralKitError({ kind: 'api', status: 403, code: 30005, message: 'Unauthorized to view front history.', method: 'GET', route: '/systems/{systemRef}/switches' });
      return memoryPages(history).fetchPage(query, call);
    };
    const request = { ...PUBLIC, since: NOW - 7 * DAY, publicView: true };
    await cache.read(request, fetchPage);
    requests.length = 0;
    expect((await cache.read(request, fetchPage)).requests).toBe(0);
    expect(requests).toEqual([{ limit: 1 }]);

    // A switch registered elsewhere: the kept read is dropped and read again.
    history = [{ id: 'new', timestamp: new Date(NOW - 60_000).toISOString(), members: ['carol'] }, ...HISTORY];
    const fresh = await cache.read(request, fetchPage);
    expect(fresh.requests).toBeGreaterThan(0);
    expect(fresh.switches[0]!.id).toBe('new');

    // The history made private on the dashboard: refused, and nothing kept for the next caller.
    refusing = true;
    await expect(cache.read(request, fetchPage)).rejects.toMatchObject({ status: 403, code: 30005 });
    expect(cache.size).toBe(0);
    // The owner's own view is never asked again.
    refusing = false;
    await cache.read({ ...OWNER, since: NOW - 7 * DAY }, fetchPage);
    requests.length = 0;
    refusing = true;
    expect((await cache.read({ ...OWNER, since: NOW - 7 * DAY }, fetchPage)).requests).toBe(0);
    expect(requests).toEqual([]);
  });

  it('does not cache a failed read', async () => {
    const cache = cacheAt({ now: NOW });
    let fail = true;
    const pages = memoryPages(HISTORY.slice(0, 5));
    const flaky: typeof pages.fetchPage = (query, call) => (fail ? Promise.reject(new Error('PluralKit is down')) : pages.fetchPage(query, call));
    await expect(cache.read({ ...PUBLIC, since: null }, flaky)).rejects.toThrow('PluralKit is down');
    fail = false;
    expect((await cache.read({ ...PUBLIC, since: null }, flaky)).switches).toHaveLength(5);
  });

  it('stays within its bounds, least recently used first', async () => {
    const cache = cacheAt({ now: NOW }, { maxEntries: 2, maxSwitches: 25 });
    const pages = memoryPages(HISTORY.slice(0, 10));
    const read = (key: string) => cache.read({ key, systemId: key, since: null }, pages.fetchPage);
    await read('a');
    await read('b');
    await read('a'); // a is now the most recently used
    await read('c');
    expect(cache.size).toBe(2);
    const calls = pages.calls.length;
    await read('a');
    expect(pages.calls).toHaveLength(calls);
    await read('b');
    expect(pages.calls).toHaveLength(calls + 1);
    // 3 × 10 switches would pass the 25-switch bound.
    await read('d');
    expect(cache.size).toBe(2);
    const huge = memoryPages(HISTORY.slice(0, 30));
    await cache.read({ key: 'e', systemId: 'e', since: null }, huge.fetchPage);
    await cache.read({ key: 'e', systemId: 'e', since: null }, huge.fetchPage);
    expect(huge.calls).toHaveLength(2);
  });
});

describe('reading in pages of any size', () => {
  it('gives the same stats whatever page size the history was read with', async () => {
    for (let seed = 0; seed < 40; seed++) {
      const random = seededRandom(seed);
      const history = randomHistory(random, { switches: 1 + Math.floor(random() * 150), members: 6, spanMs: 60 * DAY, end: NOW });
      const since = random() < 0.25 ? null : NOW - Math.floor(random() * 50 * DAY);
      const options = { start: since, now: NOW, flat: random() < 0.5, frontersOnly: random() < 0.5 };
      const expected = computeFrontStats(history, options);
      for (const pageSize of [1, 7, 100]) {
        const read = await readFrontHistory(memoryPages(history).fetchPage, { since, pageSize });
        expect(computeFrontStats(read.switches, options), `seed ${seed}, page size ${pageSize}`).toEqual(expected);
      }
    }
  });
});
