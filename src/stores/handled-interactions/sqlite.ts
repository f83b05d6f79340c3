import type Database from 'better-sqlite3';
import { sqliteCall } from '../sqlite/faults.js';
import type { SqliteSchema } from '../sqlite/migrations.js';
import { SWEEP_HANDLED_EVERY, type HandledInteractionStore } from './handled-interaction-store.js';

export const HANDLED_INTERACTIONS_SQLITE_SCHEMA: SqliteSchema = {
  store: 'handled_interactions',
  migrations: [
    `CREATE TABLE handled_interactions (
       id         TEXT PRIMARY KEY,
       expires_at INTEGER NOT NULL
     ) STRICT;
     CREATE INDEX handled_interactions_expiry ON handled_interactions (expires_at);`,
  ],
};

export class SqliteHandledInteractionStore implements HandledInteractionStore {
  private readonly claimStatement: Database.Statement<[string, number, number]>;
  private readonly sweepStatement: Database.Statement<[number]>;
  private claims = 0;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    // A fresh ID inserts; an expired one is claimed anew; a live one changes nothing.
    this.claimStatement = db.prepare(
      `INSERT INTO handled_interactions (id, expires_at) VALUES (?, ?)
       ON CONFLICT(id) DO UPDATE SET expires_at = excluded.expires_at WHERE handled_interactions.expires_at <= ?`,
    );
    this.sweepStatement = db.prepare('DELETE FROM handled_interactions WHERE expires_at <= ?');
  }

  claim(interactionId: string, ttlMs: number): Promise<boolean> {
    return sqliteCall(() => {
      const now = this.now();
      const claimed = this.claimStatement.run(interactionId, now + ttlMs, now).changes === 1;
      if (++this.claims % SWEEP_HANDLED_EVERY === 0) this.sweepStatement.run(now);
      return claimed;
    });
  }

  sweep(): Promise<number> {
    return sqliteCall(() => this.sweepStatement.run(this.now()).changes);
  }
}
