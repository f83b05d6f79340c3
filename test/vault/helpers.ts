import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach } from 'vitest';

/** A fresh directory per call, removed after the test that made it. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-vault-'));
    made.push(dir);
    return dir;
  };
}

/** Closes every database a test opened, even when it failed half-way. */
export function useDatabases(): (db: Database.Database) => Database.Database {
  const open: Database.Database[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
  });
  return (db) => {
    open.push(db);
    return db;
  };
}

/** Every column of every row plus the meta table, for "nothing changed" comparisons. */
export function snapshot(db: Database.Database): unknown {
  return {
    tokens: db.prepare('SELECT * FROM tokens ORDER BY discord_user_id').all(),
    meta: db.prepare('SELECT * FROM meta ORDER BY key').all(),
  };
}

export function flipFirstByte(value: Buffer): Buffer {
  const copy = Buffer.from(value);
  copy[0] = copy[0]! ^ 0x01;
  return copy;
}

/** Looks like a PluralKit token (64 URL-safe characters) and is unique per call. */
export function fakeToken(seed: string): string {
  return `${seed}-${'Zq7'.repeat(30)}`.slice(0, 64);
}
