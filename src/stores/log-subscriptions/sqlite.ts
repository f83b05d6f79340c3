import type Database from 'better-sqlite3';
import { sqliteCall } from '../sqlite/faults.js';
import type { SqliteSchema } from '../sqlite/migrations.js';
import type { LogProgress, LogSubscription, LogSubscriptionStore, SealedSecret } from './log-subscription-store.js';
import { progressAssignments, SUBSCRIPTION_COLUMNS, subscriptionValues, toLogSubscription } from './rows.js';

export const LOG_SUBSCRIPTIONS_SQLITE_SCHEMA: SqliteSchema = {
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
       token_ciphertext BLOB,
       token_nonce      BLOB,
       token_auth_tag   BLOB,
       token_key_id     TEXT,
       board_message_id TEXT,
       last_posted      TEXT,
       last_event_at    INTEGER,
       last_post_at     INTEGER,
       health           TEXT NOT NULL,
       created_at       INTEGER NOT NULL,
       PRIMARY KEY (system_uuid, channel_id)
     ) STRICT;
     CREATE INDEX log_subscriptions_by_user ON log_subscriptions (discord_user_id);`,
    // Which instance does a system's work now (claim); one row per kind of work and system.
    `CREATE TABLE log_claims (
       claim_key     TEXT PRIMARY KEY,
       claimed_until INTEGER NOT NULL
     ) STRICT;`,
  ],
};

const UPSERT = `INSERT OR REPLACE INTO log_subscriptions (${SUBSCRIPTION_COLUMNS.join(', ')}) VALUES (${SUBSCRIPTION_COLUMNS.map(() => '?').join(', ')})`;

export class SqliteLogSubscriptionStore implements LogSubscriptionStore {
  constructor(private readonly db: Database.Database) {}

  put(subscription: LogSubscription): Promise<void> {
    return sqliteCall(() => {
      this.db.prepare(UPSERT).run(...subscriptionValues(subscription));
    });
  }

  get(systemUuid: string, channelId: string): Promise<LogSubscription | undefined> {
    return sqliteCall(() => {
      const row = this.db.prepare('SELECT * FROM log_subscriptions WHERE system_uuid = ? AND channel_id = ?').get(systemUuid, channelId);
      return row === undefined ? undefined : toLogSubscription(row);
    });
  }

  forSystem(systemUuid: string): Promise<LogSubscription[]> {
    return this.list('WHERE system_uuid = ?', systemUuid);
  }

  forUser(discordUserId: string): Promise<LogSubscription[]> {
    return this.list('WHERE discord_user_id = ?', discordUserId);
  }

  polling(): Promise<LogSubscription[]> {
    return this.list("WHERE delivery = 'polling' AND health = 'ok'");
  }

  dispatched(): Promise<LogSubscription[]> {
    return this.list("WHERE delivery = 'dispatch'");
  }

  setSigningToken(systemUuid: string, token: SealedSecret | null): Promise<number> {
    return sqliteCall(
      () =>
        this.db
          .prepare('UPDATE log_subscriptions SET token_ciphertext = ?, token_nonce = ?, token_auth_tag = ?, token_key_id = ? WHERE system_uuid = ?')
          .run(token?.ciphertext ?? null, token?.nonce ?? null, token?.authTag ?? null, token?.keyId ?? null, systemUuid).changes,
    );
  }

  update(systemUuid: string, channelId: string, progress: LogProgress): Promise<boolean> {
    return sqliteCall(() => {
      const set = progressAssignments(progress);
      if (set.length === 0) return this.db.prepare('SELECT 1 FROM log_subscriptions WHERE system_uuid = ? AND channel_id = ?').get(systemUuid, channelId) !== undefined;
      const sql = `UPDATE log_subscriptions SET ${set.map(({ column }) => `${column} = ?`).join(', ')} WHERE system_uuid = ? AND channel_id = ?`;
      return this.db.prepare(sql).run(...set.map(({ value }) => value), systemUuid, channelId).changes === 1;
    });
  }

  remove(systemUuid: string, channelId: string): Promise<boolean> {
    return sqliteCall(() => this.db.prepare('DELETE FROM log_subscriptions WHERE system_uuid = ? AND channel_id = ?').run(systemUuid, channelId).changes === 1);
  }

  removeForUser(discordUserId: string): Promise<number> {
    return sqliteCall(() => this.db.prepare('DELETE FROM log_subscriptions WHERE discord_user_id = ?').run(discordUserId).changes);
  }

  claim(key: string, leaseMs: number, now: number): Promise<boolean> {
    // One statement: of two callers, exactly one inserts or changes the row.
    return sqliteCall(
      () =>
        this.db
          .prepare(
            `INSERT INTO log_claims (claim_key, claimed_until) VALUES (@key, @until)
             ON CONFLICT(claim_key) DO UPDATE SET claimed_until = excluded.claimed_until WHERE log_claims.claimed_until <= @now`,
          )
          .run({ key, until: now + leaseMs, now }).changes === 1,
    );
  }

  snapshot(): Promise<LogSubscription[]> {
    return this.list('');
  }

  restore(rows: readonly LogSubscription[]): Promise<void> {
    return sqliteCall(() => {
      const insert = this.db.prepare(UPSERT);
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM log_subscriptions').run();
        for (const row of rows) insert.run(...subscriptionValues(row));
      })();
    });
  }

  private list(where: string, ...values: unknown[]): Promise<LogSubscription[]> {
    return sqliteCall(() => this.db.prepare(`SELECT * FROM log_subscriptions ${where} ORDER BY created_at, system_uuid, channel_id`).all(...values).map(toLogSubscription));
  }
}
