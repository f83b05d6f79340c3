import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openSqliteStores, type SqliteStores } from '../../src/stores/sqlite/sqlite-stores.js';

/** A fresh directory per call, removed after the test that made it. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-stores-'));
    made.push(dir);
    return dir;
  };
}

/** Closes everything a test opened (stores, database handles), even when it failed half-way. */
export function useClosing(): <T extends { close(): unknown }>(opened: T) => T {
  const open: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  return (opened) => {
    open.push(opened);
    return opened;
  };
}

/** Every column of every token row plus the meta table, for "nothing changed" comparisons. */
export function snapshot(stores: Pick<SqliteStores, 'db'>): unknown {
  return {
    tokens: stores.db.prepare('SELECT * FROM tokens ORDER BY discord_user_id').all(),
    meta: stores.db.prepare('SELECT * FROM meta ORDER BY key').all(),
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

/** Opens the SQLite stores at `path` for one piece of work, as a separate process would, and closes them. */
export async function withSqliteStores<T>(path: string, use: (stores: SqliteStores) => Promise<T> | T): Promise<T> {
  const stores = openSqliteStores(path);
  try {
    return await use(stores);
  } finally {
    await stores.close();
  }
}

/** The same SQLite file opened twice on one clock, as two instances sharing it; closed together. */
export function openSqlitePair(path: string, now: () => number): { first: SqliteStores; second: SqliteStores; close(): Promise<void> } {
  const first = openSqliteStores(path, { now });
  const second = openSqliteStores(path, { now });
  return {
    first,
    second,
    async close() {
      await second.close();
      await first.close();
    },
  };
}

/**
 * For contract suites: a fresh database per call on a clock the test moves (`clock.now`), each
 * closed after the test that opened it.
 */
export function useFreshDatabases<T extends { close(): Promise<void> }>(
  open: (now: () => number) => Promise<T>,
  start: number,
): { clock: { now: number }; fresh(): Promise<T> } {
  const clock = { now: start };
  const opened: T[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });
  return {
    clock,
    async fresh() {
      const db = await open(() => clock.now);
      opened.push(db);
      return db;
    },
  };
}
