/*
 * State behind buttons and modals (confirm prompts, pagers, forms) that does not fit a custom ID,
 * stored so a restart between a prompt and its click loses nothing. Rows expire; an expired row
 * is kept for a day so a late click can be told "expired" rather than "unknown". Payloads are
 * the caller's JSON and must never hold a token: the token is read from the vault at click time.
 * A row that does not read back raises CorruptRecordError and is dropped.
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
  /** When the row was last claimed (ms), null while it never was. */
  claimedAt: number | null;
}

/** Why a claim did not go through, so the presser can be told exactly that. */
export type ClaimRefusal = 'unknown' | 'expired' | 'not-yours' | 'already-done' | 'cancelled' | 'in-progress';

export type ClaimResult<T> =
  | { ok: true; row: StateRow<T>; /** The claim was taken over from a process that claimed it and never finished. */ recovered: boolean }
  | { ok: false; reason: ClaimRefusal; row?: StateRow<T> };

export interface ClaimOptions {
  /**
   * A row claimed this long ago and never finished belongs to a process that died: the same user
   * may take the claim over (to 'claimed' only), exactly one presser winning. Unset: never.
   */
  leaseMs?: number;
}

/** Expired rows stay this long so a late press hears "expired", then they go. */
export const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

export interface InteractionStateStore {
  /** Stores a new open row and returns its key (16 URL-safe characters). */
  create<T>(kind: string, userId: string, payload: T, ttlMs: number): Promise<string>;
  /** The row as stored, whatever its status or age. */
  read<T = unknown>(key: string): Promise<StateRow<T> | undefined>;
  /** By the store's clock. */
  isExpired(row: Pick<StateRow, 'expiresAt'>): boolean;
  /**
   * Moves an open, unexpired row of `userId` to `to` in one statement, so of two presses at the
   * same moment exactly one wins; the other learns why it lost.
   */
  claim<T = unknown>(key: string, userId: string, to: 'claimed' | 'cancelled' | 'done', options?: ClaimOptions): Promise<ClaimResult<T>>;
  /** Marks a claimed row as finished (its action ran, whatever the outcome). */
  finish(key: string): Promise<void>;
  /** Gives a claimed row back (e.g. a form whose input was refused), with a new payload and lifetime. */
  reopen<T>(key: string, payload: T, ttlMs: number): Promise<void>;
  /** Replaces an open row's payload and extends its life (a pager that learnt a cursor); false when it is not open. */
  update<T>(key: string, payload: T, ttlMs: number): Promise<boolean>;
  /** Drops rows that expired more than a day ago; returns how many. */
  sweep(): Promise<number>;
  /** Drops every row of a user (who removed the app: nothing of theirs is kept). Returns how many. */
  forgetUser(userId: string): Promise<number>;
  /** Drops a user's rows of one kind but the newest `count` (a cap on what one user's views may hold). */
  keepNewest(kind: string, userId: string, count: number): Promise<void>;
  /** Every row with its payload as stored text, for copying to another database. */
  snapshot(): Promise<StoredStateRow[]>;
  /** Replaces every row with `rows`, in one transaction. */
  restore(rows: readonly StoredStateRow[]): Promise<void>;
}

/** A row as the database holds it (payload as JSON text). */
export type StoredStateRow = Omit<StateRow<never>, 'payload'> & { payload: string };

/** Why a claim failed, from the row as it is now. */
function claimRefusal<T>(row: StateRow<T> | undefined, userId: string): { ok: false; reason: ClaimRefusal; row?: StateRow<T> } {
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.userId !== userId) return { ok: false, reason: 'not-yours', row };
  if (row.status === 'cancelled') return { ok: false, reason: 'cancelled', row };
  if (row.status === 'done') return { ok: false, reason: 'already-done', row };
  if (row.status === 'claimed') return { ok: false, reason: 'in-progress', row };
  return { ok: false, reason: 'expired', row };
}

/** Whether a claimed row's claim is old enough to be taken over. */
function claimLapsed(row: StateRow<unknown>, userId: string, now: number, options: ClaimOptions | undefined): boolean {
  return options?.leaseMs !== undefined && row.userId === userId && row.status === 'claimed' && row.claimedAt !== null && row.claimedAt <= now - options.leaseMs;
}

/** The primitive statements a claim is made of; each is one atomic statement in the database. */
export interface ClaimStatements<T> {
  /** Claims the row if it is open, unexpired and the user's; the row afterwards, or undefined when nothing changed. */
  claimOpen(): Promise<StateRow<T> | undefined>;
  /** Takes a lapsed claim over if it is still the one claimed at `claimedAt`; the row afterwards, or undefined. */
  takeOver(claimedAt: number): Promise<StateRow<T> | undefined>;
  read(): Promise<StateRow<T> | undefined>;
}

/** A claim, the same on every database: the atomic claim, else a lapsed claim taken over, else why not. */
export async function claimRow<T>(
  statements: ClaimStatements<T>,
  userId: string,
  to: 'claimed' | 'cancelled' | 'done',
  now: number,
  options: ClaimOptions | undefined,
): Promise<ClaimResult<T>> {
  const claimed = await statements.claimOpen();
  if (claimed) return { ok: true, row: claimed, recovered: false };
  const row = await statements.read();
  if (row && to === 'claimed' && claimLapsed(row, userId, now, options)) {
    const taken = await statements.takeOver(row.claimedAt!);
    if (taken) return { ok: true, row: taken, recovered: true };
    return claimRefusal(await statements.read(), userId);
  }
  return claimRefusal(row, userId);
}
