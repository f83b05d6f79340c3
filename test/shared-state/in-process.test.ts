import { afterEach, describe, expect, it } from 'vitest';
import { InProcessTaggedCache } from '../../src/shared-state/in-process-cache.js';
import { InProcessRateBuckets, inProcessSharedState } from '../../src/shared-state/in-process.js';
import type { SharedState } from '../../src/shared-state/shared-state.js';
import { ManualClock } from '../support/manual-clock.js';
import { sharedStateContract } from './contract.js';

describe('in-process shared state', () => {
  const opened: SharedState[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((state) => state.close()));
  });

  sharedStateContract({
    open: ({ ttlMs }) => {
      const state = inProcessSharedState({ publicViewTtlMs: ttlMs });
      opened.push(state);
      return Promise.resolve(state);
    },
  });

  it('answers a cache hit synchronously (no promise on the hot path)', () => {
    const cache = new InProcessTaggedCache({ ttlMs: 5_000 });
    cache.set('view', 1, null);
    expect(cache.get('view')).toMatchObject({ value: 1 });
  });

  it('a cached view lasts its lifetime and no longer; a bucket frees one slot per interval', async () => {
    const clock = new ManualClock();
    const cache = new InProcessTaggedCache({ ttlMs: 5_000, now: () => clock.now() });
    cache.set('view', 1, 'aaaaa');
    clock.advance(4_999);
    expect(cache.get('view')).toMatchObject({ value: 1 });
    clock.advance(1);
    expect(cache.get('view')).toBeUndefined();

    const buckets = new InProcessRateBuckets(() => clock.now());
    const spec = { key: 'generic_get:bot', intervalMs: 100, toleranceMs: 700 };
    for (let i = 0; i < 8; i++) expect(await buckets.take([spec])).toEqual({ admitted: true });
    expect(await buckets.take([spec])).toEqual({ admitted: false, retryAfterMs: 100 });
    clock.advance(100);
    expect(await buckets.take([spec])).toEqual({ admitted: true });
  });
});
