import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONFIRMATION_WORD, forgetTokensCli } from '../../src/cli/forget-tokens-cli.js';
import { openSqliteStores } from '../../src/stores/sqlite/sqlite-stores.js';
import { EncryptedTokens } from '../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey, type EncryptionKey } from '../../src/vault/crypto.js';
import { VaultKeyMismatchError } from '../../src/vault/key-check.js';
import { createKeyFile, pendingKeyFilePathFor } from '../../src/vault/key-file.js';
import { resolveEncryptionKey } from '../../src/vault/keys.js';
import { fakeToken, flipFirstByte, snapshot, useTempDirs, withSqliteStores } from '../stores/helpers.js';

const REPO = resolve(import.meta.dirname, '../..');
const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };
const OLD_USERS = ['210000000000000001', '210000000000000002'];
const NEW_USER = '210000000000000003';

interface Run {
  code: number;
  output: string;
}

/** Runs the command in-process as an operator would, with only the environment given (no .env). */
async function runCli(env: Record<string, string>, options: { args?: string[]; typed?: string | null } = {}): Promise<Run> {
  const lines: string[] = [];
  const stdin = new PassThrough();
  const interactive = options.typed !== undefined;
  if (options.typed === null) stdin.end();
  else if (options.typed !== undefined) stdin.end(`${options.typed}\n`);
  const code = await forgetTokensCli({
    args: options.args ?? [],
    env: { PATH: process.env.PATH ?? '', ...env },
    stdin,
    interactive,
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
  });
  return { code, output: lines.join('\n') };
}


/**
 * Two tokens sealed under a key file that is then lost. With `newKey`, a third
 * token sealed under it is added the way a bot started with that key would
 * have stored it (row copied in; the user ID is what the seal binds).
 */
async function lostKeyVault(dir: string, newKey?: EncryptionKey) {
  const databasePath = join(dir, 'switchboard.db');
  const tokens = OLD_USERS.map((user) => fakeToken(`old${user.slice(-1)}`));
  const lost = await withSqliteStores(databasePath, async (stores) => {
    const key = await resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens: stores.tokens });
    const vault = new EncryptedTokens(stores.tokens, key);
    await vault.assertKeyMatches();
    for (const [i, user] of OLD_USERS.entries()) await vault.set(user, tokens[i]!, SYSTEM);
    return key;
  });
  rmSync(lost.keyFilePath!);
  const newToken = fakeToken('new3');
  if (newKey) {
    const scratch = openSqliteStores(':memory:');
    const vault = new EncryptedTokens(scratch.tokens, newKey);
    await vault.set(NEW_USER, newToken, SYSTEM);
    const row = scratch.db.prepare('SELECT * FROM tokens').get() as Record<string, unknown>;
    await scratch.close();
    await withSqliteStores(databasePath, ({ db }) =>
      db
        .prepare(
          'INSERT INTO tokens VALUES (@discord_user_id, @ciphertext, @nonce, @auth_tag, @key_id, @system_id, @system_uuid, @set_at, @verified_at)',
        )
        .run(row),
    );
  }
  return { databasePath, lost, tokens, newToken, keyFilePath: lost.keyFilePath! };
}

function expectNoSecrets(run: Run, secrets: Array<string | Buffer>): void {
  for (const secret of secrets) expect(run.output).not.toContain(typeof secret === 'string' ? secret : secret.toString('base64'));
}

describe('npm run forget-tokens (forget-tokens-cli)', () => {
  const tempDir = useTempDirs();

  it('is a dry run by default: says how many tokens would go and under which key ID, and changes nothing', async () => {
    const { databasePath, lost, tokens } = await lostKeyVault(tempDir());
    const before = await withSqliteStores(databasePath, snapshot);

    const run = await runCli({ DATABASE_PATH: databasePath });

    expect(run.code).toBe(0);
    expect(run.output).toMatch(/no key: TOKEN_ENCRYPTION_KEY is not set and there is no key file/);
    expect(run.output).toContain(`Would delete 2 stored tokens (of 2) that cannot be decrypted: 2 sealed under key ID ${lost.keyId}.`);
    expect(run.output).toMatch(/Nothing was changed\. To go ahead, run `npm run forget-tokens -- --yes`\./);
    expect(await withSqliteStores(databasePath, snapshot)).toEqual(before);
    expectNoSecrets(run, [...tokens, lost.key]);
  });

  it('with --yes deletes only the tokens the key at hand cannot decrypt, and the vault then opens with that key', async () => {
    const newKey = toEncryptionKey(generateKey());
    const { databasePath, lost, tokens, newToken } = await lostKeyVault(tempDir(), newKey);
    await expect(withSqliteStores(databasePath, (stores) => new EncryptedTokens(stores.tokens, newKey).assertKeyMatches())).rejects.toThrow(VaultKeyMismatchError);

    const run = await runCli({ DATABASE_PATH: databasePath, TOKEN_ENCRYPTION_KEY: newKey.key.toString('base64') }, { args: ['--yes'] });

    expect(run.code).toBe(0);
    expect(run.output).toContain(`The key at hand is key ID ${newKey.keyId}, from TOKEN_ENCRYPTION_KEY.`);
    expect(run.output).toContain(`2 sealed under key ID ${lost.keyId}`);
    expect(run.output).toContain(`Deleting 2 stored tokens (of 3) that this key cannot decrypt: 2 sealed under key ID ${lost.keyId}.`);
    expect(run.output).toContain(`Deleted 2 stored tokens; their users have to run /token set again. 1 stored token remains, all decryptable with key ID ${newKey.keyId}.`);
    await withSqliteStores(databasePath, async (stores) => {
      const vault = new EncryptedTokens(stores.tokens, newKey);
      await vault.assertKeyMatches();
      expect(await vault.count()).toBe(1);
      expect((await vault.get(NEW_USER))?.token).toBe(newToken);
      for (const user of OLD_USERS) expect(await vault.get(user)).toBeNull();
    });
    expectNoSecrets(run, [...tokens, newToken, lost.key, newKey.key]);
  });

  it('counts a damaged row under the key at hand as undecryptable, and keeps the others', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'switchboard.db');
    const key = toEncryptionKey(generateKey());
    await withSqliteStores(databasePath, async ({ db, tokens }) => {
      const vault = new EncryptedTokens(tokens, key);
      await vault.set(OLD_USERS[0]!, fakeToken('good'), SYSTEM);
      await vault.set(OLD_USERS[1]!, fakeToken('bad'), SYSTEM);
      const row = db.prepare('SELECT ciphertext FROM tokens WHERE discord_user_id = ?').get(OLD_USERS[1]) as { ciphertext: Buffer };
      db.prepare('UPDATE tokens SET ciphertext = ? WHERE discord_user_id = ?').run(flipFirstByte(row.ciphertext), OLD_USERS[1]);
    });
    const env = { DATABASE_PATH: databasePath, TOKEN_ENCRYPTION_KEY: key.key.toString('base64') };

    const dryRun = await runCli(env);
    expect(dryRun.output).toContain(`1 sealed under key ID ${key.keyId} (damaged: they do not open even with that key)`);
    const run = await runCli(env, { args: ['-y'] });

    expect(run.code).toBe(0);
    await withSqliteStores(databasePath, async (stores) => {
      const vault = new EncryptedTokens(stores.tokens, key);
      expect((await vault.get(OLD_USERS[0]!))?.token).toBe(fakeToken('good'));
      expect(await vault.get(OLD_USERS[1]!)).toBeNull();
    });
  });

  it('at a terminal, deletes only when the confirmation word is typed', async () => {
    const { databasePath, tokens } = await lostKeyVault(tempDir());
    const before = await withSqliteStores(databasePath, snapshot);

    for (const typed of ['no', 'yes', `${CONFIRMATION_WORD}!`, null]) {
      const refused = await runCli({ DATABASE_PATH: databasePath }, { typed });
      expect(refused.code).toBe(0);
      expect(refused.output).toContain(`Type ${CONFIRMATION_WORD} to delete them now`);
      expect(refused.output).toMatch(/Nothing was changed/);
      expect(await withSqliteStores(databasePath, snapshot)).toEqual(before);
    }

    const run = await runCli({ DATABASE_PATH: databasePath }, { typed: `  ${CONFIRMATION_WORD} ` });
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/Deleted 2 stored tokens; their users have to run \/token set again\. 0 stored tokens remain\./);
    expect(run.output).toMatch(/generates a new key file/);
    expectNoSecrets(run, tokens);
  });

  it('with no key at all, leaves an empty vault that the next start adopts with a new key', async () => {
    const { databasePath, keyFilePath } = await lostKeyVault(tempDir());
    expect((await runCli({ DATABASE_PATH: databasePath }, { args: ['--yes'] })).code).toBe(0);

    await withSqliteStores(databasePath, async (stores) => {
      expect(await stores.tokens.keyCheck()).toBeUndefined();
      const key = await resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens: stores.tokens });
      expect(key.source).toBe('generated');
      await new EncryptedTokens(stores.tokens, key).assertKeyMatches();
    });
    expect(existsSync(keyFilePath)).toBe(true);
  });

  it('has nothing to do when every token decrypts, and says so', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'switchboard.db');
    const key = await withSqliteStores(databasePath, async (stores) => {
      const resolved = await resolveEncryptionKey({ databasePath, configuredKey: undefined, tokens: stores.tokens });
      await new EncryptedTokens(stores.tokens, resolved).set(OLD_USERS[0]!, fakeToken('fine'), SYSTEM);
      return resolved;
    });
    const before = await withSqliteStores(databasePath, snapshot);

    const run = await runCli({ DATABASE_PATH: databasePath }, { args: ['--yes'] });

    expect(run).toEqual({ code: 0, output: `Nothing to forget: all 1 stored token decrypt with key ID ${key.keyId}, from the key file ${key.keyFilePath}.` });
    expect(await withSqliteStores(databasePath, snapshot)).toEqual(before);
  });

  it('refuses to forget tokens that a key parked by an interrupted rotation still opens', async () => {
    const { databasePath, lost, keyFilePath } = await lostKeyVault(tempDir());
    createKeyFile(pendingKeyFilePathFor(keyFilePath), lost.key);
    const before = await withSqliteStores(databasePath, snapshot);

    const run = await runCli({ DATABASE_PATH: databasePath }, { args: ['--yes'] });

    expect(run.code).toBe(1);
    expect(run.output).toContain(`holds key ID ${lost.keyId}, which stored tokens need: rename it to ${keyFilePath}`);
    expect(await withSqliteStores(databasePath, snapshot)).toEqual(before);
    expectNoSecrets(run, [lost.key]);
  });

  it('refuses unknown options and a missing database with one line each, creating nothing', async () => {
    const dir = tempDir();
    const unknown = await runCli({ DATABASE_PATH: join(dir, 'switchboard.db') }, { args: ['--force'] });
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/^forget-tokens failed: Unknown option "--force"\. Usage: npm run forget-tokens/);
    const missing = await runCli({ DATABASE_PATH: join(dir, 'switchboard.db') });
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/^forget-tokens failed: There is no database at .*switchboard\.db\. Check DATABASE_PATH\.$/);
    expect(existsSync(join(dir, 'switchboard.db'))).toBe(false);
  });

  it('as a process without a terminal: a dry run, exit 0, nothing asked', async () => {
    const dir = tempDir();
    const { databasePath, lost } = await lostKeyVault(dir);
    const run = await new Promise<Run>((done) => {
      execFile(
        join(REPO, 'node_modules', '.bin', 'tsx'),
        [join(REPO, 'src', 'cli', 'forget-tokens-cli.ts')],
        { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_PATH: databasePath }, timeout: 30_000 },
        (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr }),
      );
    });
    expect(run.code).toBe(0);
    expect(run.output).toContain(`2 sealed under key ID ${lost.keyId}`);
    expect(run.output).not.toMatch(/Type forget/);
    expect(run.output).toMatch(/Nothing was changed/);
  });
});
