import { describe, expect, it } from 'vitest';
import { DecryptionError, deriveKeyId, generateKey, open, seal } from '../../src/vault/crypto.js';

describe('vault crypto', () => {
  it('opens what it sealed, only with the same key and associated data', () => {
    const key = generateKey();
    const box = seal(key, 'secret token', 'user:1');
    expect(open(key, box, 'user:1').toString('utf8')).toBe('secret token');
    expect(() => open(key, box, 'user:2')).toThrow(DecryptionError);
    expect(() => open(generateKey(), box, 'user:1')).toThrow(DecryptionError);
  });

  it('refuses nonces and tags of the wrong length before decrypting', () => {
    const key = generateKey();
    const box = seal(key, 'x', 'a');
    expect(() => open(key, { ...box, authTag: box.authTag.subarray(0, 12) }, 'a')).toThrow(
      expect.objectContaining({ reason: 'malformed' }),
    );
    expect(() => open(key, { ...box, nonce: Buffer.alloc(16) }, 'a')).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });

  it('derives a short, stable key id that differs per key and is not the key', () => {
    const key = generateKey();
    const id = deriveKeyId(key);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(deriveKeyId(Buffer.from(key))).toBe(id);
    expect(deriveKeyId(generateKey())).not.toBe(id);
    expect(key.toString('hex')).not.toContain(id);
  });

  it('insists on 32-byte keys', () => {
    expect(() => seal(Buffer.alloc(16), 'x', 'a')).toThrow(RangeError);
    expect(() => deriveKeyId(Buffer.alloc(31))).toThrow(RangeError);
  });
});
