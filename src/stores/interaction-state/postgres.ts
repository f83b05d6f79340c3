import type pg from 'pg';
import type { PostgresSchema } from '../postgres/migrations.js';
import { inTransaction, postgresCall } from '../postgres/pool.js';
import { CorruptRecordError } from '../storage-errors.js';
import {
  claimRow,
  KEEP_EXPIRED_MS,
  type ClaimOptions,
  type ClaimResult,
  type InteractionStateStore,
  type StateRow,
  type StoredStateRow,
} from './interaction-state-store.js';
import { newStateKey, parseStateRow, toStoredStateRow } from './rows.js';

export const INTERACTION_STATE_POSTGRES_SCHEMA: PostgresSchema = {
  store: 'interaction_state',
  migrations: [
    `CREATE TABLE interaction_state (
       key        TEXT PRIMARY KEY,
       kind       TEXT NOT NULL,
       user_id    TEXT NOT NULL,
       payload    TEXT NOT NULL,
       status     TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'cancelled', 'done')),
       created_at BIGINT NOT NULL,
       expires_at BIGINT NOT NULL,
       claimed_at BIGINT
     );
     CREATE INDEX interaction_state_expiry ON interaction_state (expires_at);`,
    // One user's rows of one kind, for the cap on how many views a user keeps.
    `CREATE INDEX interaction_state_owner ON interaction_state (kind, user_id, created_at);`,
  ],
};

/** Sweep old rows about once per this many writes (per instance). */
const SWEEP_EVERY = 200;

export class PostgresInteractionStateStore implements InteractionStateStore {
  private writes = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  create<T>(kind: string, userId: string, payload: T, ttlMs: number): Promise<string> {
    return postgresCall(async () => {
      const key = newStateKey();
      const now = this.now();
      await this.pool.query(
        "INSERT INTO interaction_state (key, kind, user_id, payload, status, created_at, expires_at, claimed_at) VALUES ($1, $2, $3, $4, 'open', $5, $6, NULL)",
        [key, kind, userId, JSON.stringify(payload), now, now + ttlMs],
      );
      if (++this.writes % SWEEP_EVERY === 0) await this.pool.query('DELETE FROM interaction_state WHERE expires_at < $1', [now - KEEP_EXPIRED_MS]);
      return key;
    });
  }

  read<T = unknown>(key: string): Promise<StateRow<T> | undefined> {
    return postgresCall(async () => this.parsed<T>(key, (await this.pool.query('SELECT * FROM interaction_state WHERE key = $1', [key])).rows[0]));
  }

  isExpired(row: Pick<StateRow, 'expiresAt'>): boolean {
    return row.expiresAt <= this.now();
  }

  claim<T = unknown>(key: string, userId: string, to: 'claimed' | 'cancelled' | 'done', options?: ClaimOptions): Promise<ClaimResult<T>> {
    const now = this.now();
    // Each a single statement: under concurrent presses PostgreSQL re-checks the WHERE on the row's latest version.
    return claimRow<T>(
      {
        claimOpen: () =>
          postgresCall(async () =>
            this.parsed<T>(
              key,
              (
                await this.pool.query(
                  "UPDATE interaction_state SET status = $1, claimed_at = $2 WHERE key = $3 AND user_id = $4 AND status = 'open' AND expires_at > $2 RETURNING *",
                  [to, now, key, userId],
                )
              ).rows[0],
            ),
          ),
        takeOver: (claimedAt) =>
          postgresCall(async () =>
            this.parsed<T>(
              key,
              (
                await this.pool.query("UPDATE interaction_state SET claimed_at = $1 WHERE key = $2 AND status = 'claimed' AND claimed_at = $3 RETURNING *", [
                  now,
                  key,
                  claimedAt,
                ])
              ).rows[0],
            ),
          ),
        read: () => this.read<T>(key),
      },
      userId,
      to,
      now,
      options,
    );
  }

  finish(key: string): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query("UPDATE interaction_state SET status = 'done' WHERE key = $1", [key]);
    });
  }

  reopen<T>(key: string, payload: T, ttlMs: number): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query("UPDATE interaction_state SET status = 'open', payload = $1, expires_at = $2, claimed_at = NULL WHERE key = $3", [
        JSON.stringify(payload),
        this.now() + ttlMs,
        key,
      ]);
    });
  }

  update<T>(key: string, payload: T, ttlMs: number): Promise<boolean> {
    return postgresCall(async () => {
      const now = this.now();
      const result = await this.pool.query(
        "UPDATE interaction_state SET payload = $1, expires_at = $2 WHERE key = $3 AND status = 'open' AND expires_at > $4",
        [JSON.stringify(payload), now + ttlMs, key, now],
      );
      return result.rowCount === 1;
    });
  }

  sweep(): Promise<number> {
    return postgresCall(async () => (await this.pool.query('DELETE FROM interaction_state WHERE expires_at < $1', [this.now() - KEEP_EXPIRED_MS])).rowCount ?? 0);
  }

  forgetUser(userId: string): Promise<number> {
    return postgresCall(async () => (await this.pool.query('DELETE FROM interaction_state WHERE user_id = $1', [userId])).rowCount ?? 0);
  }

  keepNewest(kind: string, userId: string, count: number): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        'DELETE FROM interaction_state WHERE kind = $1 AND user_id = $2 AND key NOT IN (SELECT key FROM interaction_state WHERE kind = $1 AND user_id = $2 ORDER BY created_at DESC, key DESC LIMIT $3)',
        [kind, userId, count],
      );
    });
  }

  snapshot(): Promise<StoredStateRow[]> {
    return postgresCall(async () => (await this.pool.query('SELECT * FROM interaction_state ORDER BY key COLLATE "C"')).rows.map(toStoredStateRow));
  }

  restore(rows: readonly StoredStateRow[]): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM interaction_state');
      for (const row of rows) {
        await client.query(
          'INSERT INTO interaction_state (key, kind, user_id, payload, status, created_at, expires_at, claimed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [row.key, row.kind, row.userId, row.payload, row.status, row.createdAt, row.expiresAt, row.claimedAt],
        );
      }
    });
  }

  /** The row as written, or undefined for none; a row that does not read back is dropped and reported. */
  private async parsed<T>(key: string, raw: unknown): Promise<StateRow<T> | undefined> {
    if (raw === undefined) return undefined;
    const row = parseStateRow<T>(raw);
    if (row) return row;
    await this.pool.query('DELETE FROM interaction_state WHERE key = $1', [key]);
    throw new CorruptRecordError('interaction_state', key);
  }
}
