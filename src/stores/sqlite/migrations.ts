import type Database from 'better-sqlite3';
import { SchemaTooNewError } from '../storage-errors.js';

/**
 * One store's tables: its migrations in order, migration N bringing the store from version N-1
 * to N. Never edit a shipped entry: databases in the field already ran it.
 */
export interface SqliteSchema {
  /** The store's name in `schema_versions`. */
  store: string;
  migrations: readonly string[];
}

/**
 * `PRAGMA user_version` of a database whose stores record their versions in `schema_versions`.
 * Versions 1 and 2 were the single schema before stores had their own (meta + tokens, then
 * interaction_state); a Switchboard from before refuses this one rather than half-understand it.
 */
export const SQLITE_LAYOUT_VERSION = 3;

/** What the single schema of versions 1 and 2 had already created, as per-store versions. */
const LEGACY_VERSIONS: Record<number, Record<string, number>> = {
  1: { tokens: 1 },
  2: { tokens: 1, interaction_state: 1 },
};

const userVersion = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

function storeVersion(db: Database.Database, store: string): number {
  const row = db.prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE store = ?').get(store);
  return row?.version ?? 0;
}

/** Moves a database of the single-schema days (or a new one) to per-store versions, once. */
function adoptStoreVersions(db: Database.Database): void {
  const found = userVersion(db);
  if (found > SQLITE_LAYOUT_VERSION) throw new SchemaTooNewError('schema', found, SQLITE_LAYOUT_VERSION);
  if (found === SQLITE_LAYOUT_VERSION) return;
  // IMMEDIATE takes the write lock first, so of two processes starting together one adopts and the other sees it done.
  db.transaction(() => {
    const version = userVersion(db);
    if (version === SQLITE_LAYOUT_VERSION) return;
    db.exec('CREATE TABLE schema_versions (store TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO schema_versions (store, version) VALUES (?, ?)');
    for (const [store, storeVersion] of Object.entries(LEGACY_VERSIONS[version] ?? {})) insert.run(store, storeVersion);
    db.pragma(`user_version = ${SQLITE_LAYOUT_VERSION}`);
  }).immediate();
}

/**
 * Brings every store's tables up to date, each migration in its own transaction; returns how
 * many ran. A store whose recorded version is newer than this release knows is refused before
 * anything changes.
 */
export function migrateSqlite(db: Database.Database, schemas: readonly SqliteSchema[]): number {
  adoptStoreVersions(db);
  for (const schema of schemas) {
    const found = storeVersion(db, schema.store);
    if (found > schema.migrations.length) throw new SchemaTooNewError(`${schema.store} schema`, found, schema.migrations.length);
  }
  let applied = 0;
  for (const schema of schemas) {
    for (let version = storeVersion(db, schema.store); version < schema.migrations.length; version++) {
      db.transaction(() => {
        if (storeVersion(db, schema.store) !== version) return;
        db.exec(schema.migrations[version]!);
        db.prepare('INSERT INTO schema_versions (store, version) VALUES (?, ?) ON CONFLICT(store) DO UPDATE SET version = excluded.version').run(
          schema.store,
          version + 1,
        );
        applied++;
      }).immediate();
    }
  }
  return applied;
}

/** The version each store's tables are at (for tests and diagnostics). */
export function sqliteStoreVersions(db: Database.Database): Record<string, number> {
  if (userVersion(db) < SQLITE_LAYOUT_VERSION) return {};
  const rows = db.prepare<[], { store: string; version: number }>('SELECT store, version FROM schema_versions ORDER BY store').all();
  return Object.fromEntries(rows.map((row) => [row.store, row.version]));
}
