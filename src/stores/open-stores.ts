import type { Config } from '../config.js';
import { openPostgresStores } from './postgres/postgres-stores.js';
import type { PostgresPoolOptions } from './postgres/pool.js';
import { openSqliteStores } from './sqlite/sqlite-stores.js';
import type { Stores } from './stores.js';

/** The stores the configuration names: PostgreSQL at DATABASE_URL, else SQLite at DATABASE_PATH. */
export async function openStores(config: Pick<Config, 'databasePath' | 'databaseUrl'>, options: PostgresPoolOptions = {}): Promise<Stores> {
  if (config.databaseUrl !== undefined) return openPostgresStores(config.databaseUrl, options);
  return openSqliteStores(config.databasePath);
}

/** The SQLite file the configuration uses (the token key file sits beside it), or undefined with PostgreSQL. */
export function sqliteFileOf(config: Pick<Config, 'databasePath' | 'databaseUrl'>): string | undefined {
  return config.databaseUrl === undefined ? config.databasePath : undefined;
}
