import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStores } from '../src/stores/sqlite/sqlite-stores.js';
import { EncryptedTokens } from '../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey } from '../src/vault/crypto.js';

/*
 * What reading the vault costs per interaction (a WAL SQLite file like production): the stored
 * token (row + decryption), the system alone and "is one stored", which decrypt nothing. Each
 * call is awaited, as the bot does since the stores became asynchronous.
 */

const USERS = 1_000;
const ROUNDS = 20_000;

async function perCallMicros(run: (user: string) => Promise<unknown>, users: string[]): Promise<number> {
  for (let i = 0; i < 2_000; i++) await run(users[i % users.length]!);
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) await run(users[i % users.length]!);
  return Math.round(((performance.now() - started) * 1000 * 100) / ROUNDS) / 100;
}

export async function benchVaultReads(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-vault-'));
  const stores = openSqliteStores(join(dir, 'vault.db'));
  try {
    const vault = new EncryptedTokens(stores.tokens, toEncryptionKey(generateKey()));
    await vault.assertKeyMatches();
    const users = Array.from({ length: USERS }, (_, i) => String(297000000000000000n + BigInt(i)));
    for (const [i, user] of users.entries()) await vault.set(user, `token-${i}-${'x'.repeat(56)}`, { id: 'abcdef', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' });
    return {
      'get(): stored token, decrypted (µs per call)': await perCallMicros((user) => vault.get(user), users),
      'systemOf(): system only, nothing decrypted (µs per call)': await perCallMicros((user) => vault.systemOf(user), users),
      'has(): is a token stored (µs per call)': await perCallMicros((user) => vault.has(user), users),
    };
  } finally {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
