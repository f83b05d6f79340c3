import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DecryptionError, open, seal, type EncryptionKey, type SealedBox } from './crypto.js';
import { getMeta } from './meta.js';

/*
 * The vault's key check: a known plaintext sealed under the key the tokens
 * are sealed under, kept in the meta table with that key's ID. It tells a
 * wrong key at start, and names the right one, without touching any token.
 */

export const KEY_CHECK_META = 'vault.key_check';
const KEY_CHECK_PLAINTEXT = 'switchboard token vault key check';
const KEY_CHECK_AAD = 'switchboard/token-vault/key-check/v1';

const keyCheckSchema = z.object({
  v: z.literal(1),
  keyId: z.string(),
  nonce: z.base64(),
  ciphertext: z.base64(),
  authTag: z.base64(),
});
export type KeyCheck = z.infer<typeof keyCheckSchema>;

export function sealKeyCheck(key: EncryptionKey): string {
  const box = seal(key.key, KEY_CHECK_PLAINTEXT, KEY_CHECK_AAD);
  const check: KeyCheck = {
    v: 1,
    keyId: key.keyId,
    nonce: box.nonce.toString('base64'),
    ciphertext: box.ciphertext.toString('base64'),
    authTag: box.authTag.toString('base64'),
  };
  return JSON.stringify(check);
}

/** The stored check, or undefined when it is not one we wrote (corrupt or from elsewhere). */
export function parseKeyCheck(stored: string): KeyCheck | undefined {
  try {
    const parsed = keyCheckSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function keyCheckOpens(key: EncryptionKey, check: KeyCheck): boolean {
  const box: SealedBox = {
    nonce: Buffer.from(check.nonce, 'base64'),
    ciphertext: Buffer.from(check.ciphertext, 'base64'),
    authTag: Buffer.from(check.authTag, 'base64'),
  };
  try {
    return open(key.key, box, KEY_CHECK_AAD).toString('utf8') === KEY_CHECK_PLAINTEXT;
  } catch (error) {
    if (error instanceof DecryptionError) return false;
    throw error;
  }
}

export type RecordedKeyCheck = { kind: 'none' } | { kind: 'unreadable' } | { kind: 'recorded'; keyId: string };

/** What the database says about the key its tokens need. */
export function recordedKeyCheck(db: Database.Database): RecordedKeyCheck {
  const stored = getMeta(db, KEY_CHECK_META);
  if (stored === undefined) return { kind: 'none' };
  const check = parseKeyCheck(stored);
  return check ? { kind: 'recorded', keyId: check.keyId } : { kind: 'unreadable' };
}
