import type { TokenStore } from '../stores/tokens/token-store.js';
import { EncryptedTokens } from '../tokens/encrypted-tokens.js';
import type { EncryptionKey } from '../vault/crypto.js';
import { keyCheckRefuses } from '../vault/key-check.js';
import { takeSealedTokenCensus } from '../vault/token-census.js';

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

async function keyCheckStale(store: TokenStore, key: EncryptionKey | undefined): Promise<boolean> {
  const stored = await store.keyCheck();
  if (stored === undefined) return false;
  return !key || keyCheckRefuses(stored, key);
}

/** What `applyForget` would delete; changes nothing. */
export async function planForget(store: TokenStore, key: EncryptionKey | undefined): Promise<ForgetPlan> {
  if (!key) {
    const census = await takeSealedTokenCensus(store);
    return { total: census.total, unreadableByKeyId: census.byKeyId, unreadable: census.total, keyCheckStale: await keyCheckStale(store, key) };
  }
  const tokens = new EncryptedTokens(store, key);
  const unreadable = await tokens.unreadableRows();
  return {
    total: await tokens.count(),
    unreadableByKeyId: countByKeyId(unreadable.map((row) => row.keyId)),
    unreadable: unreadable.length,
    keyCheckStale: await keyCheckStale(store, key),
  };
}

/**
 * Deletes the tokens the key cannot decrypt, in one transaction that
 * decides afresh what cannot be decrypted, and records the key check under
 * the key (or drops it when there is no key, so the next start generates
 * one). Returns the tokens deleted.
 */
export async function applyForget(store: TokenStore, key: EncryptionKey | undefined): Promise<number> {
  if (key) return new EncryptedTokens(store, key).forgetUnreadable();
  const { deleted } = await store.rewriteAll({ decide: () => 'delete', keyCheck: null });
  return deleted;
}
