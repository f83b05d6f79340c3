import type pg from 'pg';
import { SchemaTooNewError } from '../storage-errors.js';

/** One store's tables in PostgreSQL: its migrations in order, as for SQLite. Never edit a shipped entry. */
export interface PostgresSchema {
  store: string;
  migrations: readonly string[];
}

/** The advisory lock all instances take to migrate: of several starting together, one migrates and the others wait, then find it done. */
const MIGRATION_LOCK = 0x5357_4d31; // "SWM1"

async function storeVersion(client: pg.PoolClient, store: string): Promise<number> {
  const result = await client.query<{ version: number }>('SELECT version FROM schema_versions WHERE store = $1', [store]);
  return result.rows[0]?.version ?? 0;
}

/** Brings every store's tables up to date, each migration in its own transaction; returns how many ran. */
export async function migratePostgres(pool: pg.Pool, schemas: readonly PostgresSchema[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      // Created only when missing: a database already up to date is opened without writing anything.
      const exists = await client.query<{ found: string | null }>("SELECT to_regclass('schema_versions') AS found");
      if (exists.rows[0]?.found == null) await client.query('CREATE TABLE schema_versions (store TEXT PRIMARY KEY, version INTEGER NOT NULL)');
      for (const schema of schemas) {
        const found = await storeVersion(client, schema.store);
        if (found > schema.migrations.length) throw new SchemaTooNewError(`${schema.store} schema`, found, schema.migrations.length, 'DATABASE_URL');
      }
      let applied = 0;
      for (const schema of schemas) {
        for (let version = await storeVersion(client, schema.store); version < schema.migrations.length; version++) {
          await client.query('BEGIN');
          try {
            await client.query(schema.migrations[version]!);
            await client.query(
              'INSERT INTO schema_versions (store, version) VALUES ($1, $2) ON CONFLICT (store) DO UPDATE SET version = EXCLUDED.version',
              [schema.store, version + 1],
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
          applied++;
        }
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The version each store's tables are at (for tests and diagnostics). */
export async function postgresStoreVersions(pool: pg.Pool): Promise<Record<string, number>> {
  const result = await pool.query<{ store: string; version: number }>('SELECT store, version FROM schema_versions ORDER BY store');
  return Object.fromEntries(result.rows.map((row) => [row.store, row.version]));
}
