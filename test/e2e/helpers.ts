import type { FakeDiscord } from '../support/fake-discord/index.js';
import type { PluralKitEmulator } from '../support/pluralkit-emulator/index.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import type { SlashOptionValue } from '../support/fake-discord/types.js';
import { startFakes, type Transport } from '../support/fakes.js';
import { buttonId, connectToken, subcommandPath } from '../support/messages.js';

export { buttonId, EPHEMERAL, messageText, snowflakeAt } from '../support/messages.js';
export { assertTokenNowhere } from '../support/token-nowhere.js';

export interface E2EWorld {
  discord: FakeDiscord;
  pluralkit: PluralKitEmulator;
  bot: BotProcess;
  stop(): Promise<void>;
}

export { TRANSPORTS } from '../support/fakes.js';

/** Starts both fakes and the real bot process wired to them, and waits until it is ready. */
export async function startWorld(options: { env?: Record<string, string | undefined>; dataDir?: string; transport?: Transport } = {}): Promise<E2EWorld> {
  const fakes = await startFakes({ transport: options.transport });
  const { discord, pluralkit, transport } = fakes;
  const bot = startBotProcess({ ...fakes.env, ...options.env }, options.dataDir ? { dataDir: options.dataDir } : {});
  try {
    if (transport === 'http') {
      const listening = await bot.waitForLog((entry) => entry.msg === 'HTTP server listening', 15_000);
      fakes.interactionsAt(Number(listening.port));
      await bot.waitForLog((entry) => entry.msg === 'taking interactions over HTTP (no gateway connection)', 15_000);
    } else {
      await bot.waitForLog((entry) => entry.msg === 'connected to Discord', 15_000);
    }
    await bot.waitForLog((entry) => typeof entry.msg === 'string' && /registered commands|not registering|registration failed/.test(entry.msg));
  } catch (error) {
    bot.cleanup();
    await fakes.close();
    throw error;
  }
  return {
    discord,
    pluralkit,
    bot,
    async stop() {
      await bot.stop('SIGTERM').catch(() => undefined);
      bot.cleanup();
      await fakes.close();
    },
  };
}

/** Stores a user's PluralKit token through the real DM modal flow. */
export function connect(world: E2EWorld, user: { id: string; username?: string }, token: string): Promise<void> {
  return connectToken(world.discord, user, token);
}

/** Acting as one user in one place: commands by path (`groups add`), presses by button label. */
export function actor(world: E2EWorld, user: { id: string; username?: string }, guildId: string | null) {
  return {
    run: (command: string, path = '', options: Record<string, SlashOptionValue> = {}) =>
      world.discord.slashCommand({ name: command, ...subcommandPath(path), options, user, guildId }).finalMessage(10_000),
    press: (message: Parameters<typeof buttonId>[0], label: string) => world.discord.button({ customId: buttonId(message, label), user, guildId }).finalMessage(10_000),
  };
}

/** What PluralKit holds, read over HTTP (with a token: the owner view). */
export async function pluralkitGet<T>(world: E2EWorld, path: string, token?: string | null): Promise<{ status: number; body: T }> {
  const response = await fetch(`${world.pluralkit.url}${path}`, { headers: { 'user-agent': 'test', ...(token ? { authorization: token } : {}) } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A world whose `user` has a connected system (rate limits off): the start of a command's smoke run. */
export async function startWorldWithSystem(user: { id: string; username?: string }, transport: Transport = 'gateway'): Promise<{ world: E2EWorld; system: { id: string; token: string } }> {
  const world = await startWorld({ transport });
  world.pluralkit.setRateLimits(false);
  const seeded = world.pluralkit.seedSystem({ name: 'Smoke', accounts: [user.id] });
  const system = { id: seeded.id, token: seeded.token! };
  await connect(world, user, system.token);
  return { world, system };
}
