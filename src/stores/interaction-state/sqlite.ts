import type Database from 'better-sqlite3';
import { immediately } from '../sqlite/database.js';
import { sqliteCall } from '../sqlite/faults.js';
import type { SqliteSchema } from '../sqlite/migrations.js';
import { CorruptRecordError } from '../storage-errors.js';
import {
  claimRow,
  KEEP_EXPIRED_MS,
  type ClaimOptions,
  type ClaimResult,
  type InteractionStateStore,
  type StateRow,
  type StateStatus,
  type StoredStateRow,
} from './interaction-state-store.js';
import { newStateKey, parseStateRow, toStoredStateRow } from './rows.js';

export const INTERACTION_STATE_SQLITE_SCHEMA: SqliteSchema = {
  store: 'interaction_state',
  migrations: [
    // Shipped as the whole database's migration 2.
    `CREATE TABLE interaction_state (
       key        TEXT PRIMARY KEY,
       kind       TEXT NOT NULL,
       user_id    TEXT NOT NULL,
       payload    TEXT NOT NULL,
       status     TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'cancelled', 'done')),
       created_at INTEGER NOT NULL,
       expires_at INTEGER NOT NULL
     ) STRICT;
     CREATE INDEX interaction_state_expiry ON interaction_state (expires_at);`,
    // When a claim was made, so one whose process died can be taken over after a lease. Rows claimed
    // before the upgrade belong to a process that is gone: their claim dates from their creation.
    `ALTER TABLE interaction_state ADD COLUMN claimed_at INTEGER;
     UPDATE interaction_state SET claimed_at = created_at WHERE status = 'claimed';`,
    // One user's rows of one kind, for the cap on how many views a user keeps.
    `CREATE INDEX interaction_state_owner ON interaction_state (kind, user_id, created_at);`,
  ],
};

/** Sweep old rows about once per this many writes. */
const SWEEP_EVERY = 200;

type Statement = Database.Statement<unknown[], unknown>;

export class SqliteInteractionStateStore implements InteractionStateStore {
  private readonly sql: Record<'insert' | 'select' | 'claim' | 'takeOver' | 'setStatus' | 'reopen' | 'update' | 'sweep' | 'keepNewest' | 'forgetUser' | 'drop' | 'all', Statement>;
  private writes = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.sql = {
      insert: db.prepare(
        "INSERT INTO interaction_state (key, kind, user_id, payload, status, created_at, expires_at, claimed_at) VALUES (?, ?, ?, ?, 'open', ?, ?, NULL)",
      ),
      select: db.prepare('SELECT * FROM interaction_state WHERE key = ?'),
      claim: db.prepare(
        "UPDATE interaction_state SET status = ?, claimed_at = ? WHERE key = ? AND user_id = ? AND status = 'open' AND expires_at > ?",
      ),
      takeOver: db.prepare("UPDATE interaction_state SET claimed_at = ? WHERE key = ? AND status = 'claimed' AND claimed_at = ?"),
      setStatus: db.prepare('UPDATE interaction_state SET status = ? WHERE key = ?'),
      reopen: db.prepare("UPDATE interaction_state SET status = 'open', payload = ?, expires_at = ?, claimed_at = NULL WHERE key = ?"),
      update: db.prepare("UPDATE interaction_state SET payload = ?, expires_at = ? WHERE key = ? AND status = 'open' AND expires_at > ?"),
      sweep: db.prepare('DELETE FROM interaction_state WHERE expires_at < ?'),
      keepNewest: db.prepare(
        'DELETE FROM interaction_state WHERE kind = ? AND user_id = ? AND key NOT IN (SELECT key FROM interaction_state WHERE kind = ? AND user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)',
      ),
      forgetUser: db.prepare('DELETE FROM interaction_state WHERE user_id = ?'),
      drop: db.prepare('DELETE FROM interaction_state WHERE key = ?'),
      all: db.prepare('SELECT * FROM interaction_state ORDER BY key'),
    };
  }

  create<T>(kind: string, userId: string, payload: T, ttlMs: number): Promise<string> {
    return sqliteCall(() => {
      const key = newStateKey();
      const now = this.now();
      this.sql.insert.run(key, kind, userId, JSON.stringify(payload), now, now + ttlMs);
      this.maybeSweep(now);
      return key;
    });
  }

  read<T = unknown>(key: string): Promise<StateRow<T> | undefined> {
    return sqliteCall(() => this.readNow<T>(key));
  }

  isExpired(row: Pick<StateRow, 'expiresAt'>): boolean {
    return row.expiresAt <= this.now();
  }

  claim<T = unknown>(key: string, userId: string, to: 'claimed' | 'cancelled' | 'done', options?: ClaimOptions): Promise<ClaimResult<T>> {
    const now = this.now();
    return claimRow<T>(
      {
        claimOpen: () => sqliteCall(() => (this.sql.claim.run(to, now, key, userId, now).changes === 1 ? this.readNow<T>(key) : undefined)),
        takeOver: (claimedAt) => sqliteCall(() => (this.sql.takeOver.run(now, key, claimedAt).changes === 1 ? this.readNow<T>(key) : undefined)),
        read: () => this.read<T>(key),
      },
      userId,
      to,
      now,
      options,
    );
  }

  finish(key: string): Promise<void> {
    return sqliteCall(() => void this.sql.setStatus.run('done' satisfies StateStatus, key));
  }

  reopen<T>(key: string, payload: T, ttlMs: number): Promise<void> {
    return sqliteCall(() => void this.sql.reopen.run(JSON.stringify(payload), this.now() + ttlMs, key));
  }

  update<T>(key: string, payload: T, ttlMs: number): Promise<boolean> {
    return sqliteCall(() => {
      const now = this.now();
      return this.sql.update.run(JSON.stringify(payload), now + ttlMs, key, now).changes === 1;
    });
  }

  sweep(): Promise<number> {
    return sqliteCall(() => this.sql.sweep.run(this.now() - KEEP_EXPIRED_MS).changes);
  }

  forgetUser(userId: string): Promise<number> {
    return sqliteCall(() => this.sql.forgetUser.run(userId).changes);
  }

  keepNewest(kind: string, userId: string, count: number): Promise<void> {
    return sqliteCall(() => void this.sql.keepNewest.run(kind, userId, kind, userId, count));
  }

  snapshot(): Promise<StoredStateRow[]> {
    return sqliteCall(() =>
      this.sql.all.all().map(toStoredStateRow),
    );
  }

  restore(rows: readonly StoredStateRow[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO interaction_state (key, kind, user_id, payload, status, created_at, expires_at, claimed_at) VALUES (@key, @kind, @userId, @payload, @status, @createdAt, @expiresAt, @claimedAt)',
    );
    return immediately(this.db, () => {
      this.db.prepare('DELETE FROM interaction_state').run();
      for (const row of rows) insert.run(row);
    });
  }

  private readNow<T>(key: string): StateRow<T> | undefined {
    const raw = this.sql.select.get(key);
    if (raw === undefined) return undefined;
    const row = parseStateRow<T>(raw);
    if (row) return row;
    this.sql.drop.run(key);
    throw new CorruptRecordError('interaction_state', key);
  }

  private maybeSweep(now: number): void {
    if (++this.writes % SWEEP_EVERY !== 0) return;
    this.sql.sweep.run(now - KEEP_EXPIRED_MS);
  }
}
