import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateKey, toEncryptionKey } from '../src/vault/crypto.js';
import { openDatabase } from '../src/vault/database.js';
import { TokenVault } from '../src/vault/token-vault.js';

/*
 * What reading the vault costs per interaction (a WAL SQLite file like production): the stored
 * token (row + decryption), and — where the vault has them — the system alone and "is one
 * stored", which decrypt nothing.
 */

const USERS = 1_000;
const ROUNDS = 20_000;

function perCallMicros(run: (user: string) => unknown, users: string[]): number {
  for (let i = 0; i < 2_000; i++) run(users[i % users.length]!);
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) run(users[i % users.length]!);
  return Math.round(((performance.now() - started) * 1000 * 100) / ROUNDS) / 100;
}

export async function benchVaultReads(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-vault-'));
  const db = openDatabase(join(dir, 'vault.db'));
  try {
    const vault = new TokenVault(db, toEncryptionKey(generateKey()));
    vault.assertKeyMatches();
    const users = Array.from({ length: USERS }, (_, i) => String(297000000000000000n + BigInt(i)));
    for (const [i, user] of users.entries()) vault.set(user, `token-${i}-${'x'.repeat(56)}`, { id: 'abcdef', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' });
    const figures: Record<string, number | string> = { 'get(): stored token, decrypted (µs per call)': perCallMicros((user) => vault.get(user), users) };
    const optional = vault as unknown as { systemOf?: (user: string) => unknown; has?: (user: string) => boolean };
    if (optional.systemOf) figures['systemOf(): system only, nothing decrypted (µs per call)'] = perCallMicros((user) => optional.systemOf!(user), users);
    if (optional.has) figures['has(): is a token stored (µs per call)'] = perCallMicros((user) => optional.has!(user), users);
    return figures;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
