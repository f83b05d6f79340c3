import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenKeys } from '../../src/pluralkit/token-keys.js';

describe('TokenKeys', () => {
  const token = randomBytes(48).toString('base64');

  it('gives one token one key: two 32-bit numbers, nothing of the token', () => {
    const keys = new TokenKeys();
    const key = keys.keyOf(token);
    expect(keys.keyOf(token.slice(0, 10) + token.slice(10))).toBe(key);
    expect(key).toMatch(/^\d{1,10}\.\d{1,10}$/);
  });

  it('gives 50,000 random tokens, and tokens one character apart, 50,000 different keys', () => {
    const keys = new TokenKeys();
    const seen = new Set<string>();
    for (let i = 0; i < 25_000; i++) {
      const random = randomBytes(48).toString('base64');
      seen.add(keys.keyOf(random));
      seen.add(keys.keyOf(random.slice(0, -1) + (random.endsWith('A') ? 'B' : 'A')));
    }
    expect(seen.size).toBe(50_000);
  });

  it('keys from another instance (another process) do not match', () => {
    expect(new TokenKeys(1).keyOf(token)).not.toBe(new TokenKeys(2).keyOf(token));
  });
});
