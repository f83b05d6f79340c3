import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openSqliteStores } from '../../../src/stores/sqlite/sqlite-stores.js';
import { EncryptedTokens } from '../../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey } from '../../../src/vault/crypto.js';
import { fakeToken, snapshot, useClosing, useTempDirs } from '../helpers.js';
import { describeTokenStoreContract } from './contract.js';

const ALICE = '210000000000000001';
const BOB = '210000000000000002';
const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

describe('SQLite token store', () => {
  const tempDir = useTempDirs();
  const closing = useClosing();

  describeTokenStoreContract('SQLite', async () => {
    const path = join(tempDir(), 'switchboard.db');
    const stores = openSqliteStores(path);
    const others: Array<{ close(): Promise<void> }> = [];
    return {
      store: stores.tokens,
      async another() {
        const other = openSqliteStores(path);
        others.push(other);
        return other.tokens;
      },
      async setColumn(user, column, value) {
        stores.db.prepare(`UPDATE tokens SET ${column} = ? WHERE discord_user_id = ?`).run(value, user);
      },
      async copyRow(from, to) {
        stores.db
          .prepare(
            `INSERT INTO tokens (discord_user_id, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at)
             SELECT ?, ciphertext, nonce, auth_tag, key_id, system_id, system_uuid, set_at, verified_at FROM tokens WHERE discord_user_id = ?`,
          )
          .run(to, from);
      },
      async dump() {
        return snapshot(stores);
      },
      async close() {
        for (const other of others) await other.close();
        await stores.close();
      },
    };
  });

  it('prepares its statements once, not on every call', async () => {
    const stores = closing(openSqliteStores(':memory:'));
    const vault = new EncryptedTokens(stores.tokens, toEncryptionKey(generateKey()));
    await vault.set(ALICE, fakeToken('alice'), SYSTEM);
    await vault.get(ALICE);
    const prepare = vi.spyOn(stores.db, 'prepare');
    for (let i = 0; i < 50; i++) {
      await vault.get(ALICE);
      await vault.get(BOB);
      await vault.systemOf(ALICE);
      await vault.has(BOB);
      await vault.markVerified(ALICE, SYSTEM);
      await vault.markVerified(ALICE);
      await vault.count();
    }
    await vault.remove(BOB);
    expect(prepare).not.toHaveBeenCalled();
  });

  it('keeps the plaintext token out of the database file and its WAL', async () => {
    const path = join(tempDir(), 'vault.db');
    const stores = openSqliteStores(path);
    const vault = new EncryptedTokens(stores.tokens, toEncryptionKey(generateKey()));
    await vault.assertKeyMatches();
    const tokens = [fakeToken('alice'), fakeToken('bob')];
    await vault.set(ALICE, tokens[0]!, SYSTEM);
    await vault.set(BOB, tokens[1]!, SYSTEM);
    await vault.markVerified(ALICE);
    await vault.get(ALICE);
    await vault.rotate(toEncryptionKey(generateKey()));

    const bytesOnDisk = (): Buffer =>
      Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file)).map((file) => readFileSync(file)));

    const beforeCheckpoint = bytesOnDisk();
    // Proves the scan sees row data at all: the system ID is stored in clear.
    expect(beforeCheckpoint.includes(Buffer.from(SYSTEM.uuid))).toBe(true);
    for (const token of tokens) {
      expect(beforeCheckpoint.includes(Buffer.from(token))).toBe(false);
      expect(beforeCheckpoint.includes(Buffer.from(token, 'utf16le'))).toBe(false);
    }

    stores.db.pragma('wal_checkpoint(TRUNCATE)');
    await stores.close();
    const afterClose = bytesOnDisk();
    expect(afterClose.includes(Buffer.from(SYSTEM.uuid))).toBe(true);
    for (const token of tokens) expect(afterClose.includes(Buffer.from(token))).toBe(false);
  });
});
