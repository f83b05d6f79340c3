import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPostgresStores } from '../src/stores/postgres/postgres-stores.js';
import { openSqliteStores } from '../src/stores/sqlite/sqlite-stores.js';
import type { Stores } from '../src/stores/stores.js';

/*
 * What the interaction-state store costs per call on each database, one call at a time as a
 * press is handled: writing a prompt, reading it back, and the atomic claim of a press.
 * PostgreSQL is the local server (BENCH_POSTGRES_URL, else 127.0.0.1:5432 as user postgres),
 * in a database made for the run and dropped after it.
 */

const CALLS = 2_000;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function microsPerCall(run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await run(i);
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await run(i);
  return Math.round(((performance.now() - started) * 1000) / CALLS);
}

async function measure(label: string, stores: Stores): Promise<Record<string, number>> {
  const state = stores.interactionState;
  const keys: string[] = [];
  const write = await microsPerCall(async (i) => keys.push(await state.create('switch.delete', 'u1', { switchId: `s${i}`, at: '2026-05-01T14:30:00Z' }, 300_000)));
  const read = await microsPerCall((i) => state.read(keys[i % keys.length]!));
  const claim = await microsPerCall((i) => state.claim(keys[i]!, 'u1', 'claimed', { leaseMs: 120_000 }));
  return {
    [`${label}: interaction-state write (µs per call)`]: write,
    [`${label}: interaction-state read (µs per call)`]: read,
    [`${label}: prompt claim (µs per call)`]: claim,
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function benchStores(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-stores-'));
  const figures: Record<string, number | string> = {};
  const sqlite = openSqliteStores(join(dir, 'switchboard.db'));
  try {
    Object.assign(figures, await measure('SQLite (WAL, synchronous FULL)', sqlite));
  } finally {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const name = `switchboard_bench_${randomBytes(4).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch {
    figures.PostgreSQL = `skipped: not reachable at ${new URL(ADMIN_URL).host} (set BENCH_POSTGRES_URL)`;
    return figures;
  }
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const postgres = await openPostgresStores(url.toString());
    try {
      Object.assign(figures, await measure('PostgreSQL (local, one connection in use)', postgres));
    } finally {
      await postgres.close();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  return figures;
}
