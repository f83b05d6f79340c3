import type pg from 'pg';
import { HANDLED_INTERACTIONS_POSTGRES_SCHEMA, PostgresHandledInteractionStore } from '../handled-interactions/postgres.js';
import { INTERACTION_STATE_POSTGRES_SCHEMA, PostgresInteractionStateStore } from '../interaction-state/postgres.js';
import { LOG_SUBSCRIPTIONS_POSTGRES_SCHEMA, PostgresLogSubscriptionStore } from '../log-subscriptions/postgres.js';
import { PostgresRegistrationStore, REGISTRATION_POSTGRES_SCHEMA } from '../registration/postgres.js';
import { IMPORT_JOBS_POSTGRES_SCHEMA, PostgresImportJobStore } from '../import-jobs/postgres.js';
import { PREFERENCES_POSTGRES_SCHEMA, PostgresPreferencesStore } from '../preferences/postgres.js';
import type { Stores } from '../stores.js';
import { PostgresTokenStore, TOKENS_POSTGRES_SCHEMA } from '../tokens/postgres.js';
import { migratePostgres, type PostgresSchema } from './migrations.js';
import { openPostgresPool, postgresCall, type PostgresPoolOptions } from './pool.js';

/** Every store's tables, in the order they are migrated. */
export const POSTGRES_SCHEMAS: readonly PostgresSchema[] = [
  TOKENS_POSTGRES_SCHEMA,
  INTERACTION_STATE_POSTGRES_SCHEMA,
  REGISTRATION_POSTGRES_SCHEMA,
  HANDLED_INTERACTIONS_POSTGRES_SCHEMA,
  IMPORT_JOBS_POSTGRES_SCHEMA,
  LOG_SUBSCRIPTIONS_POSTGRES_SCHEMA,
  PREFERENCES_POSTGRES_SCHEMA,
];

export class PostgresStores implements Stores {
  readonly backend = 'postgres';
  readonly tokens: PostgresTokenStore;
  readonly interactionState: PostgresInteractionStateStore;
  readonly registration: PostgresRegistrationStore;
  readonly handledInteractions: PostgresHandledInteractionStore;
  readonly importJobs: PostgresImportJobStore;
  readonly logSubscriptions: PostgresLogSubscriptionStore;
  readonly preferences: PostgresPreferencesStore;
  private closed = false;

  /** `pool` reaches a migrated database. */
  constructor(
    /** The connections, for tools and tests that look beneath the stores. */
    readonly pool: pg.Pool,
    now: () => number = Date.now,
  ) {
    this.tokens = new PostgresTokenStore(pool);
    this.interactionState = new PostgresInteractionStateStore(pool, now);
    this.registration = new PostgresRegistrationStore(pool, now);
    this.handledInteractions = new PostgresHandledInteractionStore(pool, now);
    this.importJobs = new PostgresImportJobStore(pool, now);
    this.logSubscriptions = new PostgresLogSubscriptionStore(pool);
    this.preferences = new PostgresPreferencesStore(pool);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Connects to DATABASE_URL and brings every store's tables up to date (once, whichever instance starts first). */
export async function openPostgresStores(url: string, options: PostgresPoolOptions & { now?: () => number } = {}): Promise<PostgresStores> {
  const pool = openPostgresPool(url, options);
  try {
    await postgresCall(() => migratePostgres(pool, POSTGRES_SCHEMAS));
    return new PostgresStores(pool, options.now);
  } catch (error) {
    await pool.end();
    throw error;
  }
}
