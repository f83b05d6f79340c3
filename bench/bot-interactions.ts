import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { percentile, startBenchWorld } from './support.js';

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

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export async function benchBotInteractions(): Promise<Record<string, number | string>> {
  const world = await startBenchWorld();
  const { discord, pluralkit, bot } = world;
  try {
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
      'interaction latency median (ms)': percentile(latencies, 50),
      'interaction latency p99 (ms)': percentile(latencies, 99),
      'of which PluralKit GET median (ms)': percentile(pkTimes, 50),
      'interactions per second (50 in flight)': Math.round(remaining / seconds),
      'RSS after 10,000 interactions (MB)': rssMb(bot.child.pid!),
    };
  } finally {
    await world.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchBotInteractions();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
