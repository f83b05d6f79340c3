import pg from 'pg';
import { StorageError, type StorageFault } from '../storage-errors.js';

/** PostgreSQL's SQLSTATE codes (and Node's socket errors) that mean the database cannot serve just now. */
function faultOf(error: unknown): StorageFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '53100') return 'full';
  if (code === '25006') return 'read-only';
  if (typeof code === 'string' && (/^(08|53|57P)/.test(code) || /^E(CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|PIPE|HOSTUNREACH|AI_AGAIN)$/.test(code))) {
    return 'unavailable';
  }
  // node-postgres raises these without a code when a connection drops or cannot be had in time.
  const message = error instanceof Error ? error.message : '';
  if (/^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error/.test(message)) return 'unavailable';
  return undefined;
}

/** The error a store raises: a storage fault as a StorageError, anything else as it was. */
export function asPostgresStorageError(error: unknown): unknown {
  const fault = faultOf(error);
  return fault ? new StorageError(fault, { cause: error }) : error;
}

/** One store call on PostgreSQL, with storage faults raised as StorageError. */
export async function postgresCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asPostgresStorageError(error);
  }
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Runs `work` in one transaction on one connection; any throw rolls it back. */
export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return postgresCall(async () => {
    const client = await pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError;
      }
      throw error;
    } finally {
      // A connection whose rollback failed is not given back to the pool.
      client.release(broken instanceof Error ? broken : undefined);
    }
  });
}

export interface PostgresPoolOptions {
  /** Told when an idle connection fails (the database restarted); the next call reconnects. */
  onIdleError?: (error: Error) => void;
}

/** A small pool: every store of a process shares it. */
export function openPostgresPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // Without a listener an idle connection's error would end the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}
