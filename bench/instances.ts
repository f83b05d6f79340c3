import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createClient } from 'redis';
import { startFakeDiscord, type FakeDiscord } from '../test/support/fake-discord/index.js';
import { startBotProcess, type BotProcess } from '../test/support/bot-process.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';
import { RoundRobin } from '../test/instances/round-robin.js';
import { freePort, percentile, sleep } from './support.js';

/*
 * One against two real bot processes in http mode on one PostgreSQL and one Redis, behind a
 * round-robin balancer, same machine, same run: interactions per second with 50 in flight and
 * p99 (/token status, PluralKit limits off), then 200 public /fronters at once about 50 systems
 * with PluralKit's limits on (requests sent, 429s). On a shared 2-core machine the two processes
 * compete with everything else: the figures are printed "under load", not tuned to.
 */

const POSTGRES_ADMIN = process.env.TEST_POSTGRES_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';
/** A logical database of its own, so the bench's keys (default prefix) meet no one else's; they are deleted afterwards. */
const REDIS_URL = `${process.env.TEST_REDIS_URL?.trim() || 'redis://127.0.0.1:6379'}/14`;
const KEY = randomBytes(32).toString('base64');
const TOTAL = 3_000;
const IN_FLIGHT = 50;
const SYSTEMS = 50;
const ASKS = 200;
const USER = { id: '294000000000000001', username: 'bench' };
const GUILD = '294000000000000009';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function forgetRedisKeys(): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: 'switchboard:*', COUNT: 500 })) if (keys.length > 0) await client.del(keys);
  } finally {
    await client.close();
  }
}

async function healthy(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await fetch(url).then((response) => response.status, () => 0)) !== 200) {
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy`);
    await sleep(50);
  }
}

interface Deployment {
  discord: FakeDiscord;
  pluralkit: PluralKitEmulator;
  bots: BotProcess[];
  stop(): Promise<void>;
}

async function deploy(instances: number, rateLimits: boolean, env: Record<string, string | undefined> = {}): Promise<Deployment> {
  const database = `switchboard_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(POSTGRES_ADMIN);
  url.pathname = `/${database}`;
  const discord = await startFakeDiscord({ interactionWindowMs: 60_000, delivery: 'http' });
  const pluralkit = await startPluralKitEmulator({ rateLimits });
  const ports = await Promise.all(Array.from({ length: instances }, () => freePort()));
  const bots = ports.map((port) =>
    startBotProcess({
      DISCORD_TOKEN: discord.botToken,
      DISCORD_API_URL: discord.apiUrl,
      PLURALKIT_API_URL: pluralkit.url,
      DATABASE_URL: url.toString(),
      REDIS_URL,
      TOKEN_ENCRYPTION_KEY: KEY,
      DISCORD_INTERACTIONS: 'http',
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      DISCORD_PUBLIC_KEY: discord.interactionsPublicKey,
      LOG_LEVEL: 'warn',
      ...env,
    }),
  );
  const balancer = new RoundRobin(ports.map((port) => `http://127.0.0.1:${port}`));
  const stop = async (): Promise<void> => {
    await Promise.all(bots.map((bot) => bot.stop('SIGTERM').catch(() => undefined)));
    for (const bot of bots) bot.cleanup();
    await balancer.close();
    await discord.close();
    await pluralkit.close();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await forgetRedisKeys();
  };
  try {
    await Promise.all(ports.map((port) => healthy(`http://127.0.0.1:${port}/healthz`)));
    discord.setInteractionsEndpoint(`${await balancer.listen()}/interactions`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { discord, pluralkit, bots, stop };
}

export async function throughput(instances: number, env: Record<string, string | undefined> = {}, total = TOTAL): Promise<{ perSecond: number; p99: number }> {
  const world = await deploy(instances, false, env);
  try {
    const system = world.pluralkit.seedSystem({ name: 'Bench System' });
    await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: system.token! }, user: USER, guildId: null }).finalMessage(10_000);
    const status = () => world.discord.slashCommand({ name: 'token', subcommand: 'status', user: USER, guildId: null });
    for (let i = 0; i < 200; i++) await status().initialResponse(10_000);
    const latencies: number[] = [];
    let sent = 0;
    const started = performance.now();
    const worker = async (): Promise<void> => {
      while (sent < total) {
        sent++;
        const handle = status();
        await handle.initialResponse(30_000);
        latencies.push(handle.latencyMs()!);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return { perSecond: Math.round(total / ((performance.now() - started) / 1000)), p99: percentile(latencies, 99) };
  } finally {
    await world.stop();
  }
}

async function publicFronters(instances: number): Promise<{ withData: number; requests: number; tooMany: number }> {
  const world = await deploy(instances, true);
  try {
    const systems: string[] = [];
    for (let i = 0; i < SYSTEMS; i++) {
      const system = world.pluralkit.seedSystem({ name: `System ${i}` });
      const member = world.pluralkit.seedMember(system.id, { name: `Alpha ${i}` });
      world.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3_600_000), members: [member.id] });
      systems.push(system.id);
    }
    world.pluralkit.clearRequests();
    const answers = await Promise.all(
      Array.from({ length: ASKS }, (_, i) =>
        world.discord
          .slashCommand({ name: 'fronters', options: { system: systems[i % SYSTEMS]! }, user: { id: String(295000000000000000n + BigInt(i)), username: `asker${i}` }, guildId: GUILD })
          .finalMessage(60_000)
          .catch(() => ({})),
      ),
    );
    const withData = (answers as Array<{ embeds?: Array<{ fields?: Array<{ name: string }> }> }>).filter((answer) => answer.embeds?.[0]?.fields?.some((field) => field.name.startsWith('Current fronter'))).length;
    return { withData, requests: world.pluralkit.requests.length, tooMany: world.pluralkit.requests.filter((request) => request.status === 429).length };
  } finally {
    await world.stop();
  }
}

export async function benchInstances(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  for (const instances of [1, 2]) {
    const { perSecond, p99 } = await throughput(instances);
    figures[`${instances} instance(s): interactions/s, 50 in flight (under load)`] = perSecond;
    figures[`${instances} instance(s): p99 ms (under load)`] = p99;
  }
  for (const instances of [1, 2]) {
    const { withData, requests, tooMany } = await publicFronters(instances);
    figures[`${instances} instance(s): 200 public /fronters over 50 systems, answered with data`] = withData;
    figures[`${instances} instance(s): PluralKit requests (target <= 50)`] = requests;
    figures[`${instances} instance(s): PluralKit 429s (target 0)`] = tooMany;
  }
  return figures;
}
