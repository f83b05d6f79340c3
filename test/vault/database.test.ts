import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/vault/database.js';
import { deleteMeta, getMeta, setMeta } from '../../src/vault/meta.js';
import { migrate, SCHEMA_VERSION, SchemaTooNewError } from '../../src/vault/migrations.js';
import { useDatabases, useTempDirs } from './helpers.js';

function tableColumns(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).all() as Array<{ name: string }>).map((c) => c.name);
}

describe('openDatabase and migrations', () => {
  const tempDir = useTempDirs();
  const track = useDatabases();

  it('creates missing parent directories, the schema, WAL mode, foreign keys and a busy timeout', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'switchboard.db');
    const db = track(openDatabase(path));
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
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
  });

  it('re-opening keeps the data and runs no migration twice', () => {
    const path = join(tempDir(), 'switchboard.db');
    const first = openDatabase(path);
    setMeta(first, 'command_hash', 'abc');
    first.close();

    const second = track(openDatabase(path));
    expect(getMeta(second, 'command_hash')).toBe('abc');
    expect(migrate(second)).toBe(0);
    expect(second.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('migrates an existing empty SQLite file', () => {
    const path = join(tempDir(), 'empty.db');
    new Database(path).close();
    const db = track(openDatabase(path));
    expect(tableColumns(db, 'tokens')).toContain('ciphertext');
  });

  it('refuses a database from a newer schema and closes it', () => {
    const path = join(tempDir(), 'future.db');
    const future = new Database(path);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => openDatabase(path)).toThrow(SchemaTooNewError);
  });

  it('rolls back a migration step that fails, leaving the version where it was', () => {
    const path = join(tempDir(), 'clash.db');
    const clash = new Database(path);
    // A table of that name already exists, so migration 1 fails half-way (after creating meta).
    clash.exec('CREATE TABLE tokens (x INTEGER)');
    clash.close();
    expect(() => openDatabase(path)).toThrow(/tokens/);
    const db = track(new Database(path));
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tableColumns(db, 'meta')).toEqual([]);
  });

  it('supports :memory: for tests', () => {
    const db = track(openDatabase(':memory:'));
    setMeta(db, 'k', 'v1');
    setMeta(db, 'k', 'v2');
    expect(getMeta(db, 'k')).toBe('v2');
    expect(getMeta(db, 'missing')).toBeUndefined();
    expect(deleteMeta(db, 'k')).toBe(true);
    expect(getMeta(db, 'k')).toBeUndefined();
  });
});
