import { performance } from 'node:perf_hooks';
import { percentile, rssMb, sleep, startBenchWorld, type BenchWorld } from './support.js';

/*
 * The bot's own cost per interaction, measured on the real built process:
 * fake gateway dispatch of /token status → interaction callback received by the
 * fake REST, with a warm vault and the emulator on loopback (rate limits off).
 * Then throughput with many interactions in flight, RSS after 10,000 at full
 * speed, and, on a fresh process, RSS after 10,000 paced at 100/s.
 */

const SEQUENTIAL = 2_000;
const TOTAL = 10_000;
const CONCURRENCY = 50;
const PACED_PER_SECOND = 100;
const USER = { id: '290000000000000001', username: 'bench' };

async function connect(world: BenchWorld): Promise<{ token: string; status: () => ReturnType<BenchWorld['discord']['slashCommand']> }> {
  const system = world.pluralkit.seedSystem({ name: 'Bench System' });
  await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage(10_000);
  return { token: system.token!, status: () => world.discord.slashCommand({ name: 'token', subcommand: 'status', user: USER, guildId: null }) };
}

async function fullSpeed(): Promise<Record<string, number | string>> {
  const world = await startBenchWorld();
  const { pluralkit, bot } = world;
  try {
    const { token, status } = await connect(world);
    for (let i = 0; i < 200; i++) await status().initialResponse(10_000);
    await sleep(500);
    const idle = rssMb(bot.child.pid!);

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
      const response = await fetch(`${pluralkit.url}/systems/@me`, { headers: { authorization: token, 'user-agent': 'bench' } });
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
      'RSS idle after start and 200 interactions (MB)': idle,
      'interaction latency median (ms)': percentile(latencies, 50),
      'interaction latency p99 (ms)': percentile(latencies, 99),
      'of which PluralKit GET median (ms)': percentile(pkTimes, 50),
      'interactions per second (50 in flight; target >= 1,000)': Math.round(remaining / seconds),
      'RSS after 10,000 interactions at full speed (MB; target <= 130)': rssMb(bot.child.pid!),
    };
  } finally {
    await world.stop();
  }
}

async function paced(): Promise<Record<string, number | string>> {
  const world = await startBenchWorld();
  try {
    const { status } = await connect(world);
    const started = performance.now();
    const pending: Array<Promise<unknown>> = [];
    for (let i = 0; i < TOTAL; i++) {
      const due = started + (i * 1000) / PACED_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      pending.push(status().initialResponse(30_000));
      if (pending.length >= 500) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    return { [`RSS after 10,000 interactions paced at ${PACED_PER_SECOND}/s (MB; target <= 110)`]: rssMb(world.bot.child.pid!) };
  } finally {
    await world.stop();
  }
}

export async function benchBotInteractions(): Promise<Record<string, number | string>> {
  return { ...(await fullSpeed()), ...(await paced()) };
}
