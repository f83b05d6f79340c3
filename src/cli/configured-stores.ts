import { existsSync } from 'node:fs';
import type { Config } from '../config.js';
import { openStores, sqliteFileOf } from '../stores/open-stores.js';
import { IN_MEMORY } from '../stores/sqlite/database.js';
import type { Stores } from '../stores/stores.js';
import { keyFilePathFor } from '../vault/key-file.js';
import { CliFailure } from './cli-failure.js';

export interface ConfiguredStores {
  stores: Stores;
  /** The key file beside a SQLite database; PostgreSQL has none (its key is TOKEN_ENCRYPTION_KEY). */
  keyFilePath: string | undefined;
}

/**
 * The stores an operator tool works on: PostgreSQL at DATABASE_URL, else the SQLite file at
 * DATABASE_PATH, which must exist already (a tool never creates an empty database to work on).
 */
export async function openConfiguredStores(config: Config, purpose: string): Promise<ConfiguredStores> {
  const file = sqliteFileOf(config);
  if (file === undefined) return { stores: await openStores(config), keyFilePath: undefined };
  if (file === IN_MEMORY) throw new CliFailure(`DATABASE_PATH is :memory:, so there are no stored tokens to ${purpose}.`);
  if (!existsSync(file)) throw new CliFailure(`There is no database at ${file}. Check DATABASE_PATH.`);
  return { stores: await openStores(config), keyFilePath: keyFilePathFor(file) };
}
