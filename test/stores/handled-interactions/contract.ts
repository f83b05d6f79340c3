import { describe, expect, it } from 'vitest';
import type { HandledInteractionStore } from '../../../src/stores/handled-interactions/handled-interaction-store.js';
import { useFreshDatabases } from '../helpers.js';

export interface HandledInteractionsUnderTest {
  store: HandledInteractionStore;
  /** The same database through another connection (another instance), on the same clock. */
  another(): Promise<HandledInteractionStore>;
  close(): Promise<void>;
}

/** What every handled-interaction store must do; runs unchanged against each database. */
export function describeHandledInteractionsContract(name: string, open: (now: () => number) => Promise<HandledInteractionsUnderTest>): void {
  describe(`handled interactions contract: ${name}`, () => {
    const { clock, fresh } = useFreshDatabases(open, 7_000_000);

    it('claims an interaction ID exactly once, across instances', async () => {
      const db = await fresh();
      const other = await db.another();
      for (let i = 0; i < 10; i++) {
        const id = `13000000000000000${i}`;
        const claims = await Promise.all([db.store.claim(id, 60_000), other.claim(id, 60_000), db.store.claim(id, 60_000)]);
        expect(claims.filter(Boolean)).toHaveLength(1);
      }
      expect(await db.store.claim('130000000000000000', 60_000)).toBe(false);
      expect(await db.store.claim('130000000000000099', 60_000)).toBe(true);
    });

    it('forgets a claim once it expires, and sweeps expired claims', async () => {
      const { store } = await fresh();
      expect(await store.claim('a', 1_000)).toBe(true);
      expect(await store.claim('b', 5_000)).toBe(true);
      clock.now += 999;
      expect(await store.claim('a', 1_000)).toBe(false);
      clock.now += 1;
      expect(await store.sweep()).toBe(1);
      expect(await store.claim('b', 5_000)).toBe(false);
      expect(await store.claim('a', 1_000)).toBe(true);
    });
  });
}
