import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startBotProcess } from '../support/bot-process.js';
import { EPHEMERAL, messageText, startWorld, type E2EWorld } from './helpers.js';

const USER = { id: '210000000000000001', username: 'dana' };

describe('bot process lifecycle', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-life-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it('refuses to start without DISCORD_TOKEN, with one line naming it', async () => {
    const bot = startBotProcess({ DISCORD_TOKEN: undefined });
    cleanups.push(() => bot.cleanup());
    expect(await bot.waitForExit()).toBe(1);
    const errorLines = bot.lines.filter((line) => line.includes('DISCORD_TOKEN'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^Switchboard cannot start: .*DISCORD_TOKEN/);
  });

  it('refuses to start with a malformed TOKEN_ENCRYPTION_KEY', async () => {
    const bot = startBotProcess({ DISCORD_TOKEN: 'x', TOKEN_ENCRYPTION_KEY: 'too-short' });
    cleanups.push(() => bot.cleanup());
    expect(await bot.waitForExit()).toBe(1);
    expect(bot.output()).toMatch(/TOKEN_ENCRYPTION_KEY/);
    expect(bot.output()).not.toContain('too-short');
  });

  it('refuses to start with DATABASE_URL but no TOKEN_ENCRYPTION_KEY, in one line, never echoing the URL', async () => {
    const dataDir = tempDir();
    const bot = startBotProcess({ DISCORD_TOKEN: 'x', TOKEN_ENCRYPTION_KEY: undefined, DATABASE_URL: 'postgres://sb:hunter2@127.0.0.1:5432/switchboard' }, { dataDir });
    cleanups.push(() => bot.cleanup());
    expect(await bot.waitForExit()).toBe(1);
    const errorLines = bot.lines.filter((line) => line.includes('TOKEN_ENCRYPTION_KEY'));
    expect(errorLines).toEqual([expect.stringMatching(/^Switchboard cannot start: DATABASE_URL is set, so TOKEN_ENCRYPTION_KEY is required/)]);
    expect(bot.output()).not.toContain('hunter2');
    // Neither a key file nor a SQLite file was written.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('generates a 0600 key file, registers once, skips unchanged registration on restart, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const first: E2EWorld = await startWorld({ dataDir });
    cleanups.push(() => first.stop());
    expect(first.bot.logs().some((l) => l.msg === 'registered commands')).toBe(true);
    const keyFile = join(dataDir, 'switchboard.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.bot.logs().some((l) => l.level === 40 && /TOKEN_ENCRYPTION_KEY/.test(String(l.msg)))).toBe(true);
    expect(await first.bot.stop('SIGTERM')).toBe(0);
    expect(first.bot.logs().some((l) => l.msg === 'shut down cleanly')).toBe(true);

    const second = await startWorld({ dataDir });
    cleanups.push(() => second.stop());
    expect(second.bot.logs().some((l) => l.msg === 'command definitions unchanged; not registering')).toBe(true);
    expect(second.discord.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  }, 40_000);

  it('refuses to start when the key cannot decrypt the stored tokens', async () => {
    const dataDir = tempDir();
    const keyA = randomBytes(32).toString('base64');
    const world = await startWorld({ dataDir, env: { TOKEN_ENCRYPTION_KEY: keyA } });
    cleanups.push(() => world.stop());
    const system = world.pluralkit.seedSystem({ name: 'Key Test' });
    await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage();
    expect(await world.bot.stop('SIGTERM')).toBe(0);

    const wrong = startBotProcess({ DISCORD_TOKEN: 'x', TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') }, { dataDir });
    cleanups.push(() => wrong.cleanup());
    expect(await wrong.waitForExit()).toBe(1);
    expect(wrong.output()).toMatch(/cannot decrypt|does not match|wrong key/i);
  }, 40_000);

  it('SIGTERM lets an in-flight reply finish before exiting 0', async () => {
    const world = await startWorld();
    cleanups.push(() => world.stop());
    const system = world.pluralkit.seedSystem({ name: 'Slow System' });
    await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage();
    world.pluralkit.injectFault({ path: '/systems/@me', delayMs: 1200 });
    const handle = world.discord.slashCommand({ name: 'token', subcommand: 'status', user: USER, guildId: null });
    await world.bot.waitForLog((l) => l.msg === 'interaction received' && l.command === '/token status');
    world.bot.child.kill('SIGTERM');
    const reply = await handle.finalMessage(10_000);
    expect(messageText(reply)).toContain(system.id);
    expect(await world.bot.waitForExit()).toBe(0);
  }, 40_000);

  it('an interaction that arrives while SIGTERM drains the work is told to retry, privately, instead of timing out', async () => {
    const world = await startWorld();
    cleanups.push(() => world.stop());
    const system = world.pluralkit.seedSystem({ name: 'Draining System' });
    await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage();
    world.pluralkit.injectFault({ path: '/systems/@me', delayMs: 2500 });
    const inFlight = world.discord.slashCommand({ name: 'token', subcommand: 'status', user: USER, guildId: null });
    await world.bot.waitForLog((l) => l.msg === 'interaction received' && l.command === '/token status');
    world.bot.child.kill('SIGTERM');
    await world.bot.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('shutting down'));
    const late = await world.discord.slashCommand({ name: 'help', user: USER, guildId: null }).finalMessage(5_000);
    expect(late.content).toMatch(/restarting/);
    expect(late.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(await inFlight.finalMessage(10_000))).toContain(system.id);
    expect(await world.bot.waitForExit()).toBe(0);
  }, 40_000);
});
