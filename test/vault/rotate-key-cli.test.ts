import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKey, toEncryptionKey, type EncryptionKey } from '../../src/vault/crypto.js';
import { openDatabase } from '../../src/vault/database.js';
import { createKeyFile, pendingKeyFilePathFor, readKeyFile } from '../../src/vault/key-file.js';
import { resolveEncryptionKey } from '../../src/vault/keys.js';
import { TokenVault, VaultKeyMismatchError } from '../../src/vault/token-vault.js';
import { fakeToken, snapshot, useTempDirs } from './helpers.js';

const REPO = resolve(import.meta.dirname, '../..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');
const CLI = join(REPO, 'src', 'vault', 'rotate-key-cli.ts');
const USERS = ['210000000000000001', '210000000000000002'];
const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as operators do, from the data directory so no developer .env is read. */
function runCli(cwd: string, env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolveRun) => {
    execFile(TSX, [CLI], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolveRun({ code, stdout, stderr });
    });
  });
}

/** A vault on disk with two tokens, its key from the key file (or from `key` when given). */
function seedVault(dir: string, key?: Buffer): { databasePath: string; current: EncryptionKey; tokens: string[] } {
  const databasePath = join(dir, 'switchboard.db');
  const db = openDatabase(databasePath);
  const current = resolveEncryptionKey({ databasePath, configuredKey: key, db });
  const vault = new TokenVault(db, current);
  vault.assertKeyMatches();
  const tokens = USERS.map((user) => fakeToken(`cli${user.slice(-1)}`));
  USERS.forEach((user, index) => vault.set(user, tokens[index]!, SYSTEM));
  db.close();
  return { databasePath, current, tokens };
}

function readAll(databasePath: string, key: EncryptionKey): string[] {
  const db = openDatabase(databasePath);
  try {
    const vault = new TokenVault(db, key);
    vault.assertKeyMatches();
    return USERS.map((user) => vault.get(user)!.token);
  } finally {
    db.close();
  }
}

function keyOpens(databasePath: string, key: EncryptionKey): boolean {
  const db = openDatabase(databasePath);
  try {
    new TokenVault(db, key).assertKeyMatches();
    return true;
  } catch (error) {
    if (error instanceof VaultKeyMismatchError) return false;
    throw error;
  } finally {
    db.close();
  }
}

function dbSnapshot(databasePath: string): unknown {
  const db = openDatabase(databasePath);
  try {
    return snapshot(db);
  } finally {
    db.close();
  }
}

function expectNoSecrets(run: CliRun, secrets: Array<string | Buffer>): void {
  const output = run.stdout + run.stderr;
  for (const secret of secrets) expect(output).not.toContain(typeof secret === 'string' ? secret : secret.toString('base64'));
}

describe('npm run rotate-key (rotate-key-cli)', () => {
  const tempDir = useTempDirs();

  it('with a key file: generates a new key, re-encrypts, and swaps the key file only after the commit', async () => {
    const dir = tempDir();
    const { databasePath, current, tokens } = seedVault(dir);
    const keyFilePath = join(dir, 'switchboard.key');

    const run = await runCli(dir, { DATABASE_PATH: databasePath });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const next = toEncryptionKey(readKeyFile(keyFilePath));
    expect(next.keyId).not.toBe(current.keyId);
    expect(run.stdout).toContain(`Re-encrypted 2 stored tokens under key id ${next.keyId} (was ${current.keyId})`);
    expect(run.stdout).toMatch(/restart the bot/);
    expect(statSync(keyFilePath).mode & 0o777).toBe(0o600);
    expect(existsSync(pendingKeyFilePathFor(keyFilePath))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.key'))).toEqual(['switchboard.key']);
    expect(readAll(databasePath, next)).toEqual(tokens);
    expect(keyOpens(databasePath, current)).toBe(false);
    expectNoSecrets(run, [...tokens, current.key, next.key]);
  });

  it('with TOKEN_ENCRYPTION_KEY and no NEW_TOKEN_ENCRYPTION_KEY: explains what to do, exits 1, changes nothing', async () => {
    const dir = tempDir();
    const key = generateKey();
    const { databasePath, current } = seedVault(dir, key);
    const before = dbSnapshot(databasePath);

    const run = await runCli(dir, { DATABASE_PATH: databasePath, TOKEN_ENCRYPTION_KEY: key.toString('base64') });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/NEW_TOKEN_ENCRYPTION_KEY/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(dbSnapshot(databasePath)).toEqual(before);
    expect(keyOpens(databasePath, current)).toBe(true);
    expectNoSecrets(run, [key]);
  });

  it('with TOKEN_ENCRYPTION_KEY and NEW_TOKEN_ENCRYPTION_KEY: re-encrypts, never prints either key, and says to swap the variable', async () => {
    const dir = tempDir();
    const oldKey = generateKey();
    const newKey = generateKey();
    const { databasePath, tokens } = seedVault(dir, oldKey);

    const run = await runCli(dir, {
      DATABASE_PATH: databasePath,
      TOKEN_ENCRYPTION_KEY: oldKey.toString('base64'),
      NEW_TOKEN_ENCRYPTION_KEY: newKey.toString('base64'),
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/set TOKEN_ENCRYPTION_KEY to the value of NEW_TOKEN_ENCRYPTION_KEY/);
    expect(readAll(databasePath, toEncryptionKey(newKey))).toEqual(tokens);
    expect(keyOpens(databasePath, toEncryptionKey(oldKey))).toBe(false);
    expect(existsSync(join(dir, 'switchboard.key'))).toBe(false);
    expectNoSecrets(run, [...tokens, oldKey, newKey]);
  });

  it('refuses when the current key does not match the vault, changing nothing', async () => {
    const dir = tempDir();
    const { databasePath, current } = seedVault(dir, generateKey());
    const before = dbSnapshot(databasePath);

    const run = await runCli(dir, {
      DATABASE_PATH: databasePath,
      TOKEN_ENCRYPTION_KEY: generateKey().toString('base64'),
      NEW_TOKEN_ENCRYPTION_KEY: generateKey().toString('base64'),
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot decrypt the stored tokens/);
    expect(dbSnapshot(databasePath)).toEqual(before);
    expect(keyOpens(databasePath, current)).toBe(true);
  });

  it('rejects a malformed NEW_TOKEN_ENCRYPTION_KEY with one line naming it', async () => {
    const dir = tempDir();
    const { databasePath } = seedVault(dir);
    const run = await runCli(dir, { DATABASE_PATH: databasePath, NEW_TOKEN_ENCRYPTION_KEY: 'dG9vLXNob3J0' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/NEW_TOKEN_ENCRYPTION_KEY must be 32 bytes encoded as base64 \(got 9 bytes\)/);
    expect(run.stderr).not.toContain('dG9vLXNob3J0');
  });

  it('refuses to invent a database or a key when there is none', async () => {
    const dir = tempDir();
    const run = await runCli(dir, { DATABASE_PATH: join(dir, 'nowhere.db') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no database at/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('finishes a rotation that committed but crashed before swapping the key file', async () => {
    const dir = tempDir();
    const { databasePath, current, tokens } = seedVault(dir);
    const keyFilePath = join(dir, 'switchboard.key');
    const next = toEncryptionKey(generateKey());
    // What the CLI does up to the crash: park the new key, commit the rotation, then die before the rename.
    createKeyFile(pendingKeyFilePathFor(keyFilePath), next.key);
    const db = openDatabase(databasePath);
    new TokenVault(db, current).rotate(next);
    db.close();

    const run = await runCli(dir, { DATABASE_PATH: databasePath });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Finished an interrupted rotation/);
    expect(readKeyFile(keyFilePath).equals(next.key)).toBe(true);
    expect(existsSync(pendingKeyFilePathFor(keyFilePath))).toBe(false);
    expect(readAll(databasePath, next)).toEqual(tokens);
  });

  it('discards a parked key from a rotation that never committed, then rotates normally', async () => {
    const dir = tempDir();
    const { databasePath, current, tokens } = seedVault(dir);
    const keyFilePath = join(dir, 'switchboard.key');
    const abandoned = generateKey();
    createKeyFile(pendingKeyFilePathFor(keyFilePath), abandoned);

    const run = await runCli(dir, { DATABASE_PATH: databasePath });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Discarded .*never committed/);
    const next = toEncryptionKey(readKeyFile(keyFilePath));
    expect(next.key.equals(abandoned)).toBe(false);
    expect(next.keyId).not.toBe(current.keyId);
    expect(readAll(databasePath, next)).toEqual(tokens);
    expect(readFileSync(keyFilePath, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
  });
});
