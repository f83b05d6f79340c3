import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openPostgresStores, type PostgresStores } from '../../src/stores/postgres/postgres-stores.js';

/** The admin URL of the PostgreSQL the run found (test/support/services-setup.ts), or null: then skip. */
export const postgresAdminUrl: string | null = inject('postgresUrl');

async function asAdmin(sql: string, url = postgresAdminUrl!): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The URL of a database on the same server with another name, optionally inside one schema of it. */
export function databaseUrl(name: string, schema?: string): string {
  const url = new URL(postgresAdminUrl!);
  url.pathname = `/${name}`;
  if (schema) url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A database of this test file's own, created before its tests and dropped after them. Call in a
 * `describe.skipIf(!postgresAdminUrl)` block. `fresh()` gives an empty place in it for one test:
 * a schema of its own (much quicker to make than a database), reached through the URL it returns.
 */
export function usePostgresDatabase(): { url(): string; fresh(): Promise<string> } {
  const name = `switchboard_test_${randomBytes(6).toString('hex')}`;
  let created = false;
  beforeAll(async () => {
    await asAdmin(`CREATE DATABASE ${name}`);
    created = true;
  });
  afterAll(async () => {
    if (created) await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return {
    url: () => databaseUrl(name),
    async fresh() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await asAdmin(`CREATE SCHEMA ${schema}`, databaseUrl(name));
      return databaseUrl(name, schema);
    },
  };
}

/** Opens the stores on a fresh database of this file, on the given clock; `another()` is a second instance on the same database. */
export async function openPostgresPair(
  database: { fresh(): Promise<string> },
  now?: () => number,
): Promise<{ first: PostgresStores; another(): Promise<PostgresStores>; close(): Promise<void> }> {
  const url = await database.fresh();
  const opened = [await openPostgresStores(url, { now })];
  return {
    first: opened[0]!,
    async another() {
      const other = await openPostgresStores(url, { now });
      opened.push(other);
      return other;
    },
    async close() {
      for (const stores of opened.reverse()) await stores.close();
    },
  };
}
