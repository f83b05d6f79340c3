import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/stores/sqlite/sqlite-stores.js';
import { EncryptedTokens } from '../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey } from '../../src/vault/crypto.js';
import { flipFirstByte, useClosing, useTempDirs } from '../stores/helpers.js';

/* Signing tokens are sealed with the token key, bound to their system. */
describe('sealed secrets', () => {
  const tempDir = useTempDirs();
  const closing = useClosing();
  const vault = (key = toEncryptionKey(generateKey())) => new EncryptedTokens(closing(openSqliteStores(join(tempDir(), 'db.sqlite'))).tokens, key);

  it('opens what it sealed, and never holds the secret in the box', () => {
    const tokens = vault();
    const box = tokens.sealSecret('dispatch-signing-token', 'system-a', 'secret-token');
    expect(box.ciphertext.toString('utf8')).not.toContain('secret');
    expect(box.keyId).toBe(tokens.keyId);
    expect(tokens.openSecret('dispatch-signing-token', 'system-a', box)).toBe('secret-token');
  });

  it('does not open for another system, another key, or a changed byte', () => {
    const tokens = vault();
    const box = tokens.sealSecret('dispatch-signing-token', 'system-a', 'secret-token');
    expect(tokens.openSecret('dispatch-signing-token', 'system-b', box)).toBeNull();
    expect(tokens.openSecret('dispatch-signing-token', 'system-a', { ...box, ciphertext: flipFirstByte(box.ciphertext) })).toBeNull();
    expect(vault().openSecret('dispatch-signing-token', 'system-a', box)).toBeNull();
  });
});
