import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SharedState, TaggedCache } from '../../src/shared-state/shared-state.js';

/*
 * What every shared state must do, run against each implementation (in-process.test.ts,
 * redis.test.ts). Rate buckets are checked with long intervals (a minute a request), so the real
 * time the Redis server's clock moves during a test cannot change an answer.
 */

export interface SharedStateSubject {
  /** A shared state whose public views live `ttlMs`; the second one opened is "another instance" on the same store where there is one. */
  open(options: { ttlMs: number }): Promise<SharedState>;
}

const MINUTE = 60_000;
/** A request a minute, three at once: the first three go, the fourth waits about a minute. */
const bucket = (key: string) => ({ key, intervalMs: MINUTE, toleranceMs: 2 * MINUTE });
const unique = (what: string) => `${what}-${randomBytes(4).toString('hex')}`;
const MISS = 'miss';

/** What the cache holds for a key, or MISS: a stored null is not a miss. */
async function held(cache: TaggedCache, key: string): Promise<unknown> {
  const hit = await cache.get(key);
  return hit === undefined ? MISS : hit.value;
}

export function sharedStateContract(subject: SharedStateSubject): void {
  describe('rate buckets', () => {
    it('let a burst through at once, then say how long the next request waits', async () => {
      const { rateBuckets } = await subject.open({ ttlMs: 5_000 });
      const key = unique('burst');
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await rateBuckets.take([bucket(key)]));
      expect(answers.slice(0, 3)).toEqual([{ admitted: true }, { admitted: true }, { admitted: true }]);
      expect(answers[3]).toMatchObject({ admitted: false });
      const { retryAfterMs } = answers[3] as { retryAfterMs: number };
      expect(retryAfterMs).toBeGreaterThan(MINUTE - 5_000);
      expect(retryAfterMs).toBeLessThanOrEqual(MINUTE);
    });

    it('charge a request to all of its buckets or to none: a full bucket leaves the others untouched', async () => {
      const { rateBuckets } = await subject.open({ ttlMs: 5_000 });
      const full = unique('full');
      const free = unique('free');
      for (let i = 0; i < 3; i++) await rateBuckets.take([bucket(full)]);
      expect(await rateBuckets.take([bucket(free), bucket(full)])).toMatchObject({ admitted: false });
      const afterwards = [];
      for (let i = 0; i < 3; i++) afterwards.push((await rateBuckets.take([bucket(free)])).admitted);
      expect(afterwards).toEqual([true, true, true]);
    });

    it('keep buckets apart by key', async () => {
      const { rateBuckets } = await subject.open({ ttlMs: 5_000 });
      const one = unique('one');
      for (let i = 0; i < 3; i++) await rateBuckets.take([bucket(one)]);
      expect(await rateBuckets.take([bucket(unique('two'))])).toEqual({ admitted: true });
    });
  });

  describe('tagged cache', () => {
    it('answers what was set, a stored null included, and nothing for a key never set', async () => {
      const { publicViews } = await subject.open({ ttlMs: 5_000 });
      const key = unique('view');
      expect(await held(publicViews, key)).toBe(MISS);
      publicViews.set(key, { id: 'abcde', members: [{ name: 'Alice 🌸' }] }, 'abcde');
      publicViews.set(`${key}-none`, null, 'abcde');
      expect(await held(publicViews, key)).toEqual({ id: 'abcde', members: [{ name: 'Alice 🌸' }] });
      expect(await held(publicViews, `${key}-none`)).toBeNull();
    });

    it('drop(tag) removes that tag and every untagged entry, and keeps the other tags', async () => {
      const { publicViews } = await subject.open({ ttlMs: 5_000 });
      const [mine, other, untagged] = [unique('mine'), unique('other'), unique('untagged')];
      publicViews.set(mine, 1, 'aaaaa');
      publicViews.set(other, 2, 'bbbbb');
      publicViews.set(untagged, 3, null);
      await publicViews.drop('aaaaa');
      expect([await held(publicViews, mine), await held(publicViews, other), await held(publicViews, untagged)]).toEqual([MISS, 2, MISS]);
    });

    it('drop(null) removes everything', async () => {
      const { publicViews } = await subject.open({ ttlMs: 5_000 });
      const [one, two] = [unique('one'), unique('two')];
      publicViews.set(one, 1, 'aaaaa');
      publicViews.set(two, 2, 'bbbbb');
      await publicViews.drop(null);
      expect([await held(publicViews, one), await held(publicViews, two)]).toEqual([MISS, MISS]);
    });

    it('with a lifetime of 0 keeps nothing', async () => {
      const { publicViews } = await subject.open({ ttlMs: 0 });
      const key = unique('off');
      publicViews.set(key, 1, 'aaaaa');
      expect(await held(publicViews, key)).toBe(MISS);
    });
  });

  describe('versions', () => {
    it('a key never changed has no stamp; every change gives a new one; keys are apart', async () => {
      const { versions } = await subject.open({ ttlMs: 5_000 });
      const [key, other] = [unique('members'), unique('groups')];
      expect(await versions.stamp(key)).toBeNull();
      await versions.change(key);
      const first = await versions.stamp(key);
      expect(first).not.toBeNull();
      expect(await versions.stamp(key)).toBe(first);
      await versions.change(key);
      expect(await versions.stamp(key)).not.toBe(first);
      expect(await versions.stamp(other)).toBeNull();
    });
  });
}

/** What only a store shared between instances can show: a second instance sees the first one's state. */
export function sharedBetweenInstances(subject: SharedStateSubject): void {
  it('a second instance sees the first one’s buckets, views and versions', async () => {
    const a = await subject.open({ ttlMs: 5_000 });
    const b = await subject.open({ ttlMs: 5_000 });
    const key = unique('shared');
    for (let i = 0; i < 3; i++) await a.rateBuckets.take([bucket(key)]);
    expect(await b.rateBuckets.take([bucket(key)])).toMatchObject({ admitted: false });
    a.publicViews.set(key, { seen: 'by both' }, 'aaaaa');
    expect(await held(b.publicViews, key)).toEqual({ seen: 'by both' });
    await b.publicViews.drop('aaaaa');
    expect(await held(a.publicViews, key)).toBe(MISS);
    await a.versions.change(key);
    expect(await b.versions.stamp(key)).toBe(await a.versions.stamp(key));
  });
}
