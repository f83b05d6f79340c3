import type Database from 'better-sqlite3';
import { HANDLED_INTERACTIONS_SQLITE_SCHEMA, SqliteHandledInteractionStore } from '../handled-interactions/sqlite.js';
import { INTERACTION_STATE_SQLITE_SCHEMA, SqliteInteractionStateStore } from '../interaction-state/sqlite.js';
import { LOG_SUBSCRIPTIONS_SQLITE_SCHEMA, SqliteLogSubscriptionStore } from '../log-subscriptions/sqlite.js';
import { REGISTRATION_SQLITE_SCHEMA, SqliteRegistrationStore } from '../registration/sqlite.js';
import { IMPORT_JOBS_SQLITE_SCHEMA, SqliteImportJobStore } from '../import-jobs/sqlite.js';
import { PREFERENCES_SQLITE_SCHEMA, SqlitePreferencesStore } from '../preferences/sqlite.js';
import type { Stores } from '../stores.js';
import { SqliteTokenStore, TOKENS_SQLITE_SCHEMA } from '../tokens/sqlite.js';
import { openSqliteFile } from './database.js';
import { migrateSqlite, type SqliteSchema } from './migrations.js';

/** Every store's tables, in the order they are migrated. */
export const SQLITE_SCHEMAS: readonly SqliteSchema[] = [
  TOKENS_SQLITE_SCHEMA,
  INTERACTION_STATE_SQLITE_SCHEMA,
  REGISTRATION_SQLITE_SCHEMA,
  HANDLED_INTERACTIONS_SQLITE_SCHEMA,
  IMPORT_JOBS_SQLITE_SCHEMA,
  LOG_SUBSCRIPTIONS_SQLITE_SCHEMA,
  PREFERENCES_SQLITE_SCHEMA,
];

export class SqliteStores implements Stores {
  readonly backend = 'sqlite';
  readonly tokens: SqliteTokenStore;
  readonly interactionState: SqliteInteractionStateStore;
  readonly registration: SqliteRegistrationStore;
  readonly handledInteractions: SqliteHandledInteractionStore;
  readonly importJobs: SqliteImportJobStore;
  readonly logSubscriptions: SqliteLogSubscriptionStore;
  readonly preferences: SqlitePreferencesStore;

  /** `db` is migrated already. */
  constructor(
    /** The open file, for tools and tests that look beneath the stores. */
    readonly db: Database.Database,
    now: () => number = Date.now,
  ) {
    this.tokens = new SqliteTokenStore(db);
    this.interactionState = new SqliteInteractionStateStore(db, now);
    this.registration = new SqliteRegistrationStore(db, now);
    this.handledInteractions = new SqliteHandledInteractionStore(db, now);
    this.importJobs = new SqliteImportJobStore(db, now);
    this.logSubscriptions = new SqliteLogSubscriptionStore(db);
    this.preferences = new SqlitePreferencesStore(db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if needed) the SQLite file and brings every store's tables up to date. */
export function openSqliteStores(path: string, options: { now?: () => number } = {}): SqliteStores {
  const db = openSqliteFile(path);
  try {
    migrateSqlite(db, SQLITE_SCHEMAS);
    return new SqliteStores(db, options.now);
  } catch (error) {
    db.close();
    throw error;
  }
}
