import type pg from 'pg';
import type { PostgresSchema } from '../postgres/migrations.js';
import { postgresCall } from '../postgres/pool.js';
import type { RegistrationRecord, RegistrationStore } from './registration-store.js';
import { toRegistrationRecord } from './rows.js';

export const REGISTRATION_POSTGRES_SCHEMA: PostgresSchema = {
  store: 'registration',
  migrations: [
    `CREATE TABLE command_registration (
       id            INTEGER PRIMARY KEY CHECK (id = 1),
       hash          TEXT,
       registered_at BIGINT,
       claim_hash    TEXT,
       claimed_until BIGINT
     );`,
  ],
};

export class PostgresRegistrationStore implements RegistrationStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  registered(): Promise<RegistrationRecord | undefined> {
    return postgresCall(async () => toRegistrationRecord((await this.pool.query('SELECT hash, registered_at FROM command_registration WHERE id = 1')).rows[0]));
  }

  recordRegistration(hash: string): Promise<void> {
    return postgresCall(async () => {
      await this.pool.query(
        `INSERT INTO command_registration (id, hash, registered_at, claim_hash, claimed_until) VALUES (1, $1, $2, NULL, NULL)
         ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, registered_at = EXCLUDED.registered_at, claim_hash = NULL, claimed_until = NULL`,
        [hash, this.now()],
      );
    });
  }

  claimRegistration(hash: string, leaseMs: number): Promise<boolean> {
    return postgresCall(async () => {
      const now = this.now();
      const result = await this.pool.query(
        `INSERT INTO command_registration (id, hash, registered_at, claim_hash, claimed_until) VALUES (1, NULL, NULL, $1, $2)
         ON CONFLICT (id) DO UPDATE SET claim_hash = EXCLUDED.claim_hash, claimed_until = EXCLUDED.claimed_until
         WHERE command_registration.hash IS DISTINCT FROM EXCLUDED.claim_hash
           AND (command_registration.claimed_until IS NULL OR command_registration.claimed_until <= $3)`,
        [hash, now + leaseMs, now],
      );
      return result.rowCount === 1;
    });
  }
}
