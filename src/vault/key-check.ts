import { z } from 'zod';
import type { KeyGuard } from '../stores/tokens/token-store.js';
import { DecryptionError, open, seal, type EncryptionKey, type SealedBox } from './crypto.js';

/*
 * The vault's key check: a known plaintext sealed under the key the tokens
 * are sealed under, kept by the token store with that key's ID. It tells a
 * wrong key at start, and names the right one, without touching any token.
 */

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

/** What a stored key check says about the key the tokens need. */
export function recordedKeyCheck(stored: string | undefined): RecordedKeyCheck {
  if (stored === undefined) return { kind: 'none' };
  const check = parseKeyCheck(stored);
  return check ? { kind: 'recorded', keyId: check.keyId } : { kind: 'unreadable' };
}

/** Whether the stored key check (if any) names another key than `key`, or cannot be read: then the store would refuse it. */
export function keyCheckRefuses(stored: string | undefined, key: EncryptionKey): boolean {
  if (stored === undefined) return false;
  const check = parseKeyCheck(stored);
  return !check || !keyCheckOpens(key, check);
}

const ROTATE_HINT =
  'Start with the key the tokens were stored under (TOKEN_ENCRYPTION_KEY, or the key file beside the database), or run `npm run rotate-key` with that key to move to a new one; if a key rotation was interrupted, `npm run rotate-key` finishes it. If that key is lost for good, `npm run forget-tokens` deletes the tokens it sealed (their users set them again).';

/** The key in use cannot decrypt what the vault holds; raised at start instead of failing one user at a time. */
export class VaultKeyMismatchError extends Error {
  override name = 'VaultKeyMismatchError';
  constructor(
    readonly configuredKeyId: string,
    readonly vaultKeyId: string | undefined,
  ) {
    const sealedUnder = vaultKeyId ? `they are sealed under key id ${vaultKeyId}` : 'its key check value is unreadable';
    super(`The token encryption key (key id ${configuredKeyId}) cannot decrypt the stored tokens: ${sealedUnder}. ${ROTATE_HINT}`);
  }
}

/**
 * The store-side check that `key` may write: the stored key check must open with it; with no
 * check yet, only rows sealed under this very key may exist, and the check is recorded now
 * (the first token stored records it when start-up did not).
 */
export function keyGuard(key: EncryptionKey): KeyGuard {
  return {
    keyId: key.keyId,
    check(stored, foreignKeyId) {
      if (stored !== undefined) {
        const check = parseKeyCheck(stored);
        if (!check) throw new VaultKeyMismatchError(key.keyId, undefined);
        if (!keyCheckOpens(key, check)) throw new VaultKeyMismatchError(key.keyId, check.keyId);
        return undefined;
      }
      if (foreignKeyId !== undefined) throw new VaultKeyMismatchError(key.keyId, foreignKeyId);
      return sealKeyCheck(key);
    },
  };
}
