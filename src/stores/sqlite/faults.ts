import { StorageError, type StorageFault } from '../storage-errors.js';

/** SQLite's result codes that mean the file cannot be written or read just now (not a bug in a statement). */
function faultOf(code: string): StorageFault | undefined {
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (/^SQLITE_(IOERR|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB|PROTOCOL)/.test(code)) return 'unavailable';
  return undefined;
}

/** The error a store raises: a storage fault as a StorageError, anything else as it was. */
export function asStorageError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  const fault = faultOf(code);
  return fault ? new StorageError(fault, { cause: error }) : error;
}

/**
 * One store call on SQLite: synchronous inside (better-sqlite3), a settled promise outside, so
 * the store interfaces stay the same for databases that answer over the network.
 */
export function sqliteCall<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(asStorageError(error));
  }
}
