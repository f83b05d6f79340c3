import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedTokens } from '../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey, type EncryptionKey } from '../../src/vault/crypto.js';
import { VaultKeyMismatchError } from '../../src/vault/key-check.js';
import { createKeyFile, pendingKeyFilePathFor, readKeyFile } from '../../src/vault/key-file.js';
import { resolveEncryptionKey } from '../../src/vault/keys.js';
import { fakeToken, snapshot, useTempDirs, withSqliteStores } from '../stores/helpers.js';

const REPO = resolve(import.meta.dirname, '../..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');
const CLI = join(REPO, 'src', 'cli', 'rotate-key-cli.ts');
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
function seedVault(dir: string, key?: Buffer): Promise<{ databasePath: string; current: EncryptionKey; tokens: string[] }> {
  const databasePath = join(dir, 'switchboard.db');
  return withSqliteStores(databasePath, async (stores) => {
    const current = await resolveEncryptionKey({ databasePath, configuredKey: key, tokens: stores.tokens });
    const vault = new EncryptedTokens(stores.tokens, current);
    await vault.assertKeyMatches();
    const tokens = USERS.map((user) => fakeToken(`cli${user.slice(-1)}`));
    for (const [index, user] of USERS.entries()) await vault.set(user, tokens[index]!, SYSTEM);
    return { databasePath, current, tokens };
  });
}

function readAll(databasePath: string, key: EncryptionKey): Promise<string[]> {
  return withSqliteStores(databasePath, async (stores) => {
    const vault = new EncryptedTokens(stores.tokens, key);
    await vault.assertKeyMatches();
    return Promise.all(USERS.map(async (user) => (await vault.get(user))!.token));
  });
}

function keyOpens(databasePath: string, key: EncryptionKey): Promise<boolean> {
  return withSqliteStores(databasePath, async (stores) => {
    try {
      await new EncryptedTokens(stores.tokens, key).assertKeyMatches();
      return true;
    } catch (error) {
      if (error instanceof VaultKeyMismatchError) return false;
      throw error;
    }
  });
}

function dbSnapshot(databasePath: string): Promise<unknown> {
  return withSqliteStores(databasePath, snapshot);
}

function expectNoSecrets(run: CliRun, secrets: Array<string | Buffer>): void {
  const output = run.stdout + run.stderr;
  for (const secret of secrets) expect(output).not.toContain(typeof secret === 'string' ? secret : secret.toString('base64'));
}

describe('npm run rotate-key (rotate-key-cli)', () => {
  const tempDir = useTempDirs();

  it('with a key file: generates a new key, re-encrypts, and swaps the key file only after the commit', async () => {
    const dir = tempDir();
    const { databasePath, current, tokens } = await seedVault(dir);
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
    expect(await readAll(databasePath, next)).toEqual(tokens);
    expect(await keyOpens(databasePath, current)).toBe(false);
    expectNoSecrets(run, [...tokens, current.key, next.key]);
  });

  it('with TOKEN_ENCRYPTION_KEY and no NEW_TOKEN_ENCRYPTION_KEY: explains what to do, exits 1, changes nothing', async () => {
    const dir = tempDir();
    const key = generateKey();
    const { databasePath, current } = await seedVault(dir, key);
    const before = await dbSnapshot(databasePath);

    const run = await runCli(dir, { DATABASE_PATH: databasePath, TOKEN_ENCRYPTION_KEY: key.toString('base64') });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/NEW_TOKEN_ENCRYPTION_KEY/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(await dbSnapshot(databasePath)).toEqual(before);
    expect(await keyOpens(databasePath, current)).toBe(true);
    expectNoSecrets(run, [key]);
  });

  it('with TOKEN_ENCRYPTION_KEY and NEW_TOKEN_ENCRYPTION_KEY: re-encrypts, never prints either key, and says to swap the variable', async () => {
    const dir = tempDir();
    const oldKey = generateKey();
    const newKey = generateKey();
    const { databasePath, tokens } = await seedVault(dir, oldKey);

    const run = await runCli(dir, {
      DATABASE_PATH: databasePath,
      TOKEN_ENCRYPTION_KEY: oldKey.toString('base64'),
      NEW_TOKEN_ENCRYPTION_KEY: newKey.toString('base64'),
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/set TOKEN_ENCRYPTION_KEY to the value of NEW_TOKEN_ENCRYPTION_KEY/);
    expect(await readAll(databasePath, toEncryptionKey(newKey))).toEqual(tokens);
    expect(await keyOpens(databasePath, toEncryptionKey(oldKey))).toBe(false);
    expect(existsSync(join(dir, 'switchboard.key'))).toBe(false);
    expectNoSecrets(run, [...tokens, oldKey, newKey]);
  });

  it("re-seals front logs' signing tokens under the new key with the tokens", async () => {
    const dir = tempDir();
    const oldKey = generateKey();
    const newKey = generateKey();
    const { databasePath } = await seedVault(dir, oldKey);
    const signingToken = fakeToken('signing');
    await withSqliteStores(databasePath, async (stores) => {
      const sealed = new EncryptedTokens(stores.tokens, toEncryptionKey(oldKey)).sealSecret('dispatch-signing-token', SYSTEM.uuid, signingToken);
      await stores.logSubscriptions.put({
        systemUuid: SYSTEM.uuid, channelId: '400000000000000001', guildId: '300000000000000001', discordUserId: USERS[0]!, systemId: SYSTEM.id,
        style: 'log', privacy: 'public', delivery: 'dispatch', signingToken: sealed, boardMessageId: null, lastPosted: null, lastEventAt: null, lastPostAt: null, health: 'ok', createdAt: 1,
      });
    });
    const run = await runCli(dir, { DATABASE_PATH: databasePath, TOKEN_ENCRYPTION_KEY: oldKey.toString('base64'), NEW_TOKEN_ENCRYPTION_KEY: newKey.toString('base64') });
    expect(run.code).toBe(0);
    expectNoSecrets(run, [signingToken, oldKey, newKey]);
    await withSqliteStores(databasePath, async (stores) => {
      const [subscription] = await stores.logSubscriptions.forSystem(SYSTEM.uuid);
      expect(subscription!.signingToken!.keyId).toBe(toEncryptionKey(newKey).keyId);
      expect(new EncryptedTokens(stores.tokens, toEncryptionKey(newKey)).openSecret('dispatch-signing-token', SYSTEM.uuid, subscription!.signingToken!)).toBe(signingToken);
    });
  });

  it('refuses when the current key does not match the vault, changing nothing', async () => {
    const dir = tempDir();
    const { databasePath, current } = await seedVault(dir, generateKey());
    const before = await dbSnapshot(databasePath);

    const run = await runCli(dir, {
      DATABASE_PATH: databasePath,
      TOKEN_ENCRYPTION_KEY: generateKey().toString('base64'),
      NEW_TOKEN_ENCRYPTION_KEY: generateKey().toString('base64'),
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot decrypt the stored tokens/);
    expect(await dbSnapshot(databasePath)).toEqual(before);
    expect(await keyOpens(databasePath, current)).toBe(true);
  });

  it('rejects a malformed NEW_TOKEN_ENCRYPTION_KEY with one line naming it', async () => {
    const dir = tempDir();
    const { databasePath } = await seedVault(dir);
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
    const { databasePath, current, tokens } = await seedVault(dir);
    const keyFilePath = join(dir, 'switchboard.key');
    const next = toEncryptionKey(generateKey());
    // What the CLI does up to the crash: park the new key, commit the rotation, then die before the rename.
    createKeyFile(pendingKeyFilePathFor(keyFilePath), next.key);
    await withSqliteStores(databasePath, (stores) => new EncryptedTokens(stores.tokens, current).rotate(next));

    const run = await runCli(dir, { DATABASE_PATH: databasePath });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Finished an interrupted rotation/);
    expect(readKeyFile(keyFilePath).equals(next.key)).toBe(true);
    expect(existsSync(pendingKeyFilePathFor(keyFilePath))).toBe(false);
    expect(await readAll(databasePath, next)).toEqual(tokens);
  });

  it('discards a parked key from a rotation that never committed, then rotates normally', async () => {
    const dir = tempDir();
    const { databasePath, current, tokens } = await seedVault(dir);
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
    expect(await readAll(databasePath, next)).toEqual(tokens);
    expect(readFileSync(keyFilePath, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
  });
});
