import type Database from 'better-sqlite3';
import type { EncryptionKey } from './crypto.js';
import { keyCheckOpens, KEY_CHECK_META, parseKeyCheck } from './key-check.js';
import { getMeta } from './meta.js';
import { forgetAllTokens, takeSealedTokenCensus } from './sealed-tokens.js';
import { TokenVault } from './token-vault.js';

/*
 * The last resort when a token key is lost: delete exactly the stored tokens
 * that the key at hand cannot decrypt (all of them when there is no key), and
 * leave the vault opening with that key. Their users set their tokens again.
 */

export interface ForgetPlan {
  /** Stored tokens now. */
  total: number;
  /** Tokens that cannot be decrypted and would be deleted, by the key ID that sealed them. */
  unreadableByKeyId: Array<{ keyId: string; tokens: number }>;
  unreadable: number;
  /**
   * True when the vault's key check does not name the key at hand (or is
   * unreadable) and would be replaced, even with no token to delete: the bot
   * refuses to start until it is.
   */
  keyCheckStale: boolean;
}

function countByKeyId(keyIds: readonly string[]): Array<{ keyId: string; tokens: number }> {
  const counts = new Map<string, number>();
  for (const keyId of keyIds) counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
  return [...counts].map(([keyId, tokens]) => ({ keyId, tokens })).sort((a, b) => b.tokens - a.tokens || a.keyId.localeCompare(b.keyId));
}

function keyCheckStale(db: Database.Database, key: EncryptionKey | undefined): boolean {
  const stored = getMeta(db, KEY_CHECK_META);
  if (stored === undefined) return false;
  if (!key) return true;
  const check = parseKeyCheck(stored);
  return !check || !keyCheckOpens(key, check);
}

/** What `applyForget` would delete; changes nothing. */
export function planForget(db: Database.Database, key: EncryptionKey | undefined): ForgetPlan {
  if (!key) {
    const census = takeSealedTokenCensus(db);
    return { total: census.total, unreadableByKeyId: census.byKeyId, unreadable: census.total, keyCheckStale: keyCheckStale(db, key) };
  }
  const vault = new TokenVault(db, key);
  const unreadable = vault.unreadableRows();
  return {
    total: vault.count(),
    unreadableByKeyId: countByKeyId(unreadable.map((row) => row.keyId)),
    unreadable: unreadable.length,
    keyCheckStale: keyCheckStale(db, key),
  };
}

/**
 * Deletes the tokens the key cannot decrypt, in one transaction that
 * decides afresh what cannot be decrypted, and records the key check under
 * the key (or drops it when there is no key, so the next start generates
 * one). Returns the tokens deleted.
 */
export function applyForget(db: Database.Database, key: EncryptionKey | undefined): number {
  return key ? new TokenVault(db, key).forgetUnreadable() : forgetAllTokens(db);
}
