import type { Config } from '../config.js';
import { openSqliteStores } from './sqlite/sqlite-stores.js';
import type { Stores } from './stores.js';

/** The stores the configuration names: PostgreSQL at DATABASE_URL, else SQLite at DATABASE_PATH. */
export async function openStores(config: Pick<Config, 'databasePath' | 'databaseUrl'>): Promise<Stores> {
  if (config.databaseUrl !== undefined) throw new Error('PostgreSQL is not supported yet');
  return openSqliteStores(config.databasePath);
}

/** The SQLite file the configuration uses (the token key file sits beside it), or undefined with PostgreSQL. */
export function sqliteFileOf(config: Pick<Config, 'databasePath' | 'databaseUrl'>): string | undefined {
  return config.databaseUrl === undefined ? config.databasePath : undefined;
}
