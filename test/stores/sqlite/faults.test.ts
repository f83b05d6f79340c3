import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteCall } from '../../../src/stores/sqlite/faults.js';
import { openSqliteStores } from '../../../src/stores/sqlite/sqlite-stores.js';
import { StorageError } from '../../../src/stores/storage-errors.js';
import { EncryptedTokens } from '../../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey } from '../../../src/vault/crypto.js';
import { fakeToken, useClosing, useTempDirs } from '../helpers.js';

const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

describe('SQLite storage faults become StorageError', () => {
  const tempDir = useTempDirs();
  const closing = useClosing();

  it('a read-only database: every write says read-only, reads still work, nothing half-written', async () => {
    const stores = closing(openSqliteStores(join(tempDir(), 'ro.db')));
    const tokens = new EncryptedTokens(stores.tokens, toEncryptionKey(generateKey()));
    await tokens.set('210000000000000001', fakeToken('a'), SYSTEM);
    const key = await stores.interactionState.create('switch.delete', 'u1', {}, 60_000);
    stores.db.pragma('query_only = 1');

    const readOnly = expect.objectContaining({ name: 'StorageError', fault: 'read-only' });
    await expect(tokens.set('210000000000000002', fakeToken('b'), SYSTEM)).rejects.toThrow(readOnly);
    await expect(stores.interactionState.create('switch.delete', 'u1', {}, 60_000)).rejects.toThrow(readOnly);
    await expect(stores.interactionState.claim(key, 'u1', 'claimed')).rejects.toThrow(readOnly);
    await expect(stores.handledInteractions.claim('1', 1_000)).rejects.toThrow(readOnly);
    await expect(stores.registration.recordRegistration('h')).rejects.toThrow(readOnly);

    expect(await tokens.count()).toBe(1);
    expect(await stores.interactionState.read(key)).toMatchObject({ status: 'open' });
  });

  it('a full disk says full, and the write that hit it left nothing behind', async () => {
    const stores = closing(openSqliteStores(join(tempDir(), 'full.db')));
    const pages = stores.db.pragma('page_count', { simple: true }) as number;
    stores.db.pragma(`max_page_count = ${pages}`);
    let error: unknown;
    let created = 0;
    try {
      for (let i = 0; i < 10_000; i++) {
        await stores.interactionState.create('switch.delete', 'u1', { filler: 'x'.repeat(2_000) }, 60_000);
        created++;
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ fault: 'full' });
    expect((error as Error).cause).toMatchObject({ code: 'SQLITE_FULL' });
    expect((stores.db.prepare('SELECT COUNT(*) AS n FROM interaction_state').get() as { n: number }).n).toBe(created);
  });

  it('leaves other errors as they are', async () => {
    await expect(sqliteCall(() => { throw Object.assign(new Error('no such table: x'), { code: 'SQLITE_ERROR' }); })).rejects.toThrow(
      expect.not.objectContaining({ name: 'StorageError' }),
    );
    await expect(sqliteCall(() => { throw new RangeError('bad'); })).rejects.toThrow(RangeError);
    const busy = await sqliteCall(() => { throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }); }).catch((e: unknown) => e);
    expect(busy).toMatchObject({ name: 'StorageError', fault: 'unavailable' });
  });
});
