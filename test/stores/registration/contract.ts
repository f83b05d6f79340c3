import { describe, expect, it } from 'vitest';
import type { RegistrationStore } from '../../../src/stores/registration/registration-store.js';
import { useFreshDatabases } from '../helpers.js';

export interface RegistrationUnderTest {
  store: RegistrationStore;
  /** The same database through another connection (another instance), on the same clock. */
  another(): Promise<RegistrationStore>;
  close(): Promise<void>;
}

/** What every command-registration store must do; runs unchanged against each database. */
export function describeRegistrationContract(name: string, open: (now: () => number) => Promise<RegistrationUnderTest>): void {
  describe(`registration contract: ${name}`, () => {
    const { clock, fresh } = useFreshDatabases(open, 5_000_000);

    it('remembers the last registration', async () => {
      const { store } = await fresh();
      expect(await store.registered()).toBeUndefined();
      await store.recordRegistration('hash-1');
      expect(await store.registered()).toEqual({ hash: 'hash-1', registeredAt: clock.now });
      clock.now += 10;
      await store.recordRegistration('hash-2');
      expect(await store.registered()).toEqual({ hash: 'hash-2', registeredAt: clock.now });
    });

    it('of instances starting together, one claims the registration; a claim lapses after its lease', async () => {
      const db = await fresh();
      const other = await db.another();
      const claims = await Promise.all([db.store.claimRegistration('hash-1', 1_000), other.claimRegistration('hash-1', 1_000)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await db.store.claimRegistration('hash-2', 1_000)).toBe(false);
      clock.now += 1_000;
      expect(await other.claimRegistration('hash-1', 1_000)).toBe(true);
      await other.recordRegistration('hash-1');
      // Registered: nobody claims it again; a changed definition can be claimed at once.
      expect(await db.store.claimRegistration('hash-1', 1_000)).toBe(false);
      expect(await db.store.claimRegistration('hash-2', 1_000)).toBe(true);
      expect(await db.store.registered()).toMatchObject({ hash: 'hash-1' });
    });
  });
}
