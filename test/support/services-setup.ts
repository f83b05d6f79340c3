import pg from 'pg';
import type { TestProject } from 'vitest/node';

/*
 * vitest globalSetup: finds the services the PostgreSQL suites need, once per run. Without them
 * those suites are skipped with one line saying so; with REQUIRE_SERVICES=1 (set by .ci/run) a
 * missing service fails the run instead.
 */

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_POSTGRES_URL?.trim() || DEFAULT_TEST_POSTGRES_URL;
  const available = await reachable(url);
  project.provide('postgresUrl', available ? url : null);
  if (available) return;
  const where = new URL(url).host;
  if (process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`REQUIRE_SERVICES=1 but PostgreSQL is not reachable at ${where}: start PostgreSQL 15 there (user postgres, trust auth) or set TEST_POSTGRES_URL.`);
  }
  console.log(
    `Skipped the PostgreSQL suites (test/**/postgres*.test.ts): PostgreSQL is not reachable at ${where}. To run them, start PostgreSQL 15 there (user postgres, trust auth) or set TEST_POSTGRES_URL; REQUIRE_SERVICES=1 makes this a failure.`,
  );
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin URL of a reachable PostgreSQL (its `postgres` database), or null when there is none. */
    postgresUrl: string | null;
  }
}
