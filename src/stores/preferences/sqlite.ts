import type Database from 'better-sqlite3';
import { immediately } from '../sqlite/database.js';
import { sqliteCall } from '../sqlite/faults.js';
import type { SqliteSchema } from '../sqlite/migrations.js';
import type { Preferences, PreferencesStore, StoredPreferences } from './preferences-store.js';
import { toPreferences } from './rows.js';

export const PREFERENCES_SQLITE_SCHEMA: SqliteSchema = {
  store: 'preferences',
  migrations: ['CREATE TABLE user_preferences (user_id TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;'],
};

export class SqlitePreferencesStore implements PreferencesStore {
  constructor(private readonly db: Database.Database) {}

  get(userId: string): Promise<Preferences | undefined> {
    return sqliteCall(() => toPreferences(userId, this.db.prepare('SELECT value FROM user_preferences WHERE user_id = ?').get(userId)));
  }

  set(userId: string, preferences: Preferences): Promise<void> {
    return sqliteCall(() => {
      this.db
        .prepare('INSERT INTO user_preferences (user_id, value) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET value = excluded.value')
        .run(userId, JSON.stringify(preferences));
    });
  }

  forgetUser(userId: string): Promise<void> {
    return sqliteCall(() => {
      this.db.prepare('DELETE FROM user_preferences WHERE user_id = ?').run(userId);
    });
  }

  snapshot(): Promise<StoredPreferences[]> {
    return sqliteCall(() => this.db.prepare('SELECT user_id AS userId, value FROM user_preferences ORDER BY user_id').all() as StoredPreferences[]);
  }

  restore(rows: readonly StoredPreferences[]): Promise<void> {
    return immediately(this.db, () => {
      this.db.prepare('DELETE FROM user_preferences').run();
      const insert = this.db.prepare('INSERT INTO user_preferences (user_id, value) VALUES (?, ?)');
      for (const row of rows) insert.run(row.userId, row.value);
    });
  }
}
