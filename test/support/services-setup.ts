import pg from 'pg';
import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';

/*
 * vitest globalSetup: finds the services the PostgreSQL and Redis suites need, once per run.
 * Without them those suites are skipped with one line saying so; with REQUIRE_SERVICES=1 (set by
 * .ci/run) a missing service fails the run instead.
 */

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

async function redisReachable(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) await client.close().catch(() => undefined);
  }
}

/** One line when a service is missing: skipped, or (REQUIRE_SERVICES=1) a failure. */
function missing(service: string, suites: string, where: string, howTo: string): void {
  if (process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`REQUIRE_SERVICES=1 but ${service} is not reachable at ${where}: ${howTo}.`);
  }
  console.log(`Skipped the ${service} suites (${suites}): ${service} is not reachable at ${where}. To run them, ${howTo}; REQUIRE_SERVICES=1 makes this a failure.`);
}

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
  const redisUrl = process.env.TEST_REDIS_URL?.trim() || DEFAULT_TEST_REDIS_URL;
  const [available, redisAvailable] = await Promise.all([reachable(url), redisReachable(redisUrl)]);
  project.provide('postgresUrl', available ? url : null);
  project.provide('redisUrl', redisAvailable ? redisUrl : null);
  if (!available) missing('PostgreSQL', 'test/**/postgres*.test.ts', new URL(url).host, 'start PostgreSQL 15 there (user postgres, trust auth) or set TEST_POSTGRES_URL');
  if (!redisAvailable) missing('Redis', 'test/**/redis*.test.ts, test/instances', new URL(redisUrl).host, 'start Redis 7 there or set TEST_REDIS_URL');
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** An admin URL of a reachable PostgreSQL (its `postgres` database), or null when there is none. */
    postgresUrl: string | null;
    /** The URL of a reachable Redis, or null when there is none. */
    redisUrl: string | null;
  }
}
