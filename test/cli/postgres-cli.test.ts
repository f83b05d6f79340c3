import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetTokensCli } from '../../src/cli/forget-tokens-cli.js';
import { migrateDbCli } from '../../src/cli/migrate-db-cli.js';
import { rotateKeyCli } from '../../src/cli/rotate-key-cli.js';
import { openPostgresStores } from '../../src/stores/postgres/postgres-stores.js';
import { EncryptedTokens } from '../../src/tokens/encrypted-tokens.js';
import { generateKey, toEncryptionKey, type EncryptionKey } from '../../src/vault/crypto.js';
import { resolveEncryptionKey } from '../../src/vault/keys.js';
import { postgresAdminUrl, usePostgresDatabase } from '../support/postgres.js';
import { fakeToken, useTempDirs, withSqliteStores } from '../stores/helpers.js';
import { PassThrough } from 'node:stream';

const USERS = ['210000000000000001', '210000000000000002', '210000000000000003'];
const SYSTEM = { id: 'exmpl', uuid: '0f5a1c1e-8a39-4f5c-9a34-2f0c0b6a1d11' };

/** The URL with a password in it, which the tools must never print (trust auth ignores it). */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = 'hunter2';
  return parsed.toString();
}

async function run(cli: (io: { out(line: string): void; err(line: string): void }) => Promise<number>): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await cli({ out: (line) => lines.push(line), err: (line) => lines.push(line) });
  return { code, output: lines.join('\n') };
}

async function withPostgres<T>(url: string, use: (stores: Awaited<ReturnType<typeof openPostgresStores>>) => Promise<T>): Promise<T> {
  const stores = await openPostgresStores(url);
  try {
    return await use(stores);
  } finally {
    await stores.close();
  }
}

async function sealTokens(url: string, key: EncryptionKey, users = USERS): Promise<string[]> {
  return withPostgres(url, async (stores) => {
    const vault = new EncryptedTokens(stores.tokens, key);
    const tokens = users.map((user) => fakeToken(`pg${user.slice(-1)}`));
    for (const [index, user] of users.entries()) await vault.set(user, tokens[index]!, SYSTEM);
    return tokens;
  });
}

describe.skipIf(!postgresAdminUrl)('operator commands on PostgreSQL', () => {
  const database = usePostgresDatabase();
  const tempDir = useTempDirs();

  describe('npm run migrate-db', () => {
    /** A SQLite database as a bot with a key file leaves it: three tokens and two open prompts. */
    async function sqliteSource() {
      const path = join(tempDir(), 'switchboard.db');
      return withSqliteStores(path, async (stores) => {
        const key = await resolveEncryptionKey({ databasePath: path, configuredKey: undefined, tokens: stores.tokens });
        const vault = new EncryptedTokens(stores.tokens, key);
        await vault.assertKeyMatches();
        const tokens = USERS.map((user) => fakeToken(`sq${user.slice(-1)}`));
        for (const [index, user] of USERS.entries()) await vault.set(user, tokens[index]!, SYSTEM);
        await stores.interactionState.create('switch.delete', USERS[0]!, { switchId: 's1' }, 300_000);
        const claimed = await stores.interactionState.create('member.delete', USERS[1]!, { member: 'm' }, 300_000);
        await stores.interactionState.claim(claimed, USERS[1]!, 'claimed');
        await stores.logSubscriptions.put({
          systemUuid: SYSTEM.uuid, channelId: '400000000000000001', guildId: '300000000000000001', discordUserId: USERS[0]!, systemId: SYSTEM.id, style: 'board', privacy: 'public', delivery: 'dispatch',
          signingToken: vault.sealSecret('dispatch-signing-token', SYSTEM.uuid, fakeToken('signing')), boardMessageId: '500000000000000001', lastPosted: null, lastEventAt: 5, lastPostAt: 6, health: 'ok', createdAt: 1,
        });
        await stores.preferences.set(USERS[2]!, { replies: 'only-me' });
        return {
          path,
          key,
          tokens,
          snapshot: { tokens: await stores.tokens.snapshot(), states: await stores.interactionState.snapshot(), logs: await stores.logSubscriptions.snapshot(), preferences: await stores.preferences.snapshot() },
        };
      });
    }

    it('copies tokens (still sealed) and prompts, prints counts and the next step, never a secret', async () => {
      const source = await sqliteSource();
      const url = withPassword(await database.fresh());

      const copied = await run((io) => migrateDbCli({ ...io, args: ['--from', `sqlite:${source.path}`, '--to', url] }));

      expect(copied.code).toBe(0);
      expect(copied.output).toContain(`Copied 3 stored tokens, 2 prompt/pager/form states, 1 front log and 1 preference record from ${source.path} to PostgreSQL at 127.0.0.1:5432/`);
      expect(copied.output).toContain(`TOKEN_ENCRYPTION_KEY set to the token key with key ID ${source.key.keyId}`);
      expect(copied.output).toContain(join(source.path, '..', 'switchboard.key'));
      for (const secret of ['hunter2', source.key.key.toString('base64'), ...source.tokens]) expect(copied.output).not.toContain(secret);
      await withPostgres(url, async (stores) => {
        expect(await stores.tokens.snapshot()).toEqual(source.snapshot.tokens);
        expect(await stores.interactionState.snapshot()).toEqual(source.snapshot.states);
        expect(await stores.logSubscriptions.snapshot()).toEqual(source.snapshot.logs);
        expect(await stores.preferences.get(USERS[2]!)).toEqual({ replies: 'only-me' });
        expect(await stores.preferences.snapshot()).toEqual(source.snapshot.preferences);
        const vault = new EncryptedTokens(stores.tokens, source.key);
        await vault.assertKeyMatches();
        for (const [index, user] of USERS.entries()) expect((await vault.get(user))?.token).toBe(source.tokens[index]);
      });
    });

    it('refuses a target that holds data unless --force, which replaces it', async () => {
      const source = await sqliteSource();
      const url = await database.fresh();
      const other = toEncryptionKey(generateKey());
      await sealTokens(url, other, [USERS[0]!]);
      const before = await withPostgres(url, (stores) => stores.tokens.snapshot());

      const refused = await run((io) => migrateDbCli({ ...io, args: [`--from=sqlite:${source.path}`, `--to=${url}`] }));
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/^migrate-db failed: PostgreSQL at .* already holds 1 stored token, 0 prompt\/pager\/form states, 0 front logs and 0 preference records and a token key check; nothing was copied\. Run again with --force/);
      expect(refused.output.split('\n')).toHaveLength(1);
      expect(await withPostgres(url, (stores) => stores.tokens.snapshot())).toEqual(before);

      const forced = await run((io) => migrateDbCli({ ...io, args: ['--from', `sqlite:${source.path}`, '--to', url, '--force'] }));
      expect(forced.code).toBe(0);
      expect(forced.output).toMatch(/Replacing what PostgreSQL at .* holds \(1 stored token, 0 prompt\/pager\/form states, 0 front logs and 0 preference records\), as --force asks\./);
      expect(await withPostgres(url, (stores) => stores.tokens.snapshot())).toEqual(source.snapshot.tokens);
    });

    it('refuses bad arguments with one line each, touching nothing', async () => {
      const missing = join(tempDir(), 'nowhere.db');
      const cases: Array<[string[], RegExp]> = [
        [['--from', `sqlite:${missing}`], /Both --from and --to are required/],
        [['--from', `postgres://x/y`, '--to', 'postgres://x/z'], /--from must be sqlite:PATH/],
        [['--from', `sqlite:${missing}`, '--to', 'postgres://127.0.0.1/x'], /There is no SQLite database at .*nowhere\.db\./],
        [['--from', 'sqlite:x.db', '--to', 'mysql://u:hunter2@h/d', '--yes'], /Unknown option "--yes"/],
        [['--to'], /--to needs a value/],
      ];
      for (const [args, expected] of cases) {
        const result = await run((io) => migrateDbCli({ ...io, args }));
        expect(result.code).toBe(1);
        expect(result.output).toMatch(expected);
        expect(result.output.split('\n')).toHaveLength(1);
        expect(result.output).not.toContain('hunter2');
      }
    });
  });

  it('npm run rotate-key re-encrypts under NEW_TOKEN_ENCRYPTION_KEY, and refuses without it', async () => {
    const url = withPassword(await database.fresh());
    const current = toEncryptionKey(generateKey());
    const tokens = await sealTokens(url, current);
    const env = { DATABASE_URL: url, TOKEN_ENCRYPTION_KEY: current.key.toString('base64') };

    const refused = await run((io) => rotateKeyCli({ ...io, env }));
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/NEW_TOKEN_ENCRYPTION_KEY/);

    const next = toEncryptionKey(randomBytes(32));
    const rotated = await run((io) => rotateKeyCli({ ...io, env: { ...env, NEW_TOKEN_ENCRYPTION_KEY: next.key.toString('base64') } }));
    expect(rotated.code).toBe(0);
    expect(rotated.output).toContain(`Re-encrypted 3 stored tokens under key id ${next.keyId} (was ${current.keyId}).`);
    expect(rotated.output).toMatch(/restart the bot \(every instance\)/);
    for (const secret of ['hunter2', current.key.toString('base64'), next.key.toString('base64'), ...tokens]) expect(rotated.output).not.toContain(secret);
    await withPostgres(url, async (stores) => {
      const vault = new EncryptedTokens(stores.tokens, next);
      await vault.assertKeyMatches();
      for (const [index, user] of USERS.entries()) expect((await vault.get(user))?.token).toBe(tokens[index]);
    });
  });

  it('npm run forget-tokens deletes what TOKEN_ENCRYPTION_KEY cannot open, after a dry run', async () => {
    const url = await database.fresh();
    const lost = toEncryptionKey(generateKey());
    await sealTokens(url, lost);
    const fresh = toEncryptionKey(generateKey());
    const env = { DATABASE_URL: url, TOKEN_ENCRYPTION_KEY: fresh.key.toString('base64') };
    const forget = (args: string[]) => run((io) => forgetTokensCli({ ...io, args, env, stdin: new PassThrough(), interactive: false }));

    const dryRun = await forget([]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.output).toContain(`Would delete 3 stored tokens (of 3) that this key cannot decrypt: 3 sealed under key ID ${lost.keyId}.`);
    expect(await withPostgres(url, (stores) => stores.tokens.count())).toBe(3);

    const done = await forget(['--yes']);
    expect(done.code).toBe(0);
    expect(done.output).toContain('Deleted 3 stored tokens; their users have to run /token set again. 0 stored tokens remain');
    await withPostgres(url, async (stores) => {
      expect(await stores.tokens.count()).toBe(0);
      await new EncryptedTokens(stores.tokens, fresh).assertKeyMatches();
    });
  });
});
