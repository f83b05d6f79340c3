import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandModules } from '../../commands/index.js';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { connectToken, messageText } from '../support/messages.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';
import { postgresAdminUrl, usePostgresDatabase } from '../support/postgres.js';
import { botEnvironment } from '../support/fakes.js';
import { redisTestUrl, useRedisPrefix } from '../support/redis.js';
import { sharedByInstances } from './deployment.js';
import { RoundRobin } from './round-robin.js';

/*
 * Two bot instances in http mode on one PostgreSQL database and one Redis, behind a round-robin
 * load balancer, as a deployment at scale runs them (platform.md, "Many instances").
 */

const OWNER = { id: '262000000000000001', username: 'owner' };
const VIEWER = { id: '262000000000000002', username: 'viewer' };
const GUILD = '362000000000000001';
const KEY = Buffer.alloc(32, 9).toString('base64');

describe.skipIf(!postgresAdminUrl || !redisTestUrl)('two instances on one PostgreSQL and one Redis', () => {
  const database = usePostgresDatabase();
  const prefix = useRedisPrefix();
  let discord: FakeDiscord;
  let pluralkit: PluralKitEmulator;
  let balancer: RoundRobin;
  const instances: RunningApp[] = [];
  const logs: string[] = [];
  let system: { id: string; token: string | null };

  beforeAll(async () => {
    // Both instances, the fakes and 100 interactions at once share this test's one event loop: Discord's 3 s
    // window for the first answer is widened so a loaded machine tests the shared limits, not its own speed.
    discord = await startFakeDiscord({ delivery: 'http', interactionWindowMs: 30_000 });
    pluralkit = await startPluralKitEmulator({ rateLimits: true });
    const config = loadConfig(
      {
        ...botEnvironment(discord, pluralkit, 'http'),
        ...sharedByInstances(database.url(), prefix, KEY),
        LOG_LEVEL: 'info',
      },
      { requireDiscordToken: true, loadDotEnv: false },
    );
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    // Started together, as a deployment rolls out: both reach the registration at the same time.
    instances.push(...(await Promise.all([0, 1].map(() => startApp(config, createLogger('info', sink), commandModules)))));
    balancer = new RoundRobin(instances.map((app) => `http://127.0.0.1:${app.httpAddress!.port}`));
    discord.setInteractionsEndpoint(`${await balancer.listen()}/interactions`);
    system = pluralkit.seedSystem({ name: 'Two Rooms', accounts: [OWNER.id] });
    pluralkit.seedMember(system.id, { name: 'Alice' });
    await connectToken(discord, OWNER, system.token!);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map((app) => app.stop()));
    await balancer?.close();
    await discord?.close();
    await pluralkit?.close();
  });

  it('both share through Redis, and the commands are registered once', () => {
    expect(logs.filter((line) => line.includes('sharing rate limits, public views and list versions through Redis'))).toHaveLength(2);
    const registrations = discord.requests.filter((request) => request.method === 'PUT' && /\/applications\/\d+\/commands$/.test(request.path));
    expect(registrations).toHaveLength(1);
  });

  it('a member created through one instance autocompletes on the other at once', async () => {
    const offered = async (): Promise<string[]> => {
      const answer = await discord.autocomplete({ name: 'member', subcommand: 'view', options: { member: '' }, focused: 'member', user: OWNER, guildId: GUILD }).initialResponse();
      return (answer.data!.choices as Array<{ name: string }>).map((choice) => choice.name);
    };
    // Each instance caches the list as it is now (two requests: one per instance).
    const first = balancer.served.length;
    const before = [await offered(), await offered()];
    expect(new Set(balancer.served.slice(first))).toEqual(new Set([0, 1]));
    for (const names of before) expect(names.join()).not.toContain('Zed');

    const made = balancer.served.length;
    const created = await discord.slashCommand({ name: 'member', subcommand: 'create', options: { name: 'Zed' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(created)).toMatch(/Created member \*\*Zed\*\*/);
    const creator = balancer.served[made]!;

    const after = [await offered(), await offered()];
    const answeredBy = balancer.served.slice(made + 1);
    expect(answeredBy).toContain(1 - creator);
    for (const names of after) expect(names.join()).toContain('Zed');
  });

  it('100 public /fronters at once, split across both, get no 429 from PluralKit', async () => {
    const systems = Array.from({ length: 25 }, (_, index) => pluralkit.seedSystem({ name: `Public ${index}` }));
    for (const each of systems) {
      const fronter = pluralkit.seedMember(each.id, { name: `Front of ${each.id}` });
      pluralkit.seedSwitch(each.id, { timestamp: new Date(Date.now() - 3_600_000), members: [fronter.id] });
    }
    const since = pluralkit.requests.length;
    const first = balancer.served.length;
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        discord.slashCommand({ name: 'fronters', options: { system: systems[index % systems.length]!.id }, user: VIEWER, guildId: GUILD }).finalMessage(60_000),
      ),
    );
    const served = balancer.served.slice(first);
    expect(served.filter((index) => index === 0).length).toBe(50);
    const sent = pluralkit.requests.slice(since);
    expect(sent.filter((request) => request.status === 429)).toEqual([]);
    // A /fronters reply reads two things per system (its fronters, and the system to name it): the
    // 100 requests at once reach PluralKit at most once per instance for each, kept 5 s in Redis after.
    expect(sent.length).toBeLessThanOrEqual(2 * 2 * systems.length);
    // Every answer names its fronter: none was turned away by the limiter either.
    const answered = replies.filter((reply, index) => messageText(reply).includes(`Front of ${systems[index % systems.length]!.id}`));
    expect(answered).toHaveLength(100);
  }, 120_000);
});
