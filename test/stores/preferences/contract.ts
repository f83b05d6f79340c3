import { describe, expect, it } from 'vitest';
import type { PreferencesStore } from '../../../src/stores/preferences/preferences-store.js';
import { CorruptRecordError } from '../../../src/stores/storage-errors.js';
import { useFreshDatabases } from '../helpers.js';

export interface PreferencesUnderTest {
  store: PreferencesStore;
  /** The same database through another connection (another instance). */
  another(): Promise<PreferencesStore>;
  /** Writes a raw row beneath the store, as a damaged or foreign value would be. */
  writeRaw(userId: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** What every user-preferences store must do; runs unchanged against each database. */
export function describePreferencesContract(name: string, open: (now: () => number) => Promise<PreferencesUnderTest>): void {
  describe(`preferences contract: ${name}`, () => {
    const { fresh } = useFreshDatabases(open, 5_000_000);

    it('keeps each user’s choice, replaces it, and another instance reads the same', async () => {
      const db = await fresh();
      expect(await db.store.get('u1')).toBeUndefined();
      await db.store.set('u1', { replies: 'only-me' });
      await db.store.set('u2', { replies: 'public' });
      const other = await db.another();
      expect(await other.get('u1')).toEqual({ replies: 'only-me' });
      await other.set('u1', { replies: 'public' });
      expect(await db.store.get('u1')).toEqual({ replies: 'public' });
      expect(await db.store.get('u2')).toEqual({ replies: 'public' });
    });

    it('forgets one user and no other', async () => {
      const db = await fresh();
      await db.store.set('u1', { replies: 'only-me' });
      await db.store.set('u2', { replies: 'only-me' });
      await db.store.forgetUser('u1');
      expect(await db.store.get('u1')).toBeUndefined();
      expect(await db.store.get('u2')).toEqual({ replies: 'only-me' });
    });

    it('copies every user’s row as stored into another database, replacing what it held', async () => {
      const from = await fresh();
      const to = await fresh();
      await from.store.set('u1', { replies: 'only-me' });
      await from.store.set('u2', { replies: 'public' });
      await to.store.set('u9', { replies: 'only-me' });
      await to.store.restore(await from.store.snapshot());
      expect(await to.store.snapshot()).toEqual(await from.store.snapshot());
      expect(await to.store.get('u1')).toEqual({ replies: 'only-me' });
      expect(await to.store.get('u9')).toBeUndefined();
    });

    it('a value that does not read back is a corrupt record naming the user, not a default', async () => {
      const db = await fresh();
      await db.writeRaw('u3', '{"replies":"shout"}');
      await expect(db.store.get('u3')).rejects.toThrow(CorruptRecordError);
      await expect(db.store.get('u3')).rejects.toThrow(/preferences record of user u3/);
    });
  });
}
