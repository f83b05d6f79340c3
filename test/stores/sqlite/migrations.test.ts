import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteFile } from '../../../src/stores/sqlite/database.js';
import { migrateSqlite, SQLITE_LAYOUT_VERSION, sqliteStoreVersions } from '../../../src/stores/sqlite/migrations.js';
import { SchemaTooNewError } from '../../../src/stores/storage-errors.js';
import { openSqliteStores, SQLITE_SCHEMAS } from '../../../src/stores/sqlite/sqlite-stores.js';
import { EncryptedTokens } from '../../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey } from '../../../src/vault/crypto.js';
import { fakeToken, useClosing, useTempDirs } from '../helpers.js';

function tableColumns(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all() as Array<{ name: string }>).map((c) => c.name);
}

const LATEST = Object.fromEntries(SQLITE_SCHEMAS.map((schema) => [schema.store, schema.migrations.length]));

/*
 * A database as the Switchboard before per-store migrations left it: PRAGMA user_version 2,
 * made with that release's exact statements (src/vault/migrations.ts at the time).
 */
const V1_SQL = `CREATE TABLE meta (
     key   TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;
   CREATE TABLE tokens (
     discord_user_id TEXT PRIMARY KEY,
     ciphertext      BLOB NOT NULL,
     nonce           BLOB NOT NULL,
     auth_tag        BLOB NOT NULL,
     key_id          TEXT NOT NULL,
     system_id       TEXT NOT NULL,
     system_uuid     TEXT NOT NULL,
     set_at          INTEGER NOT NULL,
     verified_at     INTEGER NOT NULL
   ) STRICT;`;
const V2_SQL = `CREATE TABLE interaction_state (
     key        TEXT PRIMARY KEY,
     kind       TEXT NOT NULL,
     user_id    TEXT NOT NULL,
     payload    TEXT NOT NULL,
     status     TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'cancelled', 'done')),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX interaction_state_expiry ON interaction_state (expires_at);`;

function legacyDatabase(path: string, version: 1 | 2): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(V1_SQL);
  if (version === 2) db.exec(V2_SQL);
  db.pragma(`user_version = ${version}`);
  return db;
}

describe('SQLite file and per-store migrations', () => {
  const tempDir = useTempDirs();
  const closing = useClosing();

  it('creates missing parent directories, every store\'s tables, WAL mode, foreign keys and a busy timeout', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'switchboard.db');
    const { db } = closing(openSqliteStores(path));
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_LAYOUT_VERSION);
    expect(sqliteStoreVersions(db)).toEqual(LATEST);
    expect(tableColumns(db, 'tokens')).toEqual([
      'discord_user_id',
      'ciphertext',
      'nonce',
      'auth_tag',
      'key_id',
      'system_id',
      'system_uuid',
      'set_at',
      'verified_at',
    ]);
    expect(tableColumns(db, 'meta')).toEqual(['key', 'value']);
    expect(tableColumns(db, 'interaction_state')).toContain('claimed_at');
    expect(tableColumns(db, 'command_registration')).toContain('hash');
    expect(tableColumns(db, 'handled_interactions')).toEqual(['id', 'expires_at']);
  });

  it('re-opening keeps the data and runs no migration twice', async () => {
    const path = join(tempDir(), 'switchboard.db');
    const first = openSqliteStores(path);
    await first.registration.recordRegistration('abc');
    await first.close();

    const second = closing(openSqliteStores(path));
    expect(await second.registration.registered()).toMatchObject({ hash: 'abc' });
    expect(migrateSqlite(second.db, SQLITE_SCHEMAS)).toBe(0);
    expect(second.db.pragma('user_version', { simple: true })).toBe(SQLITE_LAYOUT_VERSION);
  });

  it('migrates an existing empty SQLite file', () => {
    const path = join(tempDir(), 'empty.db');
    new Database(path).close();
    const { db } = closing(openSqliteStores(path));
    expect(tableColumns(db, 'tokens')).toContain('ciphertext');
  });

  it('refuses a database from a newer Switchboard, by layout or by one store\'s version, and closes it', () => {
    const path = join(tempDir(), 'future.db');
    const future = new Database(path);
    future.pragma(`user_version = ${SQLITE_LAYOUT_VERSION + 1}`);
    future.close();
    expect(() => openSqliteStores(path)).toThrow(SchemaTooNewError);

    const newerStore = join(tempDir(), 'newer-store.db');
    closing(openSqliteStores(newerStore)).db.prepare("UPDATE schema_versions SET version = 99 WHERE store = 'interaction_state'").run();
    let error: unknown;
    try {
      openSqliteStores(newerStore);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toBe(
      `the database has interaction_state schema version 99 but this Switchboard knows only up to ${LATEST.interaction_state}; upgrade Switchboard or point DATABASE_PATH elsewhere`,
    );
  });

  it('ignores the tables of a store this release does not know (a newer Switchboard\'s), and keeps them', () => {
    const path = join(tempDir(), 'extra.db');
    const db = closing(openSqliteStores(path)).db;
    db.exec("CREATE TABLE newer_store (id TEXT PRIMARY KEY) STRICT; INSERT INTO schema_versions VALUES ('newer_store', 3)");
    const again = closing(openSqliteStores(path));
    expect(sqliteStoreVersions(again.db)).toEqual({ ...LATEST, newer_store: 3 });
  });

  it('rolls back a migration step that fails, leaving that store\'s version where it was', () => {
    const path = join(tempDir(), 'clash.db');
    const clash = new Database(path);
    // A table of that name already exists, so the tokens store's migration 1 fails half-way (after creating meta).
    clash.exec('CREATE TABLE tokens (x INTEGER)');
    clash.close();
    expect(() => openSqliteStores(path)).toThrow(/tokens/);
    const db = closing(new Database(path));
    expect(sqliteStoreVersions(db).tokens).toBeUndefined();
    expect(tableColumns(db, 'meta')).toEqual([]);
  });

  it('supports :memory: for tests', async () => {
    const stores = closing(openSqliteStores(':memory:'));
    await stores.registration.recordRegistration('v1');
    await stores.registration.recordRegistration('v2');
    expect(await stores.registration.registered()).toMatchObject({ hash: 'v2' });
  });

  it('opens a file without migrating it, for tools that only look', () => {
    const path = join(tempDir(), 'plain.db');
    const db = closing(openSqliteFile(path));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });

  describe('a database made by the Switchboard before per-store migrations', () => {
    it('version 2: keeps every token, prompt and key check, maps to per-store versions once, dates old claims from their creation', async () => {
      const path = join(tempDir(), 'v2.db');
      const key = toEncryptionKey(generateKey());
      // Seal a token and the key check the way that release did (same AAD, same columns), through a scratch store.
      const scratch = closing(openSqliteStores(':memory:'));
      const sealing = new EncryptedTokens(scratch.tokens, key, { now: () => new Date(1_700_000_000_000) });
      await sealing.set('210000000000000001', fakeToken('legacy'), { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' });
      const sealed = (await scratch.tokens.snapshot()).tokens[0]!;

      const legacy = legacyDatabase(path, 2);
      legacy
        .prepare('INSERT INTO tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(sealed.discordUserId, sealed.ciphertext, sealed.nonce, sealed.authTag, sealed.keyId, sealed.systemId, sealed.systemUuid, sealed.setAt, sealed.verifiedAt);
      legacy.prepare("INSERT INTO meta VALUES ('vault.key_check', ?)").run((await scratch.tokens.keyCheck())!);
      legacy.prepare("INSERT INTO meta VALUES ('commands_hash', 'old-hash')").run();
      const insertState = legacy.prepare('INSERT INTO interaction_state VALUES (?, ?, ?, ?, ?, ?, ?)');
      insertState.run('openkey000000000', 'switch.delete', 'u1', '{"id":"s"}', 'open', 1_000, 2_000_000_000_000);
      insertState.run('claimedkey000000', 'member.delete', 'u1', '{"id":"m"}', 'claimed', 5_000, 2_000_000_000_000);
      legacy.close();

      const stores = closing(openSqliteStores(path));
      expect(stores.db.pragma('user_version', { simple: true })).toBe(SQLITE_LAYOUT_VERSION);
      expect(sqliteStoreVersions(stores.db)).toEqual(LATEST);
      const tokens = new EncryptedTokens(stores.tokens, key);
      await tokens.assertKeyMatches();
      expect((await tokens.get('210000000000000001'))?.token).toBe(fakeToken('legacy'));
      expect(await stores.interactionState.read('openkey000000000')).toMatchObject({ status: 'open', payload: { id: 's' }, claimedAt: null });
      expect(await stores.interactionState.read('claimedkey000000')).toMatchObject({ status: 'claimed', claimedAt: 5_000 });
      // The registration hash is not carried over: one extra registration after the upgrade.
      expect(await stores.registration.registered()).toBeUndefined();
      await stores.close();

      const again = closing(openSqliteStores(path));
      expect(migrateSqlite(again.db, SQLITE_SCHEMAS)).toBe(0);
      expect(await again.interactionState.read('claimedkey000000')).toMatchObject({ claimedAt: 5_000 });
    });

    it('version 1 (before prompts were stored): gains the interaction-state table and keeps its tokens', () => {
      const path = join(tempDir(), 'v1.db');
      legacyDatabase(path, 1).close();
      const stores = closing(openSqliteStores(path));
      expect(sqliteStoreVersions(stores.db)).toEqual(LATEST);
      expect(tableColumns(stores.db, 'interaction_state')).toContain('claimed_at');
    });

    it('is refused by that Switchboard afterwards, which knew only up to version 2', () => {
      const path = join(tempDir(), 'v2-upgraded.db');
      legacyDatabase(path, 2).close();
      closing(openSqliteStores(path));
      const db = closing(new Database(path));
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(2);
    });
  });
});
