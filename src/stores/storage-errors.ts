/*
 * What a store raises when it cannot do its job, whatever the database behind it: the error funnel
 * words these for users (src/render/storage.ts) and never calls them "please try again" faults.
 */

/** Why the database refused: out of space, not writable, or not reachable at all. */
export type StorageFault = 'full' | 'read-only' | 'unavailable';

/** The database could not read or write just now; what was asked did not happen. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly fault: StorageFault,
    options: { cause: unknown },
  ) {
    super(`storage ${fault}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
  }
}

/** A stored record that does not read back as anything this release wrote (edited by hand, or damaged). */
export class CorruptRecordError extends Error {
  override name = 'CorruptRecordError';
  constructor(
    readonly store: string,
    readonly key: string,
  ) {
    super(`the ${store} record ${key} is damaged`);
  }
}

/** The database was set up by a newer Switchboard: refused before anything changes. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  constructor(what: string, found: number, known: number, setting: 'DATABASE_PATH' | 'DATABASE_URL' = 'DATABASE_PATH') {
    super(`the database has ${what} version ${found} but this Switchboard knows only up to ${known}; upgrade Switchboard or point ${setting} elsewhere`);
  }
}
