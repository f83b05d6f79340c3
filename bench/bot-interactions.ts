import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startBotProcess } from '../test/support/bot-process.js';
import { startFakeDiscord } from '../test/support/fake-discord/index.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';

/*
 * The bot's own cost per interaction, measured on the real built process:
 * fake gateway dispatch of /token status → interaction callback received by the
 * fake REST, with a warm vault and the emulator on loopback (rate limits off).
 * Then throughput with many interactions in flight, and RSS after 10,000.
 */

const SEQUENTIAL = 2_000;
const TOTAL = 10_000;
const CONCURRENCY = 50;
const USER = { id: '290000000000000001', username: 'bench' };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export async function benchBotInteractions(): Promise<Record<string, number | string>> {
  const discord = await startFakeDiscord({ interactionWindowMs: 60_000 });
  const pluralkit = await startPluralKitEmulator({ rateLimits: false });
  const bot = startBotProcess({
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    PLURALKIT_API_URL: pluralkit.url,
    LOG_LEVEL: 'warn',
  });
  try {
    // 'warn' hides the ready line; wait for the gateway handshake instead.
    await discord.waitForReady(20_000);
    const system = pluralkit.seedSystem({ name: 'Bench System' });
    await discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage(10_000);

    const status = () => discord.slashCommand({ name: 'token', subcommand: 'status', user: USER, guildId: null });
    for (let i = 0; i < 200; i++) await status().initialResponse(10_000);

    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const handle = status();
      await handle.initialResponse(10_000);
      latencies.push(handle.latencyMs()!);
    }

    // The PluralKit share of each interaction, measured the same way for comparison.
    const pkTimes: number[] = [];
    for (let i = 0; i < 500; i++) {
      const started = performance.now();
      const response = await fetch(`${pluralkit.url}/systems/@me`, { headers: { authorization: system.token!, 'user-agent': 'bench' } });
      await response.text();
      pkTimes.push(performance.now() - started);
    }

    const remaining = TOTAL - SEQUENTIAL - 200;
    const started = performance.now();
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < remaining) {
        sent++;
        await status().initialResponse(30_000);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;

    return {
      'interaction latency median (ms)': Math.round(percentile(latencies, 50) * 100) / 100,
      'interaction latency p99 (ms)': Math.round(percentile(latencies, 99) * 100) / 100,
      'of which PluralKit GET median (ms)': Math.round(percentile(pkTimes, 50) * 100) / 100,
      'interactions per second (50 in flight)': Math.round(remaining / seconds),
      'RSS after 10,000 interactions (MB)': rssMb(bot.child.pid!),
    };
  } finally {
    await bot.stop('SIGTERM').catch(() => undefined);
    bot.cleanup();
    await discord.close();
    await pluralkit.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchBotInteractions();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
