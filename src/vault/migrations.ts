import type Database from 'better-sqlite3';

/**
 * Schema changes in order; migration N brings PRAGMA user_version from N-1 to N.
 * Never edit a shipped entry: databases in the field already ran it.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (
     key   TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;
   CREATE TABLE tokens (
     discord_user_id TEXT PRIMARY KEY,
     ciphertext      BLOB NOT NULL,
     nonce           BLOB NOT NULL,
     auth_tag        BLOB NOT NULL,
     key_id          TEXT NOT NULL,
     system_id       TEXT NOT NULL,
     system_uuid     TEXT NOT NULL,
     set_at          INTEGER NOT NULL,
     verified_at     INTEGER NOT NULL
   ) STRICT;`,
  // Prompts, pagers and forms behind buttons and modals, so a restart between a prompt and its
  // click loses nothing. Payloads never hold a token.
  `CREATE TABLE interaction_state (
     key        TEXT PRIMARY KEY,
     kind       TEXT NOT NULL,
     user_id    TEXT NOT NULL,
     payload    TEXT NOT NULL,
     status     TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'cancelled', 'done')),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX interaction_state_expiry ON interaction_state (expires_at);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  constructor(found: number) {
    super(`the database has schema version ${found} but this Switchboard knows only up to ${SCHEMA_VERSION}; upgrade Switchboard or point DATABASE_PATH elsewhere`);
  }
}

function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration, each in its own transaction; returns how many ran. */
export function migrate(db: Database.Database): number {
  const start = schemaVersion(db);
  if (start > SCHEMA_VERSION) throw new SchemaTooNewError(start);
  let applied = 0;
  for (let version = start; version < SCHEMA_VERSION; version++) {
    // IMMEDIATE takes the write lock first, so two processes starting together cannot both run it.
    db.transaction(() => {
      if (schemaVersion(db) !== version) return;
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
      applied++;
    }).immediate();
  }
  return applied;
}
