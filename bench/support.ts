import { readFileSync } from 'node:fs';
import { startBotProcess, type BotProcess } from '../test/support/bot-process.js';
import { startFakeDiscord, type FakeDiscord } from '../test/support/fake-discord/index.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 1000) / 1000;
}

/** Resident set size of a process in MB, one decimal, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface BenchWorld {
  discord: FakeDiscord;
  pluralkit: PluralKitEmulator;
  bot: BotProcess;
  stop(): Promise<void>;
}

export interface BenchWorldOptions {
  /** The emulator's rate limits; default off, so only the bot's own cost is measured. */
  rateLimits?: boolean;
  /** Extra environment for the bot process. */
  env?: Record<string, string>;
}

/** The real built bot against both fakes, quiet logs, ready for traffic. */
export async function startBenchWorld(options: BenchWorldOptions = {}): Promise<BenchWorld> {
  const discord = await startFakeDiscord({ interactionWindowMs: 60_000 });
  const pluralkit = await startPluralKitEmulator({ rateLimits: options.rateLimits ?? false });
  const bot = startBotProcess({
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    PLURALKIT_API_URL: pluralkit.url,
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const stop = async (): Promise<void> => {
    await bot.stop('SIGTERM').catch(() => undefined);
    bot.cleanup();
    await discord.close();
    await pluralkit.close();
  };
  try {
    // 'warn' hides the ready line; wait for the gateway handshake instead.
    await discord.waitForReady(20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { discord, pluralkit, bot, stop };
}
