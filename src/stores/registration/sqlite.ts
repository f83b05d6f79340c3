import type Database from 'better-sqlite3';
import { sqliteCall } from '../sqlite/faults.js';
import type { SqliteSchema } from '../sqlite/migrations.js';
import type { RegistrationRecord, RegistrationStore } from './registration-store.js';
import { toRegistrationRecord } from './rows.js';

export const REGISTRATION_SQLITE_SCHEMA: SqliteSchema = {
  store: 'registration',
  migrations: [
    // One row. The hash used to live in the tokens store's meta table; it is not carried over
    // (one extra registration after the upgrade).
    `CREATE TABLE command_registration (
       id            INTEGER PRIMARY KEY CHECK (id = 1),
       hash          TEXT,
       registered_at INTEGER,
       claim_hash    TEXT,
       claimed_until INTEGER
     ) STRICT;`,
  ],
};

export class SqliteRegistrationStore implements RegistrationStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  registered(): Promise<RegistrationRecord | undefined> {
    return sqliteCall(() => toRegistrationRecord(this.db.prepare('SELECT hash, registered_at FROM command_registration WHERE id = 1').get()));
  }

  recordRegistration(hash: string): Promise<void> {
    return sqliteCall(() => {
      this.db
        .prepare(
          `INSERT INTO command_registration (id, hash, registered_at, claim_hash, claimed_until) VALUES (1, ?, ?, NULL, NULL)
           ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, registered_at = excluded.registered_at, claim_hash = NULL, claimed_until = NULL`,
        )
        .run(hash, this.now());
    });
  }

  claimRegistration(hash: string, leaseMs: number): Promise<boolean> {
    return sqliteCall(() => {
      const now = this.now();
      // One statement: of two callers, exactly one changes the row.
      const result = this.db
        .prepare(
          `INSERT INTO command_registration (id, hash, registered_at, claim_hash, claimed_until) VALUES (1, NULL, NULL, @hash, @until)
           ON CONFLICT(id) DO UPDATE SET claim_hash = excluded.claim_hash, claimed_until = excluded.claimed_until
           WHERE command_registration.hash IS NOT excluded.claim_hash
             AND (command_registration.claimed_until IS NULL OR command_registration.claimed_until <= @now)`,
        )
        .run({ hash, until: now + leaseMs, now });
      return result.changes === 1;
    });
  }
}
