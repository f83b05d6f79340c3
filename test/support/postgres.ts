import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openPostgresStores, type PostgresStores } from '../../src/stores/postgres/postgres-stores.js';

/** The admin URL of the PostgreSQL the run found (test/support/services-setup.ts), or null: then skip. */
export const postgresAdminUrl: string | null = inject('postgresUrl');

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl! });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The URL of a database on the same server with another name. */
export function databaseUrl(name: string): string {
  const url = new URL(postgresAdminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A database of this test file's own, created before its tests and dropped after them. Call in a
 * `describe.skipIf(!postgresAdminUrl)` block. `fresh()` gives further empty databases, dropped
 * with it, for tests that need one each.
 */
export function usePostgresDatabase(): { url(): string; fresh(): Promise<string> } {
  const made: string[] = [];
  let main = '';
  const create = async (): Promise<string> => {
    const name = `switchboard_test_${randomBytes(6).toString('hex')}`;
    await asAdmin(`CREATE DATABASE ${name}`);
    made.push(name);
    return databaseUrl(name);
  };
  beforeAll(async () => {
    main = await create();
  });
  afterAll(async () => {
    for (const name of made.splice(0)) await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return { url: () => main, fresh: create };
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
