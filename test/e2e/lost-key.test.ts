import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toEncryptionKey } from '../../src/vault/crypto.js';
import { readKeyFile } from '../../src/vault/key-file.js';
import { startBotProcess } from '../support/bot-process.js';
import { connect, messageText, startWorld } from './helpers.js';

const USER = { id: '210000000000000001', username: 'dana' };
const FORGET_TOKENS_CLI = resolve(import.meta.dirname, '../../dist/src/cli/forget-tokens-cli.js');

/** The built `npm run forget-tokens`, from the data directory so no developer .env is read. */
function forgetTokens(dataDir: string, args: string[]): Promise<{ code: number; output: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: dataDir, DATABASE_PATH: join(dataDir, 'switchboard.db') };
  return new Promise((done) => {
    execFile(process.execPath, [FORGET_TOKENS_CLI, ...args], { cwd: dataDir, env, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
    });
  });
}

const keyFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.includes('.key'));

describe('a deleted token key file', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('stops the start with the key ID needed and writes no new key; forget-tokens then lets the bot start afresh', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-lost-key-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const keyFile = join(dataDir, 'switchboard.key');

    const first = await startWorld({ dataDir });
    cleanups.push(() => first.stop());
    const system = first.pluralkit.seedSystem({ name: 'Lost Key' });
    await connect(first, USER, system.token!);
    expect(await first.bot.stop('SIGTERM')).toBe(0);
    const { keyId } = toEncryptionKey(readKeyFile(keyFile));
    rmSync(keyFile);

    const restarted = startBotProcess({ DISCORD_TOKEN: 'x' }, { dataDir });
    cleanups.push(() => restarted.cleanup());
    expect(await restarted.waitForExit()).not.toBe(0);
    const refusal = restarted.lines.find((line) => line.startsWith('Switchboard cannot start:'));
    expect(refusal).toContain(keyId);
    expect(refusal).toContain(keyFile);
    expect(refusal).toMatch(/TOKEN_ENCRYPTION_KEY/);
    expect(refusal).toMatch(/npm run forget-tokens/);
    expect(keyFiles(dataDir)).toEqual([]);
    expect(restarted.output()).not.toContain(system.token!);

    const dryRun = await forgetTokens(dataDir, []);
    expect(dryRun.code).toBe(0);
    expect(dryRun.output).toMatch(/Would delete 1 stored token/);
    const forgotten = await forgetTokens(dataDir, ['--yes']);
    expect(forgotten.code).toBe(0);
    expect(forgotten.output).toMatch(/Deleted 1 stored token/);
    expect(forgotten.output).not.toContain(system.token!);

    const afresh = await startWorld({ dataDir });
    cleanups.push(() => afresh.stop());
    expect(existsSync(keyFile)).toBe(true);
    expect(toEncryptionKey(readKeyFile(keyFile)).keyId).not.toBe(keyId);
    const status = await afresh.discord.slashCommand({ name: 'token', subcommand: 'status', user: USER, guildId: null }).finalMessage();
    expect(messageText(status)).toMatch(/No PluralKit token is stored/);
  }, 60_000);
});
