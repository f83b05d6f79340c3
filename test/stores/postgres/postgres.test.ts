import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migratePostgres, postgresStoreVersions } from '../../../src/stores/postgres/migrations.js';
import { openPostgresStores, POSTGRES_SCHEMAS } from '../../../src/stores/postgres/postgres-stores.js';
import { SchemaTooNewError, StorageError } from '../../../src/stores/storage-errors.js';
import { EncryptedTokens } from '../../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey } from '../../../src/vault/crypto.js';
import { fakeToken } from '../helpers.js';
import { postgresAdminUrl, usePostgresDatabase } from '../../support/postgres.js';

const LATEST = Object.fromEntries(POSTGRES_SCHEMAS.map((schema) => [schema.store, schema.migrations.length]));
const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

describe.skipIf(!postgresAdminUrl)('PostgreSQL stores: migrations and faults', () => {
  const database = usePostgresDatabase();

  it('several instances starting together migrate once (an advisory lock), and all open', async () => {
    const url = await database.fresh();
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 2 }));
    try {
      const applied = await Promise.all(pools.map((pool) => migratePostgres(pool, POSTGRES_SCHEMAS)));
      expect(applied.reduce((sum, count) => sum + count, 0)).toBe(Object.values(LATEST).reduce((sum, count) => sum + count, 0));
      expect(await postgresStoreVersions(pools[0]!)).toEqual(LATEST);
      const stores = await Promise.all([openPostgresStores(url), openPostgresStores(url)]);
      for (const opened of stores) await opened.close();
    } finally {
      for (const pool of pools) await pool.end();
    }
  });

  it('refuses a database a newer Switchboard migrated, naming DATABASE_URL, and changes nothing', async () => {
    const url = await database.fresh();
    (await openPostgresStores(url)).close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query("UPDATE schema_versions SET version = 42 WHERE store = 'tokens'");
      const error = await openPostgresStores(url).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SchemaTooNewError);
      expect((error as Error).message).toBe(`the database has tokens schema version 42 but this Switchboard knows only up to ${LATEST.tokens}; upgrade Switchboard or point DATABASE_URL elsewhere`);
      expect((await admin.query("SELECT version FROM schema_versions WHERE store = 'tokens'")).rows).toEqual([{ version: 42 }]);
    } finally {
      await admin.end();
    }
  });

  it('a read-only database: writes raise StorageError read-only, reads still work', async () => {
    const url = await database.fresh();
    const stores = await openPostgresStores(url);
    const key = toEncryptionKey(generateKey());
    await new EncryptedTokens(stores.tokens, key).set('210000000000000001', fakeToken('a'), SYSTEM);
    await stores.close();
    // Every transaction read-only, as on a server put into read-only mode.
    const readOnlyUrl = new URL(url);
    readOnlyUrl.searchParams.set('options', `${readOnlyUrl.searchParams.get('options')} -c default_transaction_read_only=on`);

    const readOnly = await openPostgresStores(readOnlyUrl.toString());
    try {
      const again = new EncryptedTokens(readOnly.tokens, key);
      await expect(readOnly.interactionState.create('switch.delete', 'u1', {}, 60_000)).rejects.toThrow(expect.objectContaining({ name: 'StorageError', fault: 'read-only' }));
      await expect(readOnly.handledInteractions.claim('1', 1_000)).rejects.toThrow(StorageError);
      await expect(again.set('210000000000000002', fakeToken('b'), SYSTEM)).rejects.toThrow(expect.objectContaining({ fault: 'read-only' }));
      expect(await readOnly.tokens.count()).toBe(1);
    } finally {
      await readOnly.close();
    }
  });

  it('an unreachable server is a StorageError "unavailable" at start', async () => {
    const error = await openPostgresStores('postgres://postgres@127.0.0.1:1/nowhere').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'StorageError', fault: 'unavailable' });
  });

  it('a connection the server dropped while idle is reported, and the next call reconnects', async () => {
    const url = await database.fresh();
    const idleErrors: Error[] = [];
    const stores = await openPostgresStores(url, { onIdleError: (error) => idleErrors.push(error) });
    try {
      await stores.registration.recordRegistration('before');
      const admin = new pg.Client({ connectionString: postgresAdminUrl! });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [new URL(url).pathname.slice(1)]);
      await admin.end();
      for (let waited = 0; idleErrors.length === 0 && waited < 3_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(idleErrors.length).toBeGreaterThan(0);
      expect(await stores.registration.registered()).toMatchObject({ hash: 'before' });
    } finally {
      await stores.close();
    }
  });
});
