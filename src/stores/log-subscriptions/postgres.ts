import type pg from 'pg';
import type { PostgresSchema } from '../postgres/migrations.js';
import { inTransaction, postgresCall } from '../postgres/pool.js';
import type { LogProgress, LogSubscription, LogSubscriptionStore, SealedSecret } from './log-subscription-store.js';
import { progressAssignments, SUBSCRIPTION_COLUMNS, subscriptionValues, toLogSubscription } from './rows.js';

export const LOG_SUBSCRIPTIONS_POSTGRES_SCHEMA: PostgresSchema = {
  store: 'log_subscriptions',
  migrations: [
    `CREATE TABLE log_subscriptions (
       system_uuid      TEXT NOT NULL,
       channel_id       TEXT NOT NULL,
       guild_id         TEXT NOT NULL,
       discord_user_id  TEXT NOT NULL,
       system_id        TEXT NOT NULL,
       style            TEXT NOT NULL,
       privacy          TEXT NOT NULL,
       delivery         TEXT NOT NULL,
       token_ciphertext BYTEA,
       token_nonce      BYTEA,
       token_auth_tag   BYTEA,
       token_key_id     TEXT,
       board_message_id TEXT,
       last_posted      TEXT,
       last_event_at    BIGINT,
       last_post_at     BIGINT,
       health           TEXT NOT NULL,
       created_at       BIGINT NOT NULL,
       PRIMARY KEY (system_uuid, channel_id)
     );
     CREATE INDEX log_subscriptions_by_user ON log_subscriptions (discord_user_id);`,
    // Which instance does a system's work now (claim); one row per kind of work and system.
    `CREATE TABLE log_claims (
       claim_key     TEXT PRIMARY KEY,
       claimed_until BIGINT NOT NULL
     );`,
  ],
};

const UPSERT = `INSERT INTO log_subscriptions (${SUBSCRIPTION_COLUMNS.join(', ')}) VALUES (${SUBSCRIPTION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (system_uuid, channel_id) DO UPDATE SET ${SUBSCRIPTION_COLUMNS.slice(2)
    .map((column) => `${column} = EXCLUDED.${column}`)
    .join(', ')}`;

export class PostgresLogSubscriptionStore implements LogSubscriptionStore {
  constructor(private readonly pool: pg.Pool) {}

  put(subscription: LogSubscription): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(UPSERT, subscriptionValues(subscription));
    });
  }

  get(systemUuid: string, channelId: string): Promise<LogSubscription | undefined> {
    return postgresCall(async () => {
      const row: unknown = (await this.pool.query('SELECT * FROM log_subscriptions WHERE system_uuid = $1 AND channel_id = $2', [systemUuid, channelId])).rows[0];
      return row === undefined ? undefined : toLogSubscription(row);
    });
  }

  forSystem(systemUuid: string): Promise<LogSubscription[]> {
    return this.list('WHERE system_uuid = $1', systemUuid);
  }

  forUser(discordUserId: string): Promise<LogSubscription[]> {
    return this.list('WHERE discord_user_id = $1', discordUserId);
  }

  polling(): Promise<LogSubscription[]> {
    return this.list("WHERE delivery = 'polling' AND health = 'ok'");
  }

  dispatched(): Promise<LogSubscription[]> {
    return this.list("WHERE delivery = 'dispatch'");
  }

  setSigningToken(systemUuid: string, token: SealedSecret | null): Promise<number> {
    return postgresCall(async () => {
      const result = await this.pool.query(
        'UPDATE log_subscriptions SET token_ciphertext = $1, token_nonce = $2, token_auth_tag = $3, token_key_id = $4 WHERE system_uuid = $5',
        [token?.ciphertext ?? null, token?.nonce ?? null, token?.authTag ?? null, token?.keyId ?? null, systemUuid],
      );
      return result.rowCount ?? 0;
    });
  }

  update(systemUuid: string, channelId: string, progress: LogProgress): Promise<boolean> {
    return postgresCall(async () => {
      const set = progressAssignments(progress);
      if (set.length === 0) return (await this.pool.query('SELECT 1 FROM log_subscriptions WHERE system_uuid = $1 AND channel_id = $2', [systemUuid, channelId])).rowCount === 1;
      const sql = `UPDATE log_subscriptions SET ${set.map(({ column }, i) => `${column} = $${i + 1}`).join(', ')} WHERE system_uuid = $${set.length + 1} AND channel_id = $${set.length + 2}`;
      return (await this.pool.query(sql, [...set.map(({ value }) => value), systemUuid, channelId])).rowCount === 1;
    });
  }

  remove(systemUuid: string, channelId: string): Promise<boolean> {
    return postgresCall(async () => (await this.pool.query('DELETE FROM log_subscriptions WHERE system_uuid = $1 AND channel_id = $2', [systemUuid, channelId])).rowCount === 1);
  }

  removeForUser(discordUserId: string): Promise<number> {
    return postgresCall(async () => (await this.pool.query('DELETE FROM log_subscriptions WHERE discord_user_id = $1', [discordUserId])).rowCount ?? 0);
  }

  claim(key: string, leaseMs: number, now: number): Promise<boolean> {
    // One statement: of two callers, exactly one inserts or changes the row (the other waits for its lock, then sees it held).
    return postgresCall(
      async () =>
        (
          await this.pool.query(
            `INSERT INTO log_claims (claim_key, claimed_until) VALUES ($1, $2)
             ON CONFLICT (claim_key) DO UPDATE SET claimed_until = EXCLUDED.claimed_until WHERE log_claims.claimed_until <= $3`,
            [key, now + leaseMs, now],
          )
        ).rowCount === 1,
    );
  }

  snapshot(): Promise<LogSubscription[]> {
    return this.list('');
  }

  restore(rows: readonly LogSubscription[]): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM log_subscriptions');
      for (const row of rows) await client.query(UPSERT, subscriptionValues(row));
    });
  }

  private list(where: string, ...values: unknown[]): Promise<LogSubscription[]> {
    return postgresCall(async () =>
      (await this.pool.query(`SELECT * FROM log_subscriptions ${where} ORDER BY created_at, system_uuid COLLATE "C", channel_id COLLATE "C"`, values)).rows.map(toLogSubscription),
    );
  }
}
