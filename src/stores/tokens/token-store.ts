/*
 * Stored PluralKit tokens, sealed: the store never sees a plaintext token or a key. Sealing and
 * opening live in src/tokens (on src/vault's crypto); a store keeps rows and the key check, and
 * runs the few decisions that must happen inside its transaction as synchronous callbacks, so
 * SQLite (inside db.transaction) and PostgreSQL (inside BEGIN … COMMIT) run them the same way.
 */

/** One user's token as stored: the sealed box, the key that sealed it, and the system it belongs to. */
export interface SealedToken {
  discordUserId: string;
  ciphertext: Buffer;
  nonce: Buffer;
  authTag: Buffer;
  keyId: string;
  systemId: string;
  systemUuid: string;
  /** Milliseconds since the epoch. */
  setAt: number;
  verifiedAt: number;
}

/** What is stored beside a token, readable without opening it. */
export type StoredTokenSystem = Pick<SealedToken, 'systemId' | 'systemUuid' | 'setAt' | 'verifiedAt'>;

/** A token sealed anew (a rotation): the box and the key ID that sealed it. */
export type Reseal = Pick<SealedToken, 'ciphertext' | 'nonce' | 'authTag' | 'keyId'>;

/**
 * Decides, inside the store's transaction, whether the key at hand may write. Given the stored
 * key check (if any) and, only when there is none, the key ID of one row sealed under a key
 * other than `keyId` (if any), it throws when the key cannot open the store, or returns a key
 * check to record (undefined: keep the stored one).
 */
export interface KeyGuard {
  keyId: string;
  check(storedKeyCheck: string | undefined, foreignKeyId: string | undefined): string | undefined;
}

/** What a rewrite does with one row: seal it anew, keep it, or delete it. */
export type RowDecision = { reseal: Reseal } | 'keep' | 'delete';

export interface Rewrite {
  /** Checked first, when given; its refusal changes nothing. */
  guard?: KeyGuard;
  /** Called for every row in user-ID order; a throw rolls back everything. */
  decide(row: SealedToken): RowDecision;
  /** The key check afterwards; null drops it (no key is left at all). */
  keyCheck: string | null;
}

export interface KeyIdCount {
  keyId: string;
  tokens: number;
}

/** Everything the store holds, for copying to another database (still sealed). */
export interface TokenSnapshot {
  keyCheck: string | undefined;
  tokens: SealedToken[];
}

export interface TokenStore {
  read(discordUserId: string): Promise<SealedToken | undefined>;
  readSystem(discordUserId: string): Promise<StoredTokenSystem | undefined>;
  has(discordUserId: string): Promise<boolean>;
  count(): Promise<number>;
  /** Stored tokens per key ID that sealed them, most first (then by key ID). */
  countByKeyId(): Promise<KeyIdCount[]>;
  /** Every row, in user-ID order. */
  list(): Promise<SealedToken[]>;
  keyCheck(): Promise<string | undefined>;
  /** Runs the guard in a transaction and records the key check it returns. */
  guard(guard: KeyGuard): Promise<void>;
  /** Inserts or replaces a row after the guard allowed it, in one transaction. */
  put(token: SealedToken, guard: KeyGuard): Promise<void>;
  markVerified(discordUserId: string, at: number, system?: { systemId: string; systemUuid: string }): Promise<void>;
  /** Whether there was a row to delete. */
  remove(discordUserId: string): Promise<boolean>;
  /** One transaction over every row (a key rotation, forgetting unreadable tokens). */
  rewriteAll(rewrite: Rewrite): Promise<{ resealed: number; deleted: number }>;
  /** Drops the key check of a store that holds no token; returns the check it dropped. */
  dropKeyCheckIfEmpty(): Promise<string | undefined>;
  snapshot(): Promise<TokenSnapshot>;
  /** Replaces everything with `snapshot`, in one transaction. */
  restore(snapshot: TokenSnapshot): Promise<void>;
}

/** The meta key under which the key check is kept. */
export const KEY_CHECK_META = 'vault.key_check';
