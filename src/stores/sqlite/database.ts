import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteCall } from './faults.js';

export const IN_MEMORY = ':memory:';

/** Opens (creating if needed) the SQLite file in WAL mode; the stores' migrations run separately. */
export function openSqliteFile(path: string): Database.Database {
  if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // FULL, not WAL's usual NORMAL: a key rotation renames the key file right after its commit,
    // and that commit must not be lost to a power cut once the old key is gone.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Runs `work` in one IMMEDIATE transaction (the write lock first, so two processes never interleave), as a store call. */
export function immediately<T>(db: Database.Database, work: () => T): Promise<T> {
  return sqliteCall(() => db.transaction(work).immediate());
}
