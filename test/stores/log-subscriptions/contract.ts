import { describe, expect, it } from 'vitest';
import type { LogSubscription, LogSubscriptionStore } from '../../../src/stores/log-subscriptions/log-subscription-store.js';
import { useFreshDatabases } from '../helpers.js';

export interface LogSubscriptionsUnderTest {
  store: LogSubscriptionStore;
  close(): Promise<void>;
}

const SYSTEM = '5b0d0c6e-0000-4000-8000-000000000001';
const OTHER_SYSTEM = '5b0d0c6e-0000-4000-8000-000000000002';

function subscription(overrides: Partial<LogSubscription> = {}): LogSubscription {
  return {
    systemUuid: SYSTEM,
    channelId: '400000000000000001',
    guildId: '300000000000000001',
    discordUserId: '200000000000000001',
    systemId: 'abcde',
    style: 'log',
    privacy: 'public',
    delivery: 'dispatch',
    signingToken: null,
    boardMessageId: null,
    lastPosted: null,
    lastEventAt: null,
    lastPostAt: null,
    health: 'ok',
    createdAt: 1_000,
    ...overrides,
  };
}

const SEALED = { ciphertext: Buffer.from([1, 2, 3]), nonce: Buffer.alloc(12, 4), authTag: Buffer.alloc(16, 5), keyId: 'key-1' };

/** What every log-subscription store must do; runs unchanged against each database. */
export function describeLogSubscriptionsContract(name: string, open: (now: () => number) => Promise<LogSubscriptionsUnderTest>): void {
  describe(`log-subscriptions contract: ${name}`, () => {
    const { fresh } = useFreshDatabases(open, 5_000_000);

    it('stores a subscription and reads it back exactly, by system and channel, by system, by user', async () => {
      const { store } = await fresh();
      const full = subscription({ signingToken: SEALED, boardMessageId: '500000000000000001', lastPosted: 'state', lastEventAt: 2_000, lastPostAt: 2_500, style: 'board', privacy: 'full' });
      await store.put(full);
      expect(await store.get(SYSTEM, full.channelId)).toEqual(full);
      expect(await store.forSystem(SYSTEM)).toEqual([full]);
      expect(await store.forUser(full.discordUserId)).toEqual([full]);
      expect(await store.get(SYSTEM, '400000000000000009')).toBeUndefined();
      expect(await store.forSystem(OTHER_SYSTEM)).toEqual([]);
    });

    it('keeps one subscription per system and channel: a second put replaces the first', async () => {
      const { store } = await fresh();
      await store.put(subscription());
      await store.put(subscription({ style: 'board', createdAt: 2_000 }));
      await store.put(subscription({ channelId: '400000000000000002', createdAt: 3_000 }));
      const rows = await store.forSystem(SYSTEM);
      expect(rows.map((row) => [row.channelId, row.style])).toEqual([
        ['400000000000000001', 'board'],
        ['400000000000000002', 'log'],
      ]);
    });

    it('sets and clears the signing token of every subscription of one system only', async () => {
      const { store } = await fresh();
      await store.put(subscription());
      await store.put(subscription({ channelId: '400000000000000002' }));
      await store.put(subscription({ systemUuid: OTHER_SYSTEM }));
      expect(await store.setSigningToken(SYSTEM, SEALED)).toBe(2);
      expect((await store.forSystem(SYSTEM)).map((row) => row.signingToken)).toEqual([SEALED, SEALED]);
      expect((await store.forSystem(OTHER_SYSTEM))[0]!.signingToken).toBeNull();
      expect(await store.setSigningToken(SYSTEM, null)).toBe(2);
      expect((await store.forSystem(SYSTEM)).map((row) => row.signingToken)).toEqual([null, null]);
    });

    it('updates only the progress given, and says whether the subscription was there', async () => {
      const { store } = await fresh();
      await store.put(subscription({ lastPosted: 'before' }));
      expect(await store.update(SYSTEM, '400000000000000001', { boardMessageId: '500000000000000002', lastEventAt: 7 })).toBe(true);
      expect(await store.get(SYSTEM, '400000000000000001')).toMatchObject({ boardMessageId: '500000000000000002', lastEventAt: 7, lastPosted: 'before', health: 'ok' });
      expect(await store.update(SYSTEM, '400000000000000001', { boardMessageId: null, health: 'token-refused' })).toBe(true);
      expect(await store.get(SYSTEM, '400000000000000001')).toMatchObject({ boardMessageId: null, health: 'token-refused' });
      expect(await store.update(SYSTEM, '400000000000000009', { lastEventAt: 1 })).toBe(false);
      expect(await store.update(SYSTEM, '400000000000000001', {})).toBe(true);
    });

    it('lists the polled subscriptions that still work, and every dispatched one', async () => {
      const { store } = await fresh();
      await store.put(subscription({ delivery: 'polling', createdAt: 1 }));
      await store.put(subscription({ delivery: 'polling', channelId: '400000000000000002', health: 'token-refused', createdAt: 2 }));
      await store.put(subscription({ systemUuid: OTHER_SYSTEM, createdAt: 3, health: 'webhook-elsewhere' }));
      await store.put(subscription({ systemUuid: OTHER_SYSTEM, channelId: '400000000000000002', createdAt: 4 }));
      expect((await store.polling()).map((row) => row.channelId)).toEqual(['400000000000000001']);
      expect((await store.dispatched()).map((row) => [row.systemUuid, row.channelId])).toEqual([
        [OTHER_SYSTEM, '400000000000000001'],
        [OTHER_SYSTEM, '400000000000000002'],
      ]);
    });

    it('copies everything out and replaces everything with a copy', async () => {
      const { store } = await fresh();
      await store.put(subscription({ signingToken: SEALED }));
      await store.put(subscription({ systemUuid: OTHER_SYSTEM, createdAt: 2 }));
      const copy = await store.snapshot();
      expect(copy).toHaveLength(2);
      const other = await fresh();
      await other.store.put(subscription({ channelId: '400000000000000009' }));
      await other.store.restore(copy);
      expect(await other.store.snapshot()).toEqual(copy);
    });

    it('removes one subscription, or all of a user', async () => {
      const { store } = await fresh();
      await store.put(subscription());
      await store.put(subscription({ channelId: '400000000000000002' }));
      await store.put(subscription({ systemUuid: OTHER_SYSTEM, discordUserId: '200000000000000002' }));
      expect(await store.remove(SYSTEM, '400000000000000001')).toBe(true);
      expect(await store.remove(SYSTEM, '400000000000000001')).toBe(false);
      expect(await store.removeForUser('200000000000000001')).toBe(1);
      expect(await store.forSystem(SYSTEM)).toEqual([]);
      expect(await store.forSystem(OTHER_SYSTEM)).toHaveLength(1);
    });

    it('grants a claim to one caller at a time until its lease ends, key by key', async () => {
      const { store } = await fresh();
      expect(await store.claim('post:a', 3_000, 10_000)).toBe(true);
      expect(await store.claim('post:a', 3_000, 12_999)).toBe(false);
      expect(await store.claim('poll:a', 3_000, 12_999)).toBe(true);
      // A lease ends at its last millisecond: the next caller gets it then, and holds it for its own lease.
      expect(await store.claim('post:a', 3_000, 13_000)).toBe(true);
      expect(await store.claim('post:a', 50, 15_999)).toBe(false);
      expect(await store.claim('post:a', 50, 16_000)).toBe(true);
    });

    it('of many callers claiming at once, exactly one gets it', async () => {
      const { store } = await fresh();
      const answers = await Promise.all(Array.from({ length: 8 }, () => store.claim('post:b', 3_000, 20_000)));
      expect(answers.filter(Boolean)).toHaveLength(1);
    });
  });
}
