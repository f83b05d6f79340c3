import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const AUTH_TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
const KEY_ID_DOMAIN = 'switchboard/token-vault/key-id/v1\0';

export interface EncryptionKey {
  key: Buffer;
  keyId: string;
}

export interface SealedBox {
  nonce: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

/** Any reason a sealed box does not open; deliberately carries no detail about the contents. */
export class DecryptionError extends Error {
  override name = 'DecryptionError';
  constructor(readonly reason: 'malformed' | 'authentication-failed') {
    super(reason === 'malformed' ? 'the sealed value is malformed' : 'the sealed value failed authentication');
  }
}

/**
 * A stable, non-secret name for a key, so rows can say which key sealed them.
 * Domain-separated so the hash can never be confused with another use of the key.
 */
export function deriveKeyId(key: Buffer): string {
  assertKeyLength(key);
  return createHash('sha256').update(KEY_ID_DOMAIN).update(key).digest('hex').slice(0, 16);
}

export function toEncryptionKey(key: Buffer): EncryptionKey {
  return { key, keyId: deriveKeyId(key) };
}

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** AES-256-GCM with a fresh random 96-bit nonce; `associatedData` is authenticated but not stored. */
export function seal(key: Buffer, plaintext: Buffer | string, associatedData: Buffer | string): SealedBox {
  assertKeyLength(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: AUTH_TAG_BYTES });
  cipher.setAAD(toBuffer(associatedData));
  const ciphertext = Buffer.concat([cipher.update(toBuffer(plaintext)), cipher.final()]);
  return { nonce, ciphertext, authTag: cipher.getAuthTag() };
}

/** Throws DecryptionError when the key, the associated data or any byte of the box is wrong. */
export function open(key: Buffer, box: SealedBox, associatedData: Buffer | string): Buffer {
  assertKeyLength(key);
  // Node accepts tags as short as 4 bytes unless told otherwise; a truncated tag would be far easier to forge.
  if (box.nonce.length !== NONCE_BYTES || box.authTag.length !== AUTH_TAG_BYTES) throw new DecryptionError('malformed');
  const decipher = createDecipheriv(ALGORITHM, key, box.nonce, { authTagLength: AUTH_TAG_BYTES });
  decipher.setAAD(toBuffer(associatedData));
  decipher.setAuthTag(box.authTag);
  try {
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionError('authentication-failed');
  }
}

function assertKeyLength(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`an AES-256 key is ${KEY_BYTES} bytes (got ${key.length})`);
}

function toBuffer(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
