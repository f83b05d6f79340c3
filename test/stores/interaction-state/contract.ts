import { afterEach, describe, expect, it } from 'vitest';
import type { InteractionStateStore } from '../../../src/stores/interaction-state/interaction-state-store.js';
import { CorruptRecordError } from '../../../src/stores/storage-errors.js';
import { useFreshDatabases } from '../helpers.js';

/** An interaction-state store on a fresh database, on a clock the test moves. */
export interface InteractionStateUnderTest {
  store: InteractionStateStore;
  /** The same database through another connection (another process or instance), on the same clock. */
  another(): Promise<InteractionStateStore>;
  /** Damages a row's stored payload so it no longer reads back. */
  corrupt(key: string): Promise<void>;
  /** How many rows the database holds. */
  rows(): Promise<number>;
  close(): Promise<void>;
}

const LEASE = { leaseMs: 60_000 };

/** What every interaction-state store must do; runs unchanged against each database. */
export function describeInteractionStateContract(name: string, open: (now: () => number) => Promise<InteractionStateUnderTest>): void {
  describe(`interaction state contract: ${name}`, () => {
    const { clock, fresh } = useFreshDatabases(open, 1_000_000);
    afterEach(() => {
      clock.now += 1;
    });

    it('claims once: the second claim of either kind is told why', async () => {
      const { store } = await fresh();
      const key = await store.create('switch.delete', 'u1', { switchId: 's' }, 60_000);
      expect(key).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(await store.claim(key, 'u1', 'claimed')).toMatchObject({ ok: true, recovered: false, row: { payload: { switchId: 's' }, status: 'claimed', claimedAt: clock.now } });
      expect(await store.claim(key, 'u1', 'cancelled')).toMatchObject({ ok: false, reason: 'in-progress' });
      await store.finish(key);
      expect(await store.claim(key, 'u1', 'claimed')).toMatchObject({ ok: false, reason: 'already-done' });
    });

    it('refuses another user without consuming the row, and knows cancelled, expired and unknown rows', async () => {
      const { store } = await fresh();
      const key = await store.create('token.remove', 'u1', {}, 60_000);
      expect(await store.claim(key, 'u2', 'claimed')).toMatchObject({ ok: false, reason: 'not-yours' });
      expect(await store.claim(key, 'u1', 'cancelled')).toMatchObject({ ok: true });
      expect(await store.claim(key, 'u1', 'claimed')).toMatchObject({ ok: false, reason: 'cancelled' });
      const old = await store.create('token.remove', 'u1', {}, 10);
      clock.now += 11;
      expect(await store.claim(old, 'u1', 'claimed')).toMatchObject({ ok: false, reason: 'expired' });
      expect(await store.claim('nope', 'u1', 'claimed')).toEqual({ ok: false, reason: 'unknown' });
    });

    it('updates open rows and extends their life; reopens a claimed row with a new payload', async () => {
      const { store } = await fresh();
      const key = await store.create('switch.history', 'u1', { page: 0 }, 100);
      clock.now += 50;
      expect(await store.update(key, { page: 1 }, 100)).toBe(true);
      clock.now += 80;
      expect(await store.read(key)).toMatchObject({ payload: { page: 1 } });
      expect(store.isExpired((await store.read(key))!)).toBe(false);
      expect((await store.claim(key, 'u1', 'claimed')).ok).toBe(true);
      expect(await store.update(key, { page: 2 }, 100)).toBe(false);
      await store.reopen(key, { page: 3 }, 100);
      expect(await store.read(key)).toMatchObject({ status: 'open', payload: { page: 3 }, claimedAt: null });
      clock.now += 101;
      expect(store.isExpired((await store.read(key))!)).toBe(true);
    });

    it('sweeps rows a day past their expiry, not before', async () => {
      const { store } = await fresh();
      const key = await store.create('x.y', 'u1', {}, 1);
      clock.now += 2;
      expect(await store.sweep()).toBe(0);
      expect(await store.read(key)).toBeDefined();
      clock.now += 24 * 60 * 60 * 1000;
      expect(await store.sweep()).toBeGreaterThan(0);
      expect(await store.read(key)).toBeUndefined();
    });

    it("keeps a user's newest rows of one kind, leaving other kinds and other users alone", async () => {
      const { store } = await fresh();
      const keys: string[] = [];
      for (let i = 0; i < 5; i++) {
        keys.push(await store.create('stats.table', 'u1', { i }, 60_000));
        clock.now += 1;
      }
      const otherKind = await store.create('member.list', 'u1', {}, 60_000);
      const otherUser = await store.create('stats.table', 'u2', {}, 60_000);
      await store.keepNewest('stats.table', 'u1', 3);
      const left = await Promise.all(keys.map((key) => store.read(key)));
      expect(left.map((row) => row !== undefined)).toEqual([false, false, true, true, true]);
      expect(await store.read(otherKind)).toBeDefined();
      expect(await store.read(otherUser)).toBeDefined();
    });

    it("forgets every row of one user and nobody else's", async () => {
      const { store } = await fresh();
      const mine = [await store.create('a.b', 'u1', {}, 60_000), await store.create('c.d', 'u1', {}, 60_000)];
      const theirs = await store.create('a.b', 'u2', {}, 60_000);
      expect(await store.forgetUser('u1')).toBe(2);
      expect(await Promise.all(mine.map((key) => store.read(key)))).toEqual([undefined, undefined]);
      expect(await store.read(theirs)).toBeDefined();
    });

    it('of two instances pressing the same button at once, exactly one claims it', async () => {
      const db = await fresh();
      const other = await db.another();
      for (let round = 0; round < 10; round++) {
        const key = await db.store.create('switch.delete', 'u1', { round }, 60_000);
        const results = await Promise.all([db.store.claim(key, 'u1', 'claimed', LEASE), other.claim(key, 'u1', 'claimed', LEASE)]);
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        expect(results.find((result) => !result.ok)).toMatchObject({ reason: 'in-progress' });
      }
    });

    it('a claim left by a process that died is taken over after the lease, by one presser, even past the prompt expiry', async () => {
      const db = await fresh();
      const key = await db.store.create('switch.delete', 'u1', { id: 's' }, 90_000);
      const claimedAt = clock.now;
      expect((await db.store.claim(key, 'u1', 'claimed', LEASE)).ok).toBe(true);
      clock.now += LEASE.leaseMs - 1;
      expect(await db.store.claim(key, 'u1', 'claimed', LEASE)).toMatchObject({ ok: false, reason: 'in-progress', row: { claimedAt } });
      clock.now += 1 + 60_000;
      // Cancel, another user, and a claim without a lease never take a claim over.
      expect(await db.store.claim(key, 'u1', 'cancelled', LEASE)).toMatchObject({ ok: false, reason: 'in-progress' });
      expect(await db.store.claim(key, 'u2', 'claimed', LEASE)).toMatchObject({ ok: false, reason: 'not-yours' });
      expect(await db.store.claim(key, 'u1', 'claimed')).toMatchObject({ ok: false, reason: 'in-progress' });

      const other = await db.another();
      const results = await Promise.all([db.store.claim(key, 'u1', 'claimed', LEASE), other.claim(key, 'u1', 'claimed', LEASE)]);
      const winners = results.filter((result) => result.ok);
      expect(winners).toEqual([expect.objectContaining({ recovered: true, row: expect.objectContaining({ status: 'claimed', claimedAt: clock.now, payload: { id: 's' } }) })]);
      expect(results.find((result) => !result.ok)).toMatchObject({ reason: 'in-progress' });
      await db.store.finish(key);
      clock.now += LEASE.leaseMs + 1;
      expect(await db.store.claim(key, 'u1', 'claimed', LEASE)).toMatchObject({ ok: false, reason: 'already-done' });
    });

    it('a row that does not read back is dropped and reported, on read and on claim', async () => {
      const db = await fresh();
      const read = await db.store.create('switch.history', 'u1', { page: 0 }, 60_000);
      const pressed = await db.store.create('switch.delete', 'u1', { id: 's' }, 60_000);
      const intact = await db.store.create('switch.delete', 'u1', { id: 't' }, 60_000);
      await db.corrupt(read);
      await db.corrupt(pressed);
      await expect(db.store.read(read)).rejects.toThrow(CorruptRecordError);
      await expect(db.store.claim(pressed, 'u1', 'claimed')).rejects.toThrow(expect.objectContaining({ name: 'CorruptRecordError', key: pressed }));
      expect(await db.store.read(read)).toBeUndefined();
      expect(await db.store.claim(pressed, 'u1', 'claimed')).toEqual({ ok: false, reason: 'unknown' });
      expect(await db.rows()).toBe(1);
      expect(await db.store.read(intact)).toMatchObject({ payload: { id: 't' } });
    });

    it('copies every row into another store as is', async () => {
      const db = await fresh();
      const open = await db.store.create('a.b', 'u1', { n: 1 }, 60_000);
      const claimed = await db.store.create('a.c', 'u2', { n: 2 }, 60_000);
      await db.store.claim(claimed, 'u2', 'claimed');
      const copy = await fresh();
      await copy.store.create('x.y', 'u3', {}, 60_000);
      await copy.store.restore(await db.store.snapshot());
      expect(await copy.store.snapshot()).toEqual(await db.store.snapshot());
      expect(await copy.store.read(open)).toEqual(await db.store.read(open));
      expect(await copy.rows()).toBe(2);
    });
  });
}
