import type pg from 'pg';
import type { PostgresSchema } from '../postgres/migrations.js';
import { postgresCall } from '../postgres/pool.js';
import { SWEEP_HANDLED_EVERY, type HandledInteractionStore } from './handled-interaction-store.js';

export const HANDLED_INTERACTIONS_POSTGRES_SCHEMA: PostgresSchema = {
  store: 'handled_interactions',
  migrations: [
    `CREATE TABLE handled_interactions (
       id         TEXT PRIMARY KEY,
       expires_at BIGINT NOT NULL
     );
     CREATE INDEX handled_interactions_expiry ON handled_interactions (expires_at);`,
  ],
};

export class PostgresHandledInteractionStore implements HandledInteractionStore {
  private claims = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  claim(interactionId: string, ttlMs: number): Promise<boolean> {
    return postgresCall(async () => {
      const now = this.now();
      // One statement: a second claimer waits for the first to commit, then finds the row live.
      const result = await this.pool.query(
        `INSERT INTO handled_interactions (id, expires_at) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE handled_interactions.expires_at <= $3`,
        [interactionId, now + ttlMs, now],
      );
      if (++this.claims % SWEEP_HANDLED_EVERY === 0) await this.pool.query('DELETE FROM handled_interactions WHERE expires_at <= $1', [now]);
      return result.rowCount === 1;
    });
  }

  sweep(): Promise<number> {
    return postgresCall(async () => (await this.pool.query('DELETE FROM handled_interactions WHERE expires_at <= $1', [this.now()])).rowCount ?? 0);
  }
}
