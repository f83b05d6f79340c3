import type pg from 'pg';
import type { PostgresSchema } from '../postgres/migrations.js';
import { inTransaction, postgresCall } from '../postgres/pool.js';
import type { Preferences, PreferencesStore, StoredPreferences } from './preferences-store.js';
import { toPreferences } from './rows.js';

export const PREFERENCES_POSTGRES_SCHEMA: PostgresSchema = {
  store: 'preferences',
  migrations: ['CREATE TABLE user_preferences (user_id TEXT PRIMARY KEY, value TEXT NOT NULL);'],
};

export class PostgresPreferencesStore implements PreferencesStore {
  constructor(private readonly pool: pg.Pool) {}

  get(userId: string): Promise<Preferences | undefined> {
    return postgresCall(async () => toPreferences(userId, (await this.pool.query('SELECT value FROM user_preferences WHERE user_id = $1', [userId])).rows[0]));
  }

  set(userId: string, preferences: Preferences): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query('INSERT INTO user_preferences (user_id, value) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET value = EXCLUDED.value', [userId, JSON.stringify(preferences)]);
    });
  }

  forgetUser(userId: string): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query('DELETE FROM user_preferences WHERE user_id = $1', [userId]);
    });
  }

  snapshot(): Promise<StoredPreferences[]> {
    return postgresCall(async () => (await this.pool.query<StoredPreferences>('SELECT user_id AS "userId", value FROM user_preferences ORDER BY user_id')).rows);
  }

  restore(rows: readonly StoredPreferences[]): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM user_preferences');
      for (const row of rows) await client.query('INSERT INTO user_preferences (user_id, value) VALUES ($1, $2)', [row.userId, row.value]);
    });
  }
}
