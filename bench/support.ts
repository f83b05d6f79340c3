import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  /** The bot's HTTP server, in http mode. */
  httpUrl?: string;
  discord: FakeDiscord;
  pluralkit: PluralKitEmulator;
  bot: BotProcess;
  stop(): Promise<void>;
}

export interface BenchWorldOptions {
  /** How the fake Discord delivers interactions: the gateway (default) or signed POSTs to /interactions. */
  transport?: 'gateway' | 'http';
  /** The emulator's rate limits; default off, so only the bot's own cost is measured. */
  rateLimits?: boolean;
  /** Extra environment for the bot process. */
  env?: Record<string, string>;
  /** Node flags instead of `npm start`'s (then `npm start`'s environment is not set either: pass it in `env`). */
  nodeFlags?: readonly string[];
}

/** The real built bot against both fakes, quiet logs, ready for traffic. */
export async function startBenchWorld(options: BenchWorldOptions = {}): Promise<BenchWorld> {
  const transport = options.transport ?? 'gateway';
  const discord = await startFakeDiscord({ interactionWindowMs: 60_000, delivery: transport });
  const pluralkit = await startPluralKitEmulator({ rateLimits: options.rateLimits ?? false });
  const port = transport === 'http' ? await freePort() : undefined;
  const bot = startBotProcess({
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    PLURALKIT_API_URL: pluralkit.url,
    LOG_LEVEL: 'warn',
    ...(port !== undefined ? { DISCORD_INTERACTIONS: 'http', HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', DISCORD_PUBLIC_KEY: discord.interactionsPublicKey } : {}),
    ...options.env,
  }, options.nodeFlags ? { nodeFlags: options.nodeFlags } : {});
  const stop = async (): Promise<void> => {
    await bot.stop('SIGTERM').catch(() => undefined);
    bot.cleanup();
    await discord.close();
    await pluralkit.close();
  };
  try {
    if (port !== undefined) {
      // 'warn' hides the ready line; /healthz says 200 once commands are registered.
      discord.setInteractionsEndpoint(`http://127.0.0.1:${port}/interactions`);
      await waitForHealthy(`http://127.0.0.1:${port}/healthz`, 20_000);
    } else {
      // 'warn' hides the ready line; wait for the gateway handshake instead.
      await discord.waitForReady(20_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { discord, pluralkit, bot, ...(port !== undefined ? { httpUrl: `http://127.0.0.1:${port}` } : {}), stop };
}

/** A port nothing listens on now (the OS picks it), for a child process that must be told one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${status})`);
    await sleep(50);
  }
}
