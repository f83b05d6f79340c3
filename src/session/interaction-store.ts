import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';

/*
 * State behind buttons and modals (confirm prompts, pagers, forms) that does not fit a custom ID,
 * kept in SQLite so a restart between a prompt and its click loses nothing. Rows expire; an expired
 * row is kept for a day so a late click can be told "expired" rather than "unknown". Payloads are
 * the caller's JSON and must never hold a token: the token is read from the vault at click time.
 */

export type StateStatus = 'open' | 'claimed' | 'cancelled' | 'done';

export interface StateRow<T = unknown> {
  key: string;
  kind: string;
  userId: string;
  payload: T;
  status: StateStatus;
  createdAt: number;
  expiresAt: number;
}

/** Why a claim did not go through, so the presser can be told exactly that. */
export type ClaimRefusal = 'unknown' | 'expired' | 'not-yours' | 'already-done' | 'cancelled' | 'in-progress';

export type ClaimResult<T> = { ok: true; row: StateRow<T> } | { ok: false; reason: ClaimRefusal; row?: StateRow<T> };

const RawRowSchema = z.object({
  key: z.string(),
  kind: z.string(),
  user_id: z.string(),
  payload: z.string(),
  status: z.enum(['open', 'claimed', 'cancelled', 'done']),
  created_at: z.number(),
  expires_at: z.number(),
});

/** Expired rows stay this long so a late press hears "expired", then they go. */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;
/** Sweep old rows about once per this many writes. */
const SWEEP_EVERY = 200;

export class InteractionStore {
  private readonly statements;
  private writes = 0;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      insert: db.prepare(
        'INSERT INTO interaction_state (key, kind, user_id, payload, status, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      select: db.prepare<[string], unknown>('SELECT * FROM interaction_state WHERE key = ?'),
      claim: db.prepare<[StateStatus, string, string, number]>(
        "UPDATE interaction_state SET status = ? WHERE key = ? AND user_id = ? AND status = 'open' AND expires_at > ?",
      ),
      setStatus: db.prepare<[StateStatus, string]>('UPDATE interaction_state SET status = ? WHERE key = ?'),
      reopen: db.prepare<[string, number, string]>("UPDATE interaction_state SET status = 'open', payload = ?, expires_at = ? WHERE key = ?"),
      update: db.prepare<[string, number, string, number]>(
        "UPDATE interaction_state SET payload = ?, expires_at = ? WHERE key = ? AND status = 'open' AND expires_at > ?",
      ),
      sweep: db.prepare<[number]>('DELETE FROM interaction_state WHERE expires_at < ?'),
      keepNewest: db.prepare<[string, string, string, string, number]>(
        'DELETE FROM interaction_state WHERE kind = ? AND user_id = ? AND key NOT IN (SELECT key FROM interaction_state WHERE kind = ? AND user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)',
      ),
    };
  }

  /** Stores a new open row and returns its key (16 URL-safe characters). */
  create<T>(kind: string, userId: string, payload: T, ttlMs: number): string {
    const key = randomBytes(12).toString('base64url');
    const now = this.now();
    this.statements.insert.run(key, kind, userId, JSON.stringify(payload), 'open', now, now + ttlMs);
    this.maybeSweep(now);
    return key;
  }

  /** The row as stored, whatever its status or age. */
  read<T = unknown>(key: string): StateRow<T> | undefined {
    const raw = this.statements.select.get(key);
    if (raw === undefined) return undefined;
    const row = RawRowSchema.parse(raw);
    return {
      key: row.key,
      kind: row.kind,
      userId: row.user_id,
      payload: JSON.parse(row.payload) as T,
      status: row.status,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  isExpired(row: Pick<StateRow, 'expiresAt'>): boolean {
    return row.expiresAt <= this.now();
  }

  /**
   * Moves an open, unexpired row of `userId` to `to` in one statement, so of two presses at the
   * same moment exactly one wins; the other learns why it lost.
   */
  claim<T = unknown>(key: string, userId: string, to: 'claimed' | 'cancelled' | 'done'): ClaimResult<T> {
    const changed = this.statements.claim.run(to, key, userId, this.now()).changes === 1;
    const row = this.read<T>(key);
    if (changed && row) return { ok: true, row };
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.userId !== userId) return { ok: false, reason: 'not-yours', row };
    if (row.status === 'cancelled') return { ok: false, reason: 'cancelled', row };
    if (row.status === 'done') return { ok: false, reason: 'already-done', row };
    if (row.status === 'claimed') return { ok: false, reason: 'in-progress', row };
    return { ok: false, reason: 'expired', row };
  }

  /** Marks a claimed row as finished (its action ran, whatever the outcome). */
  finish(key: string): void {
    this.statements.setStatus.run('done', key);
  }

  /** Gives a claimed row back (e.g. a form whose input was refused), with a new payload and lifetime. */
  reopen<T>(key: string, payload: T, ttlMs: number): void {
    this.statements.reopen.run(JSON.stringify(payload), this.now() + ttlMs, key);
  }

  /** Replaces an open row's payload and extends its life (a pager that learnt a cursor). */
  update<T>(key: string, payload: T, ttlMs: number): boolean {
    const now = this.now();
    return this.statements.update.run(JSON.stringify(payload), now + ttlMs, key, now).changes === 1;
  }

  /** Drops a user's rows of one kind but the newest `count` (a cap on what one user's views may hold). */
  keepNewest(kind: string, userId: string, count: number): void {
    this.statements.keepNewest.run(kind, userId, kind, userId, count);
  }

  private maybeSweep(now: number): void {
    if (++this.writes % SWEEP_EVERY !== 0) return;
    this.statements.sweep.run(now - KEEP_EXPIRED_MS);
  }

  /** Drops rows that expired more than a day ago; returns how many. */
  sweep(): number {
    return this.statements.sweep.run(this.now() - KEEP_EXPIRED_MS).changes;
  }
}
