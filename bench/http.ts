import { generateKeyPairSync, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { discordPublicKey, verifyDiscordSignature } from '../src/transport/http/signature.js';
import { percentile, rssMb, sleep, startBenchWorld, type BenchWorld } from './support.js';

/*
 * Discord's HTTP interactions endpoint (DISCORD_INTERACTIONS=http) beside gateway mode, on the
 * real built process in the same run: the signature check alone, /fronters round trips,
 * throughput with 50 in flight, RSS idle and after 10,000 interactions paced at 100/s, and
 * signed traffic while 1,000 forged POSTs arrive.
 */

const ROUND_TRIPS = 1_000;
const THROUGHPUT = 5_000;
const CONCURRENCY = 50;
const PACED_TOTAL = 10_000;
const PACED_PER_SECOND = 100;
const FORGED = 1_000;
const USER = { id: '291000000000000001', username: 'bench' };

function signatureCost(): Record<string, number> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const key = discordPublicKey(raw);
  const body = Buffer.from(JSON.stringify({ type: 2, id: '1', data: { name: 'fronters', options: [] }, padding: 'x'.repeat(1500) }));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
  const headers = { signature, timestamp };
  for (let i = 0; i < 500; i++) verifyDiscordSignature(key, headers, body, Date.now());
  const times: number[] = [];
  for (let i = 0; i < 5_000; i++) {
    const started = performance.now();
    verifyDiscordSignature(key, headers, body, Date.now());
    times.push(performance.now() - started);
  }
  return { 'signature check per request, median (ms; target <= 0.2)': percentile(times, 50), 'signature check per request, p99 (ms)': percentile(times, 99) };
}

async function withWorld<T>(transport: 'gateway' | 'http', run: (world: BenchWorld, fronters: () => ReturnType<BenchWorld['discord']['slashCommand']>) => Promise<T>): Promise<T> {
  const world = await startBenchWorld({ transport });
  try {
    const system = world.pluralkit.seedSystem({ name: 'Bench System' });
    world.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3_600_000), members: [world.pluralkit.seedMember(system.id, { name: 'Alice' }).id] });
    const fronters = () => world.discord.slashCommand({ name: 'fronters', options: { system: system.id }, user: USER, guildId: '391000000000000001' });
    for (let i = 0; i < 200; i++) await fronters().initialResponse(10_000);
    return await run(world, fronters);
  } finally {
    await world.stop();
  }
}

async function roundTrips(fronters: () => ReturnType<BenchWorld['discord']['slashCommand']>, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const handle = fronters();
    await handle.initialResponse(10_000);
    latencies.push(handle.latencyMs()!);
  }
  return latencies;
}

async function throughput(fronters: () => ReturnType<BenchWorld['discord']['slashCommand']>): Promise<number> {
  let sent = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (sent < THROUGHPUT) {
      sent++;
      await fronters().initialResponse(30_000);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return Math.round(THROUGHPUT / ((performance.now() - started) / 1000));
}

async function mode(transport: 'gateway' | 'http'): Promise<Record<string, number>> {
  const figures = await withWorld(transport, async (world, fronters) => {
    await sleep(500);
    const idle = rssMb(world.bot.child.pid!);
    const latencies = await roundTrips(fronters, ROUND_TRIPS);
    const perSecond = await throughput(fronters);
    return {
      [`${transport}: RSS idle (MB)`]: idle,
      [`${transport}: /fronters round trip median (ms)`]: percentile(latencies, 50),
      [`${transport}: /fronters round trip p99 (ms)`]: percentile(latencies, 99),
      [`${transport}: interactions per second, 50 in flight${transport === 'http' ? ' (target >= 1,500)' : ''}`]: perSecond,
    };
  });
  const pacedRss = await withWorld(transport, async (world, fronters) => {
    const started = performance.now();
    const pending: Array<Promise<unknown>> = [];
    for (let i = 0; i < PACED_TOTAL; i++) {
      const due = started + (i * 1000) / PACED_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      pending.push(fronters().initialResponse(30_000));
      if (pending.length >= 500) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    return rssMb(world.bot.child.pid!);
  });
  return { ...figures, [`${transport}: RSS after 10,000 interactions paced at 100/s (MB${transport === 'http' ? '; target <= 75' : ''})`]: pacedRss };
}

async function forgedBeside(): Promise<Record<string, number | string>> {
  return withWorld('http', async (world, fronters) => {
    const alone = await roundTrips(fronters, 500);
    const url = `${world.httpUrl!}/interactions`;
    const body = JSON.stringify({ id: '1', application_id: world.discord.applicationId, type: 2, token: 'x', data: { name: 'fronters' } });
    const statuses: number[] = [];
    const forged = (async () => {
      for (let i = 0; i < FORGED; i += 20) {
        const batch = Array.from({ length: 20 }, (_, j) =>
          world.discord.signedPost(url, body, (i + j) % 2 === 0 ? { omit: 'signature' } : { signature: 'ab'.repeat(64) }).then((result) => result.status),
        );
        statuses.push(...(await Promise.all(batch)));
      }
    })();
    const beside = await roundTrips(fronters, 500);
    await forged;
    const refused = statuses.filter((status) => status === 401).length;
    return {
      'forged POSTs answered 401 (of 1,000)': refused,
      'signed /fronters p99 alone (ms)': percentile(alone, 99),
      'signed /fronters p99 beside 1,000 forged POSTs (ms; target <= 2x alone)': percentile(beside, 99),
    };
  });
}

export async function benchHttp(): Promise<Record<string, number | string>> {
  return { ...signatureCost(), ...(await mode('gateway')), ...(await mode('http')), ...(await forgedBeside()) };
}
