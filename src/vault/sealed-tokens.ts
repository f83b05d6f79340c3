import type Database from 'better-sqlite3';
import { KEY_CHECK_META, recordedKeyCheck, type RecordedKeyCheck } from './key-check.js';
import { deleteMeta } from './meta.js';

/** What the vault holds, by key, without opening anything: enough to decide whether a new key is safe. */
export interface SealedTokenCensus {
  total: number;
  /** Stored tokens per key ID that sealed them, most first. */
  byKeyId: Array<{ keyId: string; tokens: number }>;
  keyCheck: RecordedKeyCheck;
}

export function takeSealedTokenCensus(db: Database.Database): SealedTokenCensus {
  const byKeyId = db
    .prepare<[], { keyId: string; tokens: number }>('SELECT key_id AS keyId, COUNT(*) AS tokens FROM tokens GROUP BY key_id ORDER BY tokens DESC, key_id')
    .all();
  return { total: byKeyId.reduce((sum, group) => sum + group.tokens, 0), byKeyId, keyCheck: recordedKeyCheck(db) };
}

/**
 * Drops the key check of a vault that holds no token, so a new key can be
 * adopted; a vault with tokens is left alone. Returns the check it dropped
 * (kind 'none' when there was nothing to drop or tokens appeared meanwhile).
 */
export function dropKeyCheckOfEmptyVault(db: Database.Database): RecordedKeyCheck {
  return db.transaction((): RecordedKeyCheck => {
    const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM tokens').get()!.n;
    if (count > 0) return { kind: 'none' };
    const previous = recordedKeyCheck(db);
    deleteMeta(db, KEY_CHECK_META);
    return previous;
  }).immediate();
}

/** Deletes every stored token and the key check in one transaction: for when no key is left at all. */
export function forgetAllTokens(db: Database.Database): number {
  return db.transaction(() => {
    const deleted = db.prepare('DELETE FROM tokens').run().changes;
    deleteMeta(db, KEY_CHECK_META);
    return deleted;
  }).immediate();
}
